namespace TypedStore;

/// <summary>One page of a query's rows, and where the next page starts.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <remarks>
/// <see cref="Next"/> is opaque. It is "after this key", not an offset: it stays valid across reopening the store and
/// under concurrent writes, and only the query (table and range) that made it accepts it (docs/queries.md, "Pages").
/// </remarks>
public sealed class Page<T>
{
    internal Page(IReadOnlyList<T> rows, string? next)
    {
        Rows = rows;
        Next = next;
    }

    /// <summary>The page's rows, in the query's order.</summary>
    public IReadOnlyList<T> Rows { get; }

    /// <summary>The continuation for the next page, or <see langword="null"/> when this page ends the range.</summary>
    public string? Next { get; }
}
