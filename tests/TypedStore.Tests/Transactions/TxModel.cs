namespace TypedStore.Tests.Transactions;

[Table("tx_accounts")]
public sealed record TxAccount([property: Key] string Id, long Balance);

[Table("tx_people", SoftDelete = true, ChangeFeed = true)]
[Index("by_email", nameof(TxPerson.Email), Unique = true)]
public sealed record TxPerson([property: Key] string Id, string Email, int Age);

[Table("tx_notes")]
public sealed record TxNote([property: Key(Generated = true)] long Id, string Text);

[Table("tx_inbox", Kind = TableKind.User, ChangeFeed = true)]
public sealed record TxMessage([property: Key] string UserId, [property: Key] int Id, string Text);

[Store(typeof(TxAccount), typeof(TxPerson), typeof(TxNote), typeof(TxMessage))]
public sealed partial class TxStore;
