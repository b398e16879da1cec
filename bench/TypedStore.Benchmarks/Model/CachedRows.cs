namespace TypedStore.Benchmarks.Model;

/// <summary>The row cache benchmark's row (docs/row-cache.md): cached, large enough to hold every row of a quick run.</summary>
[Table("cache_on", CacheSize = 1_000_000)]
public sealed record CachedRow([property: Key] long Id, string Name, long Version, string Payload);

/// <summary>The same row without a cache: the baseline of <see cref="CachedRow"/>.</summary>
[Table("cache_off")]
public sealed record UncachedRow([property: Key] long Id, string Name, long Version, string Payload);
