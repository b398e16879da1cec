using TypedStore.Queries;

namespace TypedStore;

/// <content>
/// The async reads of a query: <see cref="ToAsyncEnumerable"/>, <see cref="FirstAsync"/>, <see cref="LastAsync"/>,
/// <see cref="AnyAsync"/>, <see cref="CountAsync"/> and <see cref="PageAsync"/>. They read what their synchronous
/// forms read; on an async engine a table whose rows are stored alone reads in pages through the engine's async member
/// and blocks no thread, and on RocksDB and memory each task is complete on return (docs/async.md).
/// </content>
public abstract partial class TableQuery<TRow, TContext>
{
    /// <summary>
    /// The rows of the range as an async sequence, read a page at a time as it is enumerated (with
    /// <see langword="await foreach"/>). Each enumeration reads afresh, with the bounds the query has when it starts.
    /// </summary>
    /// <param name="cancellationToken">Cancels the enumeration: the next step that reads fails with <see cref="OperationCanceledException"/>.</param>
    /// <remarks>
    /// An instance method, so it is the one chosen over <c>System.Linq.AsyncEnumerable.ToAsyncEnumerable</c> (which would
    /// enumerate the query synchronously). The token given to <c>GetAsyncEnumerator</c> (<c>WithCancellation</c>) counts too.
    /// </remarks>
    public IAsyncEnumerable<TRow> ToAsyncEnumerable(CancellationToken cancellationToken = default) => new AsyncRows(this, cancellationToken);

    /// <summary>The async form of <see cref="First"/>: the first row of the range (the last when reversed), or the default when it has none.</summary>
    /// <param name="cancellationToken">A token already cancelled reads nothing.</param>
    public ValueTask<TRow?> FirstAsync(CancellationToken cancellationToken = default) => RowOf(CountScan().FirstAsync(_context, Range, cancellationToken));

    /// <summary>The async form of <see cref="Last"/>: the last row of the range (the first when reversed), or the default when it has none.</summary>
    /// <param name="cancellationToken">A token already cancelled reads nothing.</param>
    public ValueTask<TRow?> LastAsync(CancellationToken cancellationToken = default) => RowOf(CountScan().FirstAsync(_context, Flipped(Range), cancellationToken));

    /// <summary>The async form of <see cref="Any"/>: whether the range holds a row.</summary>
    /// <param name="cancellationToken">A token already cancelled reads nothing.</param>
    public ValueTask<bool> AnyAsync(CancellationToken cancellationToken = default) => CountScan().AnyAsync(_context, Range, cancellationToken);

    /// <summary>The async form of <see cref="Count"/>: the number of rows in the range, counted through one snapshot.</summary>
    /// <param name="cancellationToken">A token already cancelled reads nothing.</param>
    public ValueTask<long> CountAsync(CancellationToken cancellationToken = default) => CountScan().CountAsync(_context, Range, cancellationToken);

    /// <summary>The async form of <see cref="Page"/>: up to <paramref name="size"/> rows after <paramref name="continuation"/>, and the next page's token.</summary>
    /// <param name="size">The most rows the page holds; at least 1.</param>
    /// <param name="continuation">A previous page's <see cref="Page{T}.Next"/> of the same query, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token already cancelled reads nothing.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is not positive (thrown by the call, as the synchronous form).</exception>
    public ValueTask<Page<TRow>> PageAsync(int size, string? continuation = null, CancellationToken cancellationToken = default)
    {
        if (size <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"Table '{_reader.TableName}': a page holds at least one row.");
        }

        return CountScan().PageAsync(_context, Range, size, continuation, cancellationToken);
    }

    private static ValueTask<TRow?> RowOf(ValueTask<(bool Found, TRow? Row)> first)
        => first.IsCompletedSuccessfully ? new ValueTask<TRow?>(first.Result.Row) : RowAfter(first);

    private static async ValueTask<TRow?> RowAfter(ValueTask<(bool Found, TRow? Row)> first) => (await first.ConfigureAwait(false)).Row;

    // The query's rows as an IAsyncEnumerable: each enumeration starts a new read of the query's range.
    private sealed class AsyncRows(TableQuery<TRow, TContext> query, CancellationToken cancellationToken) : IAsyncEnumerable<TRow>
    {
        public IAsyncEnumerator<TRow> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            if (!enumeratorToken.CanBeCanceled || !cancellationToken.CanBeCanceled)
            {
                CancellationToken token = enumeratorToken.CanBeCanceled ? enumeratorToken : cancellationToken;
                return query.CountScan().GetAsyncEnumerator(query._context, query.Range, firstPageEntries: 0, token);
            }

            // Both tokens can cancel: one linked source, released with the enumerator.
            CancellationTokenSource linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, enumeratorToken);
            try
            {
                return new LinkedRows(query.CountScan().GetAsyncEnumerator(query._context, query.Range, firstPageEntries: 0, linked.Token), linked);
            }
            catch
            {
                linked.Dispose();
                throw;
            }
        }
    }

    private sealed class LinkedRows(IAsyncEnumerator<TRow> rows, CancellationTokenSource linked) : IAsyncEnumerator<TRow>
    {
        public TRow Current => rows.Current;

        public ValueTask<bool> MoveNextAsync() => rows.MoveNextAsync();

        public async ValueTask DisposeAsync()
        {
            try
            {
                await rows.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                linked.Dispose();
            }
        }
    }
}
