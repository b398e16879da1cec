using TypedStore.Features.ChangeFeed;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Reliability.Refusal;

/// <content>
/// The mechanism itself, <see cref="WriteScope"/> (a batch member): whatever a member recorded before it threw
/// (write-set ops, change-feed notes, soft-delete commit steps) is undone, and nothing recorded before the member is.
/// These members fail after recording, which no key check can prevent: an enumerator that throws part-way.
/// </content>
public abstract partial class BatchRefusalTests
{
    [Fact]
    public void BatchPutMany_WhoseEnumeratorThrowsPartWay_RecordsNoneOfItsRows_NorTheirChanges()
    {
        RefusalStore store = Open();
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalDrafts.Put(new FeedDraft("u1", 1, "accepted"));
            Assert.Throws<InvalidDataException>(() => batch.RefusalDrafts.PutMany(RowsThenFailure(new FeedDraft("u1", 2, "x"), new FeedDraft("u2", 3, "y"))));
            Assert.Throws<InvalidDataException>(() => batch.RefusalPlain.PutMany(RowsThenFailure(new PlainItem("p1", "x"))));
            Assert.Throws<InvalidDataException>(() => batch.RefusalEvents.PutMany(RowsThenFailure(new FeedEvent("u1", 1, "x"))));
            batch.RefusalDrafts.Put(new FeedDraft("u1", 4, "accepted"));
            batch.Commit();
        }

        Assert.Equal([1, 4], store.RefusalDrafts.ScanAll(includeDeleted: true).Select(d => d.DraftId));
        Assert.Equal([ChangeKind.Put, ChangeKind.Put], store.RefusalDrafts.ReadChanges(0).Select(c => c.Kind));
        Assert.Empty(store.RefusalPlain.ScanAll());
        Assert.Empty(store.RefusalEvents.ScanAll());
        Assert.Empty(store.RefusalEvents.ReadChanges(0));
    }

    [Fact]
    public void Member_NotCompleted_UndoesItsWrites_AndANestedFailureUndoesTheOuterMember()
    {
        RefusalStore store = Open();
        WriteTable plain = store.RefusalPlain.Core.WriteTable;
        using StoreBatchRuntime batch = Runtime(store).CreateBatch();
        store.RefusalPlain.Core.Put(batch, new PlainItem("kept", "accepted"));

        Assert.Throws<InvalidDataException>(FailingNestedMembers);
        Assert.Equal(1, batch.Count);

        using (WriteScope completed = batch.BeginMember(WriteDurability.Default))
        {
            completed.Writes.AddDelete(plain, "completed"u8, ChangeKind.Delete, 0);
            completed.Complete();
        }

        Assert.Equal(2, batch.Count);
        batch.Commit();
        Assert.Equal([new PlainItem("kept", "accepted")], store.RefusalPlain.ScanAll());

        void FailingNestedMembers()
        {
            using WriteScope outer = batch.BeginMember(WriteDurability.Synced);
            outer.Writes.AddDelete(plain, "outer"u8, ChangeKind.Delete, 0);
            using WriteScope inner = batch.BeginMember(WriteDurability.Default);
            inner.Writes.AddDelete(plain, "inner"u8, ChangeKind.Delete, 0);
            Assert.Throws<InvalidOperationException>(batch.Commit);
            throw new InvalidDataException("the member fails");
        }
    }

    private static IEnumerable<T> RowsThenFailure<T>(params T[] rows)
    {
        foreach (T row in rows)
        {
            yield return row;
        }

        throw new InvalidDataException("The row source failed part-way.");
    }
}
