namespace TypedStore.Tests.Async;

/// <summary>A plain table (no features) with a two-part key: every async read and write goes through the engine's async members.</summary>
[Table("async_items")]
public sealed record AsyncItem([property: Key] string Group, [property: Key] int Number, string Label);

/// <summary>A table with every write feature: soft delete, change feed, a unique index.</summary>
[Table("async_people", SoftDelete = true, ChangeFeed = true)]
[Index("by_email", nameof(AsyncPerson.Email), Unique = true)]
public sealed record AsyncPerson([property: Key] string Id, string Email, int Age);

/// <summary>A table with a generated key part (ids from the catalog's sequence).</summary>
[Table("async_notes")]
public sealed record AsyncNote([property: Key(Generated = true)] long Id, string Text);

[Store(typeof(AsyncItem), typeof(AsyncPerson), typeof(AsyncNote))]
public sealed partial class AsyncStore;
