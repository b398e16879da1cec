using TypedStore;

namespace TypedStore.Tests.RowCache;

/// <summary>A row whose version a writer increases: the hammer test's row, and the one every write path rewrites.</summary>
[Table("versions", CacheSize = 100_000)]
public sealed record VersionedRow([property: Key] int Id, long Version, string Text);

/// <summary>
/// <see cref="VersionedRow"/> keyed by one string: its cache is keyed by the string itself (the generated codec's
/// <c>KeyIsOneString</c>), not by the encoded key, so every write path is tested on it too.
/// </summary>
[Table("named", CacheSize = 100_000)]
public sealed record NamedRow([property: Key] string Name, long Version, string Text);

/// <summary>A cache whose rows expire after 30 seconds of the store's clock.</summary>
[Table("expiring", CacheSize = 1_000, CacheTtlSeconds = 30)]
public sealed record ExpiringRow([property: Key] string Id, long Version);

/// <summary>A cache of eight rows: the LRU bound.</summary>
[Table("small", CacheSize = 8)]
public sealed record SmallRow([property: Key] int Id, long Version);

/// <summary>Soft delete, a change feed and a unique index with a cache: deletes become markers, restores and purges remove them, index entries follow every write.</summary>
[Table("soft", SoftDelete = true, ChangeFeed = true, CacheSize = 1_000)]
[Index("by_slug", nameof(Slug), Unique = true)]
public sealed record SoftRow([property: Key] string Id, string Slug, long Version);

/// <summary>A user table with a cache: DeleteUser is a range delete.</summary>
[Table("per_user", Kind = TableKind.User, CacheSize = 1_000)]
public sealed record UserRow([property: Key] Guid UserId, [property: Key] int Item, long Version);

/// <summary>Generated ids with a cache: Insert.</summary>
[Table("numbered", CacheSize = 1_000)]
public sealed record NumberedRow([property: Key(Generated = true)] long Id, long Version);

/// <summary>The same shape without a cache: nothing changes for it.</summary>
[Table("uncached")]
public sealed record UncachedRow([property: Key] int Id, long Version, string Text);

[Store(typeof(VersionedRow), typeof(NamedRow), typeof(ExpiringRow), typeof(SmallRow), typeof(SoftRow), typeof(UserRow), typeof(NumberedRow), typeof(UncachedRow))]
public sealed partial class RowCacheStore;
