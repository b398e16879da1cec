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

/// <summary>A user table with two key parts, a change feed and an index: the per-user members, per-user changes, index counts.</summary>
[Table("async_messages", Kind = TableKind.User, ChangeFeed = true)]
[Index("by_room", nameof(AsyncMessage.Room))]
public sealed record AsyncMessage([property: Key] string UserId, [property: Key] int Number, string Room);

/// <summary>A stream partitioned by user, for EvictExpired.</summary>
[Table("async_presence", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record AsyncPresence([property: Key] string UserId, [property: Key(Generated = true)] long Seq, string Status);

[Store(typeof(AsyncItem), typeof(AsyncPerson), typeof(AsyncNote), typeof(AsyncMessage), typeof(AsyncPresence))]
public sealed partial class AsyncStore;
