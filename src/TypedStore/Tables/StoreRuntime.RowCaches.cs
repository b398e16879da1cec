using TypedStore.Features.RowCache;

namespace TypedStore.Tables;

/// <content>The row caches of the store's tables (docs/row-cache.md): found by table for statistics and metrics, and emptied by writes that bypass the write path (an import).</content>
public sealed partial class StoreRuntime
{
    // Written while the tables are built (in the store's constructor), read afterwards: replaced, never mutated.
    private IRowCache[] _rowCaches = [];

    /// <summary>The row caches of the store's tables, in the order they were built.</summary>
    internal IReadOnlyList<IRowCache> RowCaches => Volatile.Read(ref _rowCaches);

    /// <summary>Adds a table's row cache; called while the store's tables are built.</summary>
    internal void RegisterRowCache(IRowCache cache)
    {
        lock (_featuresLock)
        {
            _rowCaches = [.. _rowCaches, cache];
        }
    }

    /// <summary>The statistics of <paramref name="table"/>'s row cache, or <see langword="null"/> when it has none.</summary>
    internal RowCacheStatistics? GetRowCacheStatistics(string table)
    {
        foreach (IRowCache cache in RowCaches)
        {
            if (string.Equals(cache.Table, table, StringComparison.Ordinal))
            {
                return cache.GetStatistics();
            }
        }

        return null;
    }

    /// <summary>Empties every row cache: after engine writes that did not go through the commit pipeline (an import).</summary>
    internal void InvalidateRowCaches()
    {
        foreach (IRowCache cache in RowCaches)
        {
            cache.InvalidateAll();
        }
    }
}
