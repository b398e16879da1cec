using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// The async reads of a range that the plain pages (<see cref="PagedTableScan{TRow, TKey, TCodec}"/>) do not serve: a
/// table with read features (soft-delete markers, expiry filters, a change feed's module path) or a range that includes
/// soft-deleted rows. They walk the range through the table's <see cref="Runtime.Reads.RowReader"/> over pages
/// (<see cref="PagedRowWalk{TRow, TKey, TCodec}"/>), so an async engine blocks no thread and the rows are those of the
/// synchronous reads. In a transaction the pages come through its overlay, its own writes merged in.
/// </content>
internal sealed partial class TableQueryReader<TRow, TKey, TCodec>
{
    // A page of a featured walk that looks for one row (First, Any): a row and its marker, and a few more in case the
    // first rows are deleted or expired.
    private const int FirstWalkPage = 8;

    // Whether a read of this range walks the table's rows over pages: not served by the plain pages and not an empty
    // range (nothing to read). A transaction's overlay answers the pages with its own writes merged in.
    private static bool WalksPages(in QueryRange range)
        => !range.IsEmpty;

    internal override IAsyncEnumerable<TOut> KeysAsync<TContext, TOut>(in TContext context, in QueryRange range, Delegate select, CancellationToken cancellationToken)
    {
        _table.Store.ThrowIfDisposed();

        // The context's snapshot is read when an enumeration starts (a disposed snapshot fails there), as Keys() does.
        return new AsyncKeys<TContext, TOut>(this, context, range, (Func<TKey, TOut>)select, cancellationToken);
    }

    private PagedRowWalk<TRow, TKey, TCodec> Walk(in QueryRange range, StorageSnapshot? snapshot, bool copyValues, bool decodeKeys, int firstPageEntries)
        => new(_table, range.Lower, range.Upper, range.Reverse, range.IncludeDeleted, snapshot, copyValues, decodeKeys, firstPageEntries);

    private IAsyncEnumerator<TRow> WalkRows(in QueryRange range, StorageSnapshot? snapshot, int firstPageEntries, CancellationToken cancellationToken)
        => new PagedRowScan<TRow, TKey, TCodec>(_table, Walk(range, snapshot, copyValues: true, decodeKeys: true, firstPageEntries > 0 ? Math.Max(firstPageEntries, FirstWalkPage) : FirstEnumerationPage), cancellationToken);

    private async ValueTask<bool> WalkAnyAsync(QueryRange range, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        using PagedRowWalk<TRow, TKey, TCodec> walk = Walk(range, snapshot, copyValues: false, decodeKeys: false, FirstWalkPage);
        return await walk.MoveNextAsync(cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<long> WalkCountAsync(QueryRange range, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        using PagedRowWalk<TRow, TKey, TCodec> walk = Walk(range, snapshot, copyValues: false, decodeKeys: false, PagedEntries.MaxPageEntries);
        long count = 0;
        while (await walk.MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            count++;
        }

        return count;
    }

    // The synchronous Page's rows and token, walked over pages: size rows, and whether one more visible row exists.
    private async ValueTask<Page<TRow>> WalkPageAsync(QueryRange range, QueryRange read, int size, StorageSnapshot? snapshot, CancellationToken cancellationToken)
    {
        List<TRow> rows = new(Math.Min(size, 1024));
        byte[]? lastKey = null;
        bool more = false;
        using (PagedRowWalk<TRow, TKey, TCodec> walk = Walk(read, snapshot, copyValues: true, decodeKeys: true, Math.Min(size + 1, PagedEntries.MaxPageEntries)))
        {
            while (await walk.MoveNextAsync(cancellationToken).ConfigureAwait(false))
            {
                if (rows.Count == size)
                {
                    more = true;
                    break;
                }

                rows.Add(_table.DecodeRow(walk.Key, walk.KeyParts, walk.Value));
                lastKey = walk.Key.ToArray();
            }
        }

        return new Page<TRow>(rows, more ? ContinuationToken.Create(TableName, range, lastKey) : null);
    }

    // Keys() over pages: each enumeration reads the context's snapshot when it starts and walks the range once.
    private sealed class AsyncKeys<TContext, TOut>(TableQueryReader<TRow, TKey, TCodec> reader, TContext context, QueryRange range, Func<TKey, TOut> select, CancellationToken cancellationToken) : IAsyncEnumerable<TOut>
        where TContext : struct, IReadContext
    {
        public IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            StorageSnapshot? snapshot = context.Snapshot;
            if (range.IsEmpty)
            {
                return new CompletedAsyncEnumerator<TOut>(reader.Keys<TContext, TOut>(context, range, select).GetEnumerator(), cancellationToken, enumeratorToken);
            }

            return new PagedKeyScan<TRow, TKey, TCodec, TOut>(() => reader.Walk(range, snapshot, copyValues: false, decodeKeys: true, FirstEnumerationPage), select, cancellationToken)
                .GetAsyncEnumerator(enumeratorToken);
        }
    }
}
