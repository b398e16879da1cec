namespace TypedStore.Queries;

/// <summary>
/// A synchronous enumerator seen as an async one: each <see cref="MoveNextAsync"/> runs the inner enumerator's <c>MoveNext</c>
/// and returns a completed task. What the async enumeration of a read that runs synchronously (a table with read
/// features, an index, a transaction's overlay) hands out, so every query has the same async surface. A token
/// cancelled before a step ends the enumeration with <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class CompletedAsyncEnumerator<T> : IAsyncEnumerator<T>
{
    private readonly IEnumerator<T> _inner;
    private readonly CancellationToken _cancellationToken;
    private readonly CancellationToken _enumeratorToken;

    /// <param name="inner">The synchronous enumerator, disposed with this one.</param>
    /// <param name="cancellationToken">Checked before each step.</param>
    /// <param name="enumeratorToken">A second token checked before each step (the one <c>WithCancellation</c> gives), so two tokens need no linked source.</param>
    public CompletedAsyncEnumerator(IEnumerator<T> inner, CancellationToken cancellationToken, CancellationToken enumeratorToken = default)
    {
        _inner = inner;
        _cancellationToken = cancellationToken;
        _enumeratorToken = enumeratorToken;
    }

    public T Current => _inner.Current;

    public ValueTask<bool> MoveNextAsync()
    {
        if (_cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(_cancellationToken);
        }

        if (_enumeratorToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(_enumeratorToken);
        }

        try
        {
            return new ValueTask<bool>(_inner.MoveNext());
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    public ValueTask DisposeAsync()
    {
        _inner.Dispose();
        return default;
    }
}
