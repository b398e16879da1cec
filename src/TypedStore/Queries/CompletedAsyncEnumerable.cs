using System.ComponentModel;

namespace TypedStore.Queries;

/// <summary>
/// A lazy synchronous sequence seen as an async one: the async form of a member whose read still runs synchronously
/// (docs/async.md, "What runs synchronously"), such as <c>ReadChangesAsync</c> or a query's <c>KeysAsync</c>. Each
/// step runs the sequence's <c>MoveNext</c> and returns a completed task; nothing is read before the first step.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class CompletedAsyncEnumerable
{
    /// <summary>The async view of <paramref name="source"/>; a token cancelled before a step ends the enumeration with <see cref="OperationCanceledException"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="source">The lazy sequence, enumerated once per async enumeration.</param>
    /// <param name="cancellationToken">Checked before each step.</param>
    public static IAsyncEnumerable<T> From<T>(IEnumerable<T> source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        return new Sequence<T>(source, cancellationToken);
    }

    private sealed class Sequence<T>(IEnumerable<T> source, CancellationToken cancellationToken) : IAsyncEnumerable<T>
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken enumeratorToken = default)
        {
            // The token given to From and the one given by WithCancellation/await foreach both end the enumeration.
            return new CompletedAsyncEnumerator<T>(source.GetEnumerator(), cancellationToken, enumeratorToken);
        }
    }
}
