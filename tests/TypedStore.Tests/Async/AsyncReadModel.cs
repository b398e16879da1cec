namespace TypedStore.Tests.Async;

/// <summary>A soft-delete table with a two-part key, a unique index (a nullable part) and a two-part index: rows and markers over pages, index queries at each depth.</summary>
[Table("aread_notes", SoftDelete = true)]
[Index("by_slug", nameof(ReadNote.Slug), Unique = true)]
[Index("by_topic", nameof(ReadNote.Topic), nameof(ReadNote.Rank))]
public sealed record ReadNote([property: Key] string Book, [property: Key] int Number, string Topic, int Rank, string? Slug);

/// <summary>A stream with a TTL: the expiry filter over pages.</summary>
[Table("aread_beats", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record ReadBeat([property: Key] string Device, [property: Key(Generated = true)] long Seq, int Value);

/// <summary>A user table with one key part, soft delete and a change feed: ScanUserAsync/CountUserAsync of one part, per-user changes.</summary>
[Table("aread_profiles", Kind = TableKind.User, SoftDelete = true, ChangeFeed = true)]
public sealed record ReadProfile([property: Key] string UserId, string Name);

/// <summary>A user table with two key parts and a change feed: per-user changes read over pages of the per-user index.</summary>
[Table("aread_posts", Kind = TableKind.User, ChangeFeed = true)]
public sealed record ReadPost([property: Key] string UserId, [property: Key] int Number, string Text);

[Store(typeof(ReadNote), typeof(ReadBeat), typeof(ReadProfile), typeof(ReadPost))]
public sealed partial class AsyncReadStore;
