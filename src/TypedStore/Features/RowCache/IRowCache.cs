namespace TypedStore.Features.RowCache;

/// <summary>
/// A table's row cache as the store and the write path see it, whatever the row type: invalidation by encoded key
/// or all at once, and its figures.
/// </summary>
internal interface IRowCache
{
    /// <summary>The table's name.</summary>
    string Table { get; }

    /// <summary>Drops the row with encoded key <paramref name="rowKey"/>, after the engine write that changed it.</summary>
    void Invalidate(ReadOnlySpan<byte> rowKey);

    /// <summary>Drops every row, after an engine write that changed an unknown set of them (a range delete, an import).</summary>
    void InvalidateAll();

    /// <summary>The cache's figures now.</summary>
    RowCacheStatistics GetStatistics();
}
