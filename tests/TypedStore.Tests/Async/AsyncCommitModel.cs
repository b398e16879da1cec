namespace TypedStore.Tests.Async;

/// <summary>An indexed table without a change feed: a range delete stays one range op, whose rows the index step reads at commit.</summary>
[Table("ac_tags")]
[Index("by_slug", nameof(AcTag.Slug), Unique = true)]
[Index("by_color", nameof(AcTag.Color))]
public sealed record AcTag([property: Key] string Group, [property: Key] int Number, string Slug, string Color);

/// <summary>A soft-delete table with a unique index and no change feed: its rows' deletion markers are read at commit too.</summary>
[Table("ac_codes", SoftDelete = true)]
[Index("by_code", nameof(AcCode.Code), Unique = true)]
public sealed record AcCode([property: Key] string Id, string Code);

/// <summary>A table with a generated id (the catalog's sequence).</summary>
[Table("ac_tickets")]
public sealed record AcTicket([property: Key(Generated = true)] long Id, string Text);

/// <summary>A stream with time-ordered ids (the catalog's reservation).</summary>
[Table("ac_events", Kind = TableKind.Stream, TtlSeconds = 3600)]
public sealed record AcEvent([property: Key] string Source, [property: Key(Generated = true)] long Seq, string Text);

/// <summary>A plain table for transactions.</summary>
[Table("ac_accounts")]
public sealed record AcAccount([property: Key] string Id, long Balance);

[Store(typeof(AcTag), typeof(AcCode), typeof(AcTicket), typeof(AcEvent), typeof(AcAccount))]
public sealed partial class AsyncCommitStore;
