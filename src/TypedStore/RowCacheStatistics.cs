namespace TypedStore;

/// <summary>
/// A table's row cache in <see cref="TableStatistics.RowCache"/> (docs/row-cache.md, "Statistics"); the same counts are
/// reported by the <c>TypedStore</c> meter as <c>typedstore.row_cache.hits</c>, <c>.misses</c> and <c>.evictions</c>.
/// Counts run from when the store was opened.
/// </summary>
/// <param name="Capacity">The most rows the cache holds (the table's <c>CacheSize</c>).</param>
/// <param name="TtlSeconds">How long a row is served after it was read, in seconds; 0 when rows do not expire (<c>CacheTtlSeconds</c>).</param>
/// <param name="Count">The rows it holds now.</param>
/// <param name="Hits">Point reads served from the cache.</param>
/// <param name="Misses">Point reads that found no row, or an expired one, in the cache and read the engine.</param>
/// <param name="Evictions">Rows dropped because the cache was full or their TTL had passed (not those dropped because they were written).</param>
public sealed record RowCacheStatistics(int Capacity, int TtlSeconds, int Count, long Hits, long Misses, long Evictions);
