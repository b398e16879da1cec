namespace TypedStore.Tests.Async;

/// <summary>A plain table: its range deletes are one engine range delete, read nothing and commit with one async write.</summary>
[Table("bulk_items")]
public sealed record BulkItem([property: Key] string Group, [property: Key] int Number, string Label);

/// <summary>Soft delete and a change feed, no index: a range delete reads its rows (with their markers) a page at a time, and PurgeDeleted pages through markers.</summary>
[Table("bulk_events", SoftDelete = true, ChangeFeed = true)]
public sealed record BulkEvent([property: Key] string Group, [property: Key] int Number, string Label);

/// <summary>A user table with a change feed, no index: DeleteUser is one range delete with one DeleteUser change.</summary>
[Table("bulk_messages", Kind = TableKind.User, ChangeFeed = true)]
public sealed record BulkMessage([property: Key] string UserId, [property: Key] int Number, string Text);

/// <summary>Every write feature with a unique index: the index must still verify after each async bulk write (its commit-time reads are the index's own).</summary>
[Table("bulk_people", SoftDelete = true, ChangeFeed = true)]
[Index("by_email", nameof(BulkPerson.Email), Unique = true)]
public sealed record BulkPerson([property: Key] string Group, [property: Key] int Number, string Email);

/// <summary>A stream whose time-ordered id leads the key: eviction is one range delete.</summary>
[Table("bulk_ticks", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record BulkTick([property: Key(Generated = true)] long Seq, string Status);

/// <summary>A stream partitioned by user: one range delete per partition, each partition found by a page of one entry.</summary>
[Table("bulk_presence", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record BulkPresence([property: Key] string UserId, [property: Key(Generated = true)] long Seq, string Status);

/// <summary>A stream without a time-ordered key part (TS0020, silenced in the project): rows age by <c>_updated</c>, every header is read; soft delete too, so a row's marker goes with it.</summary>
[Table("bulk_readings", Kind = TableKind.Stream, TtlSeconds = 60, SoftDelete = true)]
public sealed record BulkReading([property: Key] string Sensor, [property: Key] int Number, double Value);

[Store(typeof(BulkItem), typeof(BulkEvent), typeof(BulkMessage), typeof(BulkPerson), typeof(BulkTick), typeof(BulkPresence), typeof(BulkReading))]
public sealed partial class BulkStore;
