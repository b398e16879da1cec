namespace TypedStore.Tests.Transactions;

/// <summary>
/// <c>ReadChanges</c> in a transaction (docs/transactions.md, "The change feed in a transaction"): the committed feed
/// at the transaction's snapshot, then the transaction's own pending changes in record order with sequence 0; after
/// the commit the same changes are in the feed, in that order, with real sequences.
/// </summary>
public abstract partial class TransactionTests
{
    [Fact]
    public void ReadChanges_in_a_transaction_appends_its_own_pending_changes_in_order()
    {
        TxStore store = Open();
        store.TxPeople.Put(new TxPerson("p1", "p1@x", 1));
        long committed = store.TxPeople.ReadChanges(0).Single().Sequence;
        Assert.True(committed > 0);

        using TxStoreTransaction tx = store.BeginTransaction();
        Assert.NotNull(tx.TxPeople.Get("p1"));                     // the first read takes the snapshot
        tx.TxPeople.Put(new TxPerson("p2", "p2@x", 2));
        store.TxPeople.Put(new TxPerson("p3", "p3@x", 3));        // another writer: after the snapshot, not seen
        tx.TxPeople.Delete("p1");                                  // a soft delete
        tx.TxPeople.Put(new TxPerson("p2", "p2@y", 20));

        var seen = tx.TxPeople.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Id, c.Row?.Age)).ToList();
        Assert.Equal([(committed, ChangeKind.Put, "p1", (int?)1), (0L, ChangeKind.Put, "p2", 2), (0L, ChangeKind.SoftDelete, "p1", null), (0L, ChangeKind.Put, "p2", 20)], seen);
        Assert.Equal(3, tx.TxPeople.ReadChanges(committed).Count());  // the pending ones follow any committed sequence
        Assert.Empty(tx.TxPeople.ReadChanges(long.MaxValue));
        Assert.Equal(2, store.TxPeople.ReadChanges(0).Count());      // the store sees only what is committed

        tx.Commit();
        var after = store.TxPeople.ReadChanges(committed).ToList();
        Assert.Equal([("p3", ChangeKind.Put), ("p2", ChangeKind.Put), ("p1", ChangeKind.SoftDelete), ("p2", ChangeKind.Put)], after.Select(c => (c.Id, c.Kind)));
        Assert.All(after, c => Assert.True(c.Sequence > committed));
        Assert.Equal(after.Select(c => c.Sequence).Order(), after.Select(c => c.Sequence));
    }

    [Fact]
    public void ReadChanges_of_a_user_in_a_transaction_stays_within_the_user_and_follows_rollbacks()
    {
        TxStore store = Open();
        store.TxInbox.Put(new TxMessage("u1", 1, "old"));
        using TxStoreTransaction tx = store.BeginTransaction();
        tx.TxInbox.Put(new TxMessage("u2", 1, "hi"));
        tx.TxInbox.DeleteUser("u1");
        tx.TxInbox.Put(new TxMessage("u1", 2, "new"));
        Assert.Throws<ArgumentNullException>(() => tx.TxInbox.PutMany([new TxMessage("u1", 3, "x"), null!]));   // taken back whole

        Assert.Equal(
            [(ChangeKind.Put, 1, "old"), (ChangeKind.DeleteUser, 0, null), (ChangeKind.Put, 2, "new")],
            tx.TxInbox.ReadChanges("u1", 0).Select(c => (c.Kind, c.Kind == ChangeKind.DeleteUser ? 0 : c.Id, c.Row?.Text)));
        Assert.Equal([(0L, "hi")], tx.TxInbox.ReadChanges("u2", 0).Select(c => (c.Sequence, c.Row!.Text)));
        Assert.Equal(4, tx.TxInbox.ReadChanges(0).Count());
        tx.Commit();
        Assert.Equal(4, store.TxInbox.ReadChanges(0).Count());
        Assert.Equal(["new"], store.TxInbox.ScanUser("u1").Select(m => m.Text));
    }
}
