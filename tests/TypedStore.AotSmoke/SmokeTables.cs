using TypedStore;

namespace TypedStore.AotSmoke;

public enum Priority : byte
{
    Low,
    High,
}

public sealed record Address(string City, string? Zip);

[Table("accounts", Kind = TableKind.System)]
[Index("by_name", nameof(Name), Unique = true)]
public sealed record Account([property: Key] Guid AccountId, string Name, Address Home, List<string> Tags);

[Table("orders", Kind = TableKind.User)]
[Index("by_priority", nameof(Priority), nameof(Discount))]
public sealed record Order(
    [property: Key] string UserId,
    [property: Key(Descending = true)] DateTime PlacedAt,
    [property: Key] int Line,
    double? Discount,
    Priority Priority,
    Dictionary<string, int> Items,
    double[] Weights);

[Table("events")]
public sealed record Event([property: Key] long Sequence, [property: Key] string Name, byte[] Payload, TimeSpan Took);

[Table("settings", CacheSize = 16, CacheTtlSeconds = 60)]
public sealed record Setting([property: Key] string Name, string Value);

[Store]
public sealed partial class SmokeStore;
