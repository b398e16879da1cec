using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// The async reads of a table whose rows are stored alone, through the engine's <see cref="StorageEngine.ReadPageAsync"/>
/// (<see cref="PagedEntries"/>, <see cref="PagedTableScan{TRow, TKey, TCodec}"/>); in a transaction through its overlay
/// (<see cref="Storage.Overlay.OverlaySnapshot.ReadPageAsync"/>). A table with read features and a range that includes
/// deleted rows walk pages through the row reader (TableQueryReader.FeaturedAsync.cs).
/// </content>
internal sealed partial class TableQueryReader<TRow, TKey, TCodec>
{
    // Rows of an async enumeration: the first page is small (a caller may stop early), later pages grow.
    private const int FirstEnumerationPage = 32;

    internal override IAsyncEnumerator<TRow> GetAsyncEnumerator<TContext>(in TContext context, in QueryRange range, int firstPageEntries, CancellationToken cancellationToken)
    {
        _table.Store.ThrowIfDisposed();
        StorageSnapshot? snapshot = context.Snapshot;
        if (!PagesThroughEngine(range))
        {
            return WalksPages(range)
                ? WalkRows(range, snapshot, firstPageEntries, cancellationToken)
                : base.GetAsyncEnumerator(context, range, firstPageEntries, cancellationToken);
        }

        int first = firstPageEntries > 0 ? firstPageEntries : FirstEnumerationPage;
        return new PagedTableScan<TRow, TKey, TCodec>(_table, range.Lower, range.Upper, range.Reverse, snapshot, first, cancellationToken);
    }

    internal override ValueTask<bool> AnyAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
    {
        StorageSnapshot? snapshot;
        try
        {
            _table.Store.ThrowIfDisposed();
            snapshot = context.Snapshot;
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }

        if (!PagesThroughEngine(range))
        {
            return WalksPages(range) && !cancellationToken.IsCancellationRequested
                ? WalkAnyAsync(range, snapshot, cancellationToken)
                : base.AnyAsync(context, range, cancellationToken);
        }

        return AnyOnePage(range, snapshot, cancellationToken);
    }

    internal override ValueTask<long> CountAsync<TContext>(in TContext context, in QueryRange range, CancellationToken cancellationToken)
    {
        StorageSnapshot? snapshot;
        try
        {
            _table.Store.ThrowIfDisposed();
            snapshot = context.Snapshot;
        }
        catch (Exception error)
        {
            return ValueTask.FromException<long>(error);
        }

        if (!PagesThroughEngine(range))
        {
            return WalksPages(range) && !cancellationToken.IsCancellationRequested
                ? WalkCountAsync(range, snapshot, cancellationToken)
                : base.CountAsync(context, range, cancellationToken);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<long>(cancellationToken);
        }

        try
        {
            return PagedEntries.CountAsync(_table.Store.Engine, _table.ColumnFamily, range.Lower, range.Upper, snapshot, PagedEntries.MaxPageEntries, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<long>(error);
        }
    }

    internal override ValueTask<Page<TRow>> PageAsync<TContext>(in TContext context, in QueryRange range, int size, string? continuation, CancellationToken cancellationToken)
    {
        StorageSnapshot? snapshot;
        QueryRange read = range;
        try
        {
            _table.Store.ThrowIfDisposed();
            snapshot = context.Snapshot;
            if (cancellationToken.IsCancellationRequested)
            {
                return ValueTask.FromCanceled<Page<TRow>>(cancellationToken);
            }

            if (continuation is not null)
            {
                byte[] after = ContinuationToken.Read(TableName, range, continuation);
                read = range.Reverse ? range.Before(after) : range.After(after);
            }

            if (read.IsEmpty)
            {
                return new ValueTask<Page<TRow>>(new Page<TRow>(new List<TRow>(), null));
            }
        }
        catch (Exception error)
        {
            return ValueTask.FromException<Page<TRow>>(error);
        }

        // One engine page of size + 1 entries serves a table whose rows are stored alone; a larger page, or rows merged
        // with markers or filtered, walk the range.
        return PagesThroughEngine(range) && size < PagedEntries.MaxPageEntries
            ? ReadOnePage(range, read, size, snapshot, cancellationToken)
            : WalkPageAsync(range, read, size, snapshot, cancellationToken);
    }

    // Whether a read of this range goes through the plain pages: rows stored alone, no deleted rows asked for, and a
    // range that is not empty. A transaction's overlay answers the pages with its own writes merged in
    // (OverlaySnapshot.ReadPageAsync), so its view reads the same way.
    private bool PagesThroughEngine(in QueryRange range)
        => _plainReads && !range.IncludeDeleted && !range.IsEmpty;

    private ValueTask<bool> AnyOnePage(QueryRange range, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        PagedEntries entries;
        ValueTask<bool> next;
        try
        {
            entries = new PagedEntries(_table.Store.Engine, _table.ColumnFamily, range.Lower, range.Upper, range.Reverse, snapshot, firstPageEntries: 1);
            next = entries.ReadNextAsync(cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }

        if (!next.IsCompleted)
        {
            return AnyAfter(entries, next);
        }

        try
        {
            return new ValueTask<bool>(next.GetAwaiter().GetResult());
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
        finally
        {
            entries.Dispose();
        }
    }

    private static async ValueTask<bool> AnyAfter(PagedEntries entries, ValueTask<bool> next)
    {
        using (entries)
        {
            return await next.ConfigureAwait(false);
        }
    }

    // One page of size + 1 entries: the rows of the page, and whether one more exists (its value is not decoded).
    private async ValueTask<Page<TRow>> ReadOnePage(QueryRange range, QueryRange read, int size, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        using PagedEntries entries = new(_table.Store.Engine, _table.ColumnFamily, read.Lower, read.Upper, read.Reverse, snapshot, size + 1);
        List<TRow> rows = new(size);
        if (!await entries.ReadNextAsync(cancellationToken).ConfigureAwait(false))
        {
            return new Page<TRow>(rows, null);
        }

        StoragePage page = entries.Page;
        byte[]? lastKey = null;
        bool more = false;
        Values.ValueBuffer buffer = Values.ValueBuffer.Rent();
        try
        {
            for (int i = 0; i < page.Count; i++)
            {
                ReadOnlySpan<byte> key = page.GetKey(i);
                ReadOnlySpan<byte> value = page.GetValue(i);
                if (_table.ReadHeader(value, key).IsDeleted)
                {
                    continue;
                }

                if (rows.Count == size)
                {
                    more = true;
                    break;
                }

                buffer.Clear();
                value.CopyTo(buffer.GetSpan(value.Length));
                buffer.Advance(value.Length);
                rows.Add(_table.DecodeRow(key, _table.DecodeKey(key), buffer.WrittenMemory));
                lastKey = key.ToArray();
            }
        }
        finally
        {
            Values.ValueBuffer.Return(buffer);
        }

        // A header-deleted entry may have taken a place on the page: the range may still hold more rows past it.
        more |= rows.Count == size && page.HasMore;
        return new Page<TRow>(rows, more ? ContinuationToken.Create(TableName, range, lastKey) : null);
    }
}
