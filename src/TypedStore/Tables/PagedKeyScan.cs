namespace TypedStore.Tables;

/// <summary>
/// The async form of a query's <c>Keys()</c>: the key parts of the visible rows of a range, read a page at a time
/// through a <see cref="PagedRowWalk{TRow, TKey, TCodec}"/> (headers only, no value decoded), each mapped by the
/// generated selector. Each enumeration walks the range once, through one snapshot.
/// </summary>
internal sealed class PagedKeyScan<TRow, TKey, TCodec, TOut> : IAsyncEnumerable<TOut>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly Func<PagedRowWalk<TRow, TKey, TCodec>> _openWalk;
    private readonly Func<TKey, TOut> _select;
    private readonly CancellationToken _cancellationToken;

    public PagedKeyScan(Func<PagedRowWalk<TRow, TKey, TCodec>> openWalk, Func<TKey, TOut> select, CancellationToken cancellationToken)
    {
        _openWalk = openWalk;
        _select = select;
        _cancellationToken = cancellationToken;
    }

    public async IAsyncEnumerator<TOut> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource? linked = cancellationToken.CanBeCanceled && _cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken)
            : null;
        CancellationToken token = linked?.Token ?? (cancellationToken.CanBeCanceled ? cancellationToken : _cancellationToken);
        using PagedRowWalk<TRow, TKey, TCodec> walk = _openWalk();
        while (await walk.MoveNextAsync(token).ConfigureAwait(false))
        {
            yield return _select(walk.KeyParts);
        }
    }
}
