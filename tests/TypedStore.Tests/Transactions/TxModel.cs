namespace TypedStore.Tests.Transactions;

[Table("tx_accounts")]
public sealed record TxAccount([property: Key] string Id, long Balance);

[Store(typeof(TxAccount))]
public sealed partial class TxStore;
