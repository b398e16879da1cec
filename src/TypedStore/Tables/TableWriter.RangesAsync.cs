using TypedStore.Diagnostics;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// The async range deletes: <c>ClearAsync</c>, a query's <c>DeleteAsync()</c> and <c>DeleteAsync(query)</c>,
/// <c>DeleteUserAsync</c>. On the store (a context that commits each write) nothing blocks a thread on an async engine:
/// a table whose range deletes are one engine range delete records it and awaits the commit through
/// <see cref="CommitPipeline.CommitAndReturnAsync"/>; a table whose feature must see each row removed (a change feed:
/// <see cref="WriteTable.RangeDeletesByRow"/>) first reads the range's rows a page at a time
/// (<see cref="RangeRowWalk"/>, through one snapshot taken with <see cref="StorageEngine.CreateSnapshotAsync"/>, as the
/// synchronous member reads them through one iterator), then awaits the commit of their removals. In a batch or a
/// transaction the member only records; a change-feed table reads the range's rows over async pages first
/// (TableWriter.RangesRecordAsync.cs).
/// </content>
/// <remarks>
/// What the commit steps read at commit (an index's rows of the range) is theirs: docs/async.md, "What runs
/// synchronously". Failures come through the task; a token already cancelled removes nothing.
/// </remarks>
public sealed partial class TableWriter<TRow, TKey, TCodec>
{
    /// <summary>The async form of <see cref="Clear{TContext}"/>.</summary>
    public ValueTask ClearAsync<TContext>(in TContext context, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
        => DeleteRangeAsync(context, [], [], empty: false, cancellationToken);

    /// <summary>The async form of <see cref="DeletePrefix{TContext}"/>: one range delete of the prefix's rows, awaited on the store.</summary>
    public ValueTask DeletePrefixAsync<TContext>(in TContext context, ReadOnlySpan<byte> prefix, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            if (!context.CommitsEachWrite)
            {
                DeletePrefix(context, prefix);
                return default;
            }

            if (prefix.IsEmpty)
            {
                throw new ArgumentException("A prefix delete needs a non-empty prefix.", nameof(prefix));
            }

            long started = TableMetrics.Start();
            WriteSet writes = RentDirectSet();
            try
            {
                RecordDeletePrefix(writes, prefix);
            }
            catch
            {
                WriteSet.Return(writes);
                throw;
            }

            return Completed(CommitPipeline.CommitAndReturnAsync(_store.Engine, writes, cancellationToken), StoreOperation.DeleteRange, started);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>
    /// The async form of <see cref="DeleteRange{TContext}"/>: removes every row in [<paramref name="lower"/>,
    /// <paramref name="upper"/>) (an empty <paramref name="upper"/>: to the end) as one atomic write.
    /// </summary>
    internal ValueTask DeleteRangeAsync<TContext>(in TContext context, byte[] lower, byte[] upper, bool empty, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        try
        {
            if (!context.CommitsEachWrite)
            {
                if (empty || !_writeTable.RangeDeletesByRow)
                {
                    DeleteRange(context, lower, upper, empty);
                    return default;
                }

                // A change feed records a change per row: the rows are read over async pages, then recorded.
                _store.ThrowIfDisposed();
                return RecordRowsOfRangeAsync(context, lower, upper.Length == 0 ? KeyBounds.BeyondLongestKey : upper, cancellationToken);
            }

            _store.ThrowIfDisposed();
            if (empty)
            {
                return default;
            }

            _metrics.Completed(StoreOperation.DeleteRange, started: 0);
            byte[] end = upper.Length == 0 ? KeyBounds.BeyondLongestKey : upper;
            long utcTicks = _store.GetUtcNowTicks();
            if (_writeTable.RangeDeletesByRow)
            {
                return DeleteRowsOfRangeAsync(lower, end, utcTicks, cancellationToken);
            }

            WriteSet writes = RentDirectSet();
            try
            {
                _writeTable.RecordDeleteRange(writes, lower, end, utcTicks);
            }
            catch
            {
                WriteSet.Return(writes);
                throw;
            }

            return CommitPipeline.CommitAndReturnAsync(_store.Engine, writes, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    // RecordRowsOfRange on the store, read without blocking: a set of the member's own holds no earlier puts, so the rows
    // removed are exactly those the range holds at the snapshot, each with its own change, in key order. The snapshot is
    // released before the commit (the commit does not read through it).
    private async ValueTask DeleteRowsOfRangeAsync(byte[] lower, byte[] end, long utcTicks, CancellationToken cancellationToken)
    {
        StorageEngine engine = _store.Engine;
        WriteSet writes = RentDirectSet();
        StorageSnapshot? snapshot = null;
        try
        {
            snapshot = await engine.CreateSnapshotAsync(cancellationToken).ConfigureAwait(false);
            using (RangeRowWalk rows = new(_table.Descriptor.Name, engine, _columnFamily, lower, end, markers: _table.SoftDelete is not null, snapshot, PagedEntries.MaxPageEntries))
            {
                while (await rows.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    RecordRowRemoval(writes, rows.Key, rows.HasRow, utcTicks);
                }
            }

            snapshot.Dispose();
            snapshot = null;
            await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            snapshot?.Dispose();
            WriteSet.Return(writes);
        }
    }
}
