namespace TypedStore.Benchmarks.Model;

/// <summary>The row of the transaction lines of the quick mode (Quick/TransactionQuickMode.cs): a plain table.</summary>
[Table("tx_counters")]
public sealed record TxCounter([property: Key] int Id, long Value, string Payload);
