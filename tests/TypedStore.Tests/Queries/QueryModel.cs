using TypedStore;

namespace TypedStore.Tests.Queries;

/// <summary>Three key parts: a string (ids with embedded U+0000 and high characters), a descending long, an int.</summary>
[Table("q_items")]
public sealed record QItem([property: Key] string Project, [property: Key(Descending = true)] long At, [property: Key] int Seq, string Body);

/// <summary>The same key shape on another table: its tokens must not be accepted by <see cref="QItem"/>'s queries.</summary>
[Table("q_other")]
public sealed record QOther([property: Key] string Project, [property: Key(Descending = true)] long At, [property: Key] int Seq, string Body);

/// <summary>A soft-delete table: queries hide deleted rows; range deletes remove rows and markers for good.</summary>
[Table("q_soft", SoftDelete = true)]
public sealed record QSoft([property: Key] string Group, [property: Key] int Id, string Text);

/// <summary>A change-feed table: a range delete records one Delete change per row it removes.</summary>
[Table("q_feed", ChangeFeed = true)]
public sealed record QFeed([property: Key] string Group, [property: Key] int Id, string Text);

/// <summary>A stream: expired rows are hidden from every query member.</summary>
[Table("q_pings", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record QPing([property: Key] string Host, [property: Key] int N, string Status);

/// <summary>Soft delete and a change feed on one table: a range delete removes rows, markers and orphans, one change per row.</summary>
[Table("q_notes", SoftDelete = true, ChangeFeed = true)]
public sealed record QNote([property: Key] string Group, [property: Key] int Id, string Text);

/// <summary>Fixed-size keys and values only, so what an enumeration allocates per row is exactly the row.</summary>
[Table("q_counters")]
public sealed record QCounter([property: Key] int Id, long Value);

/// <summary>A byte-array part (0x00 and 0xFF bytes escaped) before a descending string (every byte inverted).</summary>
[Table("q_blobs")]
public sealed record QBlob([property: Key] byte[] Blob, [property: Key(Descending = true)] string Name, string Text);

[Store(typeof(QItem), typeof(QOther), typeof(QSoft), typeof(QFeed), typeof(QPing), typeof(QNote), typeof(QCounter), typeof(QBlob))]
public sealed partial class QueryStore;
