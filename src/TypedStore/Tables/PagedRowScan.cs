namespace TypedStore.Tables;

/// <summary>
/// The async enumeration of a table with read features (or of a range that includes soft-deleted rows): the rows of a
/// <see cref="PagedRowWalk{TRow, TKey, TCodec}"/>, decoded as the synchronous scan decodes them. What
/// <c>ToAsyncEnumerable()</c>, <c>ScanAllAsync</c> and <c>ScanUserAsync</c> of such a table run on.
/// </summary>
internal sealed class PagedRowScan<TRow, TKey, TCodec> : IAsyncEnumerator<TRow>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly PagedRowWalk<TRow, TKey, TCodec> _walk;
    private readonly CancellationToken _cancellationToken;
    private TRow _current = default!;

    public PagedRowScan(TableCore<TRow, TKey, TCodec> table, PagedRowWalk<TRow, TKey, TCodec> walk, CancellationToken cancellationToken)
    {
        _table = table;
        _walk = walk;
        _cancellationToken = cancellationToken;
    }

    public TRow Current => _current;

    public ValueTask<bool> MoveNextAsync()
    {
        ValueTask<bool> moved = _walk.MoveNextAsync(_cancellationToken);
        if (!moved.IsCompletedSuccessfully)
        {
            return DecodeAfter(moved);
        }

        try
        {
            return new ValueTask<bool>(moved.Result && Decode());
        }
        catch (Exception error)
        {
            _walk.Dispose();
            return ValueTask.FromException<bool>(error);
        }
    }

    public ValueTask DisposeAsync()
    {
        _current = default!;
        _walk.Dispose();
        return default;
    }

    private async ValueTask<bool> DecodeAfter(ValueTask<bool> moved)
    {
        try
        {
            return await moved.ConfigureAwait(false) && Decode();
        }
        catch
        {
            _walk.Dispose();
            throw;
        }
    }

    private bool Decode()
    {
        PagedRowWalk<TRow, TKey, TCodec> walk = _walk;
        _current = _table.DecodeRow(walk.Key, walk.KeyParts, walk.Value);
        return true;
    }
}
