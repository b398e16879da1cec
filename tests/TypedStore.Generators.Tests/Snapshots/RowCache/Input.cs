// Row caches (docs/row-cache.md): a cached table with a TTL, one without, and an uncached table beside them.
using System.Collections.Generic;
using TypedStore;

namespace Samples.Profiles;

/// <summary>A user profile, read far more often than written: cached for five minutes.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Roles">The user's roles (read-only, so the row can be cached).</param>
[Table("profiles", CacheSize = 10_000, CacheTtlSeconds = 300)]
public sealed record Profile([property: Key] string UserId, string Name, IReadOnlyList<string> Roles);

/// <summary>A setting, cached until it is written.</summary>
/// <param name="Name">The setting's name.</param>
/// <param name="Value">Its value.</param>
[Table("settings", CacheSize = 100)]
public sealed record Setting([property: Key] string Name, string Value);

/// <summary>A login, never read by key: not cached.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="At">When.</param>
[Table("logins")]
public sealed record Login([property: Key] string UserId, [property: Key] long At);

/// <summary>The profiles store.</summary>
[Store]
public partial class ProfileStore;
