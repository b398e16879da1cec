namespace TypedStore.Tests.Async;

/// <summary>A table whose rows are stored alone: a transaction's async scans read plain pages through its overlay.</summary>
[Table("tx_items")]
public sealed record TxItem([property: Key] string Group, [property: Key] int Number, int Value);

/// <summary>A soft-delete table without indexes: rows and markers walked over the overlay's pages.</summary>
[Table("tx_notes", SoftDelete = true)]
public sealed record TxNote([property: Key] string Group, [property: Key] int Number, int Value);

/// <summary>A stream with a TTL: the expiry filter over the overlay's pages.</summary>
[Table("tx_beats", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record TxBeat([property: Key] string Device, [property: Key(Generated = true)] long Seq, int Value);

[Store(typeof(TxItem), typeof(TxNote), typeof(TxBeat))]
public sealed partial class AsyncTransactionReadStore;
