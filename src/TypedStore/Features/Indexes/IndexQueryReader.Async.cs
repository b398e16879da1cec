using TypedStore.Queries;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Indexes;

/// <content>
/// The async reads of an index query: entries a page at a time through the engine's <c>ReadPageAsync</c>, then one
/// <c>GetManyAsync</c> of their rows, both through one snapshot (<see cref="IndexRowScan{TRow, TKey, TCodec}"/>);
/// <c>AnyAsync</c> and <c>CountAsync</c> read entries only, as their synchronous forms. In a transaction both go
/// through its overlay (<see cref="Storage.Overlay.OverlaySnapshot.ReadPageThroughAsync"/>, its <c>GetManyAsync</c>):
/// the entries the view derives from its pending writes merged with the snapshot's, as the synchronous iterator merges
/// them.
/// </content>
internal sealed partial class IndexQueryReader<TRow, TKey, TCodec>
{
    // Entries of an async enumeration: the first page is small (a caller may stop early), later pages grow.
    private const int FirstEnumerationPage = 32;

    internal override IAsyncEnumerator<TRow> GetAsyncEnumerator<TContext>(in TContext context, in QueryRange range, int firstPageEntries, CancellationToken cancellationToken)
    {
        _table.Store.ThrowIfDisposed();
        StorageSnapshot? snapshot = context.Snapshot;
        if (range.IsEmpty)
        {
            return base.GetAsyncEnumerator(context, range, firstPageEntries, cancellationToken);
        }

        return Scan(range, snapshot, firstPageEntries > 0 ? firstPageEntries : FirstEnumerationPage, cancellationToken);
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

        if (range.IsEmpty || cancellationToken.IsCancellationRequested)
        {
            return base.AnyAsync(context, range, cancellationToken);
        }

        return AnyEntryAsync(range, snapshot, cancellationToken);
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

        if (range.IsEmpty || cancellationToken.IsCancellationRequested)
        {
            return base.CountAsync(context, range, cancellationToken);
        }

        try
        {
            // Entries only: in one view there is one entry per row.
            return PagedEntries.CountAsync(_table.Store.Engine, _indexes.ColumnFamily(_index), range.Lower, range.Upper, snapshot, PagedEntries.MaxPageEntries, cancellationToken);
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
                byte[] after = ContinuationToken.Read(TableName, range, continuation, _indexName);
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

        return ReadPageAsync(range, read, size, snapshot, cancellationToken);
    }

    private IndexRowScan<TRow, TKey, TCodec> Scan(in QueryRange range, StorageSnapshot? snapshot, int firstPageEntries, CancellationToken cancellationToken)
        => new(_indexes, _table, _index, range.Lower, range.Upper, range.Reverse, snapshot, firstPageEntries, cancellationToken);

    private async ValueTask<bool> AnyEntryAsync(QueryRange range, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        using PagedEntries entries = new(_table.Store.Engine, _indexes.ColumnFamily(_index), range.Lower, range.Upper, range.Reverse, snapshot, firstPageEntries: 1);
        return await entries.ReadNextAsync(cancellationToken).ConfigureAwait(false);
    }

    // The synchronous Page's rows and token: size rows, and whether one more exists (its row is read, not kept).
    private async ValueTask<Page<TRow>> ReadPageAsync(QueryRange range, QueryRange read, int size, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        List<TRow> rows = new(Math.Min(size, 1024));
        byte[]? lastEntry = null;
        bool more = false;
        IndexRowScan<TRow, TKey, TCodec> scan = Scan(read, snapshot, Math.Min(size + 1, PagedEntries.MaxPageEntries), cancellationToken);
        await using (scan.ConfigureAwait(false))
        {
            while (await scan.MoveNextAsync().ConfigureAwait(false))
            {
                if (rows.Count == size)
                {
                    more = true;
                    break;
                }

                rows.Add(scan.Current);
                lastEntry = scan.CurrentEntry.ToArray();
            }
        }

        return new Page<TRow>(rows, more ? ContinuationToken.Create(TableName, range, lastEntry, _indexName) : null);
    }
}
