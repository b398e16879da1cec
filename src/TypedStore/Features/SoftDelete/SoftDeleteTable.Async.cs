using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.SoftDelete;

/// <content>
/// The async forms of restore, purge and tombstone collection. On the store nothing blocks a thread on an async engine:
/// <c>RestoreAsync</c> and <c>PurgeAsync</c> record their one member and await its commit
/// (<see cref="CommitPipeline.CommitAndReturnAsync"/>); <c>PurgeDeletedAsync</c> takes the purge gate with
/// <see cref="SoftDeleteGate.EnterPurgeAsync"/>, reads its chunk a page at a time (<see cref="RangeRowWalk"/>) and awaits
/// the chunk's commit while holding it, as the synchronous member does with an iterator. In a batch or a transaction
/// restore and purge only record, so their async forms record at once and return a completed task.
/// </content>
/// <remarks>Failures come through the task; a token already cancelled writes nothing.</remarks>
public sealed partial class SoftDeleteTable<TRow, TKey, TCodec>
{
    /// <summary>The async form of <see cref="Restore{TContext}"/>.</summary>
    public ValueTask RestoreAsync<TContext>(in TContext context, in TKey key, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
        => RestoreOrPurgeAsync(context, key, purge: false, cancellationToken);

    /// <summary>The async form of <see cref="Purge{TContext}"/>.</summary>
    public ValueTask PurgeAsync<TContext>(in TContext context, in TKey key, CancellationToken cancellationToken)
        where TContext : struct, IWriteContext
        => RestoreOrPurgeAsync(context, key, purge: true, cancellationToken);

    // Restore and purge differ only in the op they record: on the store it is committed through the async pipeline; in a
    // batch or a transaction the synchronous member records it.
    private ValueTask RestoreOrPurgeAsync<TContext>(in TContext context, in TKey key, bool purge, CancellationToken cancellationToken)
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
                if (purge)
                {
                    Purge(context, key);
                }
                else
                {
                    Restore(context, key);
                }

                return default;
            }

            WriteSet writes = RentDirectSet();
            KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
            try
            {
                _table.EncodeRowKey(ref keyWriter, key);
                long now = _table.Store.GetUtcNowTicks();
                if (purge)
                {
                    SoftDeleteInterceptor.RecordPurge(writes, _table.WriteTable, keyWriter.WrittenSpan, now);
                }
                else
                {
                    SoftDeleteInterceptor.RecordRestore(writes, _table.WriteTable, keyWriter.WrittenSpan, now);
                }
            }
            catch
            {
                WriteSet.Return(writes);
                throw;
            }
            finally
            {
                keyWriter.Dispose();
            }

            return CommitPipeline.CommitAndReturnAsync(_table.Store.Engine, writes, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <summary>
    /// The async form of <see cref="PurgeDeleted"/>: the same chunks, each under the purge gate entered without blocking
    /// a thread, its entries read a page at a time and its removals committed with an awaited write. A token cancelled
    /// between chunks stops the purge there: the chunks committed before stay committed (each is atomic).
    /// </summary>
    public async ValueTask<long> PurgeDeletedAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        StorageEngine engine = _table.Store.Engine;
        long cutoffTicks = olderThan.UtcTicks;
        long purged = 0;
        byte[]? resumeFrom = [];
        while (resumeFrom is not null)
        {
            WriteSet writes = WriteSet.Rent();
            try
            {
                await _gate.EnterPurgeAsync(writes, cancellationToken).ConfigureAwait(false);
                try
                {
                    (long chunk, resumeFrom) = await PurgeChunkAsync(engine, writes, cutoffTicks, resumeFrom, cancellationToken).ConfigureAwait(false);
                    purged += chunk;
                }
                finally
                {
                    _gate.ExitPurge();
                }
            }
            finally
            {
                WriteSet.Return(writes);
            }
        }

        return purged;
    }

    // PurgeChunk over pages: at most PurgeChunkSize rows or orphan markers from <resumeFrom>, judged and removed while the
    // writers are kept out (so what the pages show is what the commit removes). Returns the rows removed and where the
    // next chunk starts (past the last row examined and its marker), or null when the table holds nothing further.
    private async ValueTask<(long Purged, byte[]? ResumeFrom)> PurgeChunkAsync(StorageEngine engine, WriteSet writes, long cutoffTicks, byte[] resumeFrom, CancellationToken cancellationToken)
    {
        long purged = 0;
        int examined = 0;
        long now = _table.Store.GetUtcNowTicks();
        byte[]? next = null;
        using (RangeRowWalk rows = new(_table.Descriptor.Name, engine, _table.ColumnFamily, resumeFrom, [], markers: true, snapshot: null, PagedEntries.MaxPageEntries))
        {
            while (true)
            {
                if (examined == TableCore<TRow, TKey, TCodec>.PurgeChunkSize)
                {
                    next = rows.ResumeKey();
                    break;
                }

                if (!await rows.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    break;
                }

                examined++;
                if (!rows.IsDeleted || rows.DeletedUtcTicks >= cutoffTicks)
                {
                    continue;
                }

                SoftDeleteInterceptor.RecordPurgeFound(writes, _table.WriteTable, rows.Key, rows.HasRow, now);
                if (rows.HasRow)
                {
                    purged++;
                }
            }
        }

        await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
        return (purged, next);
    }

    // A one-member set of the store's own, as the store's WriteScope rents (a disposed store refuses first).
    private WriteSet RentDirectSet()
    {
        _table.Store.ThrowIfDisposed();
        WriteSet writes = WriteSet.Rent();
        writes.RequireDurability(_table.Durability);
        return writes;
    }
}
