using TypedStore.Features.ChangeFeed;

namespace TypedStore.Tests.Reliability.Refusal;

/// <content>
/// The key limit of SoftDelete tables: a row key leaves room for its deletion marker's suffix byte, so a key that
/// can be written can always be read, deleted, restored and purged; a longer one is refused by every operation alike,
/// naming the table. Plain tables keep the whole limit.
/// </content>
public abstract partial class BatchRefusalTests
{
    [Fact]
    public void SoftDeleteKey_AtTheLimit_CanBePutReadDeletedRestoredAndPurged()
    {
        RefusalStore store = Open();
        string id = SoftId(SoftLimit);
        var soft = store.RefusalSoft;

        soft.Put(new SoftItem(id, "at the limit"));
        Assert.Equal(new SoftItem(id, "at the limit"), soft.Get(id));
        Assert.True(soft.Exists(id));
        soft.Delete(id);
        Assert.Null(soft.Get(id));
        Assert.True(soft.GetEntry(id)!.Value.IsDeleted);
        soft.Restore(id);
        Assert.Equal(new SoftItem(id, "at the limit"), soft.Get(id));
        soft.Purge(id);
        Assert.Null(soft.GetEntry(id));

        // The same in a batch, and PurgeDeleted finds the row's marker.
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalSoft.Put(new SoftItem(id, "in a batch"));
            batch.Commit();
        }

        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalSoft.Delete(id);
            batch.Commit();
        }

        Assert.Null(soft.Get(id));
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalSoft.Restore(id);
            batch.Commit();
        }

        Assert.Equal(new SoftItem(id, "in a batch"), soft.Get(id));
        soft.Delete(id);
        Assert.Equal(1, soft.PurgeDeleted(DateTimeOffset.MaxValue));
        Assert.Empty(soft.ScanAllEntries());
    }

    [Fact]
    public void UserChangeFeedSoftDeleteKey_AtTheLimit_HasEveryChangeInTheUsersFeed()
    {
        RefusalStore store = Open();
        string user = DraftUser(SoftLimit);
        var drafts = store.RefusalDrafts;

        drafts.Put(new FeedDraft(user, 1, "at the limit"));
        drafts.Delete(user, 1);
        drafts.Restore(user, 1);
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalDrafts.Delete(user, 1);
            batch.RefusalDrafts.Restore(user, 1);
            batch.RefusalDrafts.Purge(user, 1);
            batch.Commit();
        }

        Assert.Null(drafts.GetEntry(user, 1));
        ChangeKind[] expected = [ChangeKind.Put, ChangeKind.SoftDelete, ChangeKind.Restore, ChangeKind.SoftDelete, ChangeKind.Restore, ChangeKind.Purge];
        Assert.Equal(expected, drafts.ReadChanges(user, 0).Select(c => c.Kind));
        Assert.Equal(expected, drafts.ReadChanges(0).Select(c => c.Kind));
    }

    [Fact]
    public void SoftDeleteKey_OverTheLimit_IsRefusedByEveryOperation_NamingTheTable()
    {
        RefusalStore store = Open();
        var soft = store.RefusalSoft;
        string id = SoftId(PlainLimit);
        List<Action> operations =
        [
            () => soft.Put(new SoftItem(id, "x")),
            () => soft.PutMany([new SoftItem(id, "x")]),
            () => soft.Get(id),
            () => soft.Exists(id),
            () => soft.GetEntry(id),
            () => soft.Delete(id),
            () => soft.Restore(id),
            () => soft.Purge(id),
            () => InBatch(store, b => b.RefusalSoft.Put(new SoftItem(id, "x"))),
            () => InBatch(store, b => b.RefusalSoft.Delete(id)),
            () => InBatch(store, b => b.RefusalSoft.Restore(id)),
            () => InBatch(store, b => b.RefusalSoft.Purge(id)),
            () => InSnapshot(store, s => s.RefusalSoft.Get(id)),
            () => store.RefusalDrafts.Put(new FeedDraft(DraftUser(PlainLimit), 1, "x")),
            () => store.RefusalDrafts.Get(DraftUser(PlainLimit), 1),
            () => store.RefusalDrafts.Purge(DraftUser(PlainLimit), 1),
        ];

        foreach (Action operation in operations)
        {
            ArgumentException refused = Assert.Throws<ArgumentException>(operation);
            Assert.Matches("refusal_(soft|drafts)", refused.Message);
            Assert.Contains(SoftLimit.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message, StringComparison.Ordinal);
        }

        Assert.Empty(soft.ScanAllEntries());
        Assert.Empty(store.RefusalDrafts.ReadChanges(0));
    }

    [Fact]
    public void PlainTableKey_AtTheWholeLimit_IsStillAccepted()
    {
        RefusalStore store = Open();
        string id = new('p', PlainLimit - 2);

        store.RefusalPlain.Put(new PlainItem(id, "whole limit"));
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalPlain.Put(new PlainItem(id, "in a batch"));
            batch.Commit();
        }

        Assert.Equal(new PlainItem(id, "in a batch"), store.RefusalPlain.Get(id));
        store.RefusalPlain.Delete(id);
        Assert.False(store.RefusalPlain.Exists(id));

        // A change-feed table without soft delete keeps the whole limit too; its per-user index key is longer
        // than the row key (table prefix and sequence around the user prefix) and needs no limit of its own.
        string user = new('e', PlainLimit - 2 - sizeof(int));
        store.RefusalEvents.Put(new FeedEvent(user, 1, "whole limit"));
        store.RefusalEvents.Delete(user, 1);
        Assert.Equal([ChangeKind.Put, ChangeKind.Delete], store.RefusalEvents.ReadChanges(user, 0).Select(c => c.Kind));
    }

    private static void InBatch(RefusalStore store, Action<RefusalStoreBatch> record)
    {
        using RefusalStoreBatch batch = store.CreateBatch();
        record(batch);
        batch.Commit();
    }

    private static void InSnapshot(RefusalStore store, Action<RefusalStoreSnapshot> read)
    {
        using RefusalStoreSnapshot snapshot = store.CreateSnapshot();
        read(snapshot);
    }
}
