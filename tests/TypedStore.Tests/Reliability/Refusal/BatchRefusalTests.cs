using TypedStore.Features.ChangeFeed;
using TypedStore.Tables;

namespace TypedStore.Tests.Reliability.Refusal;

/// <summary>
/// A batch member that refuses its input leaves the batch exactly as it was: no engine write, no change-feed entry,
/// no soft-delete gate is left behind, so <c>Commit</c> writes only what was accepted. Found when a batch Put of a
/// key one byte too long for a SoftDelete table threw, yet its row was committed (unreadable, and without its change).
/// Run on both engines by the Memory/RocksDb subclasses.
/// </summary>
public abstract partial class BatchRefusalTests : IDisposable
{
    /// <summary>KeyLimits.MaxKeyLength: the longest key of a plain table.</summary>
    protected const int PlainLimit = 8192;

    /// <summary>The longest row key of a SoftDelete table: its deletion marker's key is one byte longer.</summary>
    protected const int SoftLimit = PlainLimit - 1;

    private readonly List<RefusalStore> _stores = [];

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (RefusalStore store in _stores)
        {
            store.Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void BatchPut_OfAKeyOverTheSoftDeleteLimit_IsRefused_AndCommitWritesNothingOfIt()
    {
        RefusalStore store = Open();
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalPlain.Put(new PlainItem("before", "1"));
            ArgumentException refused = Assert.Throws<ArgumentException>(() => batch.RefusalSoft.Put(new SoftItem(SoftId(PlainLimit), "too long")));
            Assert.Contains("refusal_soft", refused.Message, StringComparison.Ordinal);
            batch.RefusalPlain.Put(new PlainItem("after", "2"));
            batch.Commit();
        }

        Assert.Equal(0, store.RefusalSoft.Count());
        Assert.Empty(store.RefusalSoft.ScanAllEntries());
        Assert.Equal(["after", "before"], store.RefusalPlain.ScanAll().Select(i => i.Id));
    }

    [Fact]
    public void BatchPut_OfAKeyOverTheLimit_InAUserChangeFeedTable_LeavesNoRowAndNoChange()
    {
        RefusalStore store = Open();
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalEvents.Put(new FeedEvent("u1", 1, "accepted"));
            Assert.Throws<ArgumentException>(() => batch.RefusalDrafts.Put(new FeedDraft(DraftUser(PlainLimit), 1, "too long")));
            batch.Commit();
        }

        Assert.Equal(0, store.RefusalDrafts.Count());
        Assert.Empty(store.RefusalDrafts.ScanAllEntries());
        Assert.Empty(store.RefusalDrafts.ReadChanges(0));
        Assert.Equal([ChangeKind.Put], store.RefusalEvents.ReadChanges(0).Select(c => c.Kind));
    }

    [Fact]
    public void Batch_WhoseOnlyWriteWasRefused_CommitsNothing()
    {
        RefusalStore store = Open();
        var drafts = store.RefusalDrafts.Core;
        var tooLong = new RefusalStore.RefusalDraftsKey(DraftUser(PlainLimit), 1);
        foreach (Action<StoreBatchRuntime> refused in new Action<StoreBatchRuntime>[]
        {
            batch => drafts.Put(batch, new FeedDraft(tooLong.UserId, 1, "too long")),
            batch => drafts.Delete(batch, tooLong),
            batch => drafts.Restore(batch, tooLong),
            batch => drafts.Purge(batch, tooLong),
        })
        {
            using StoreBatchRuntime batch = Runtime(store).CreateBatch();
            Assert.Throws<ArgumentException>(() => refused(batch));
            Assert.Equal(0, batch.Count);
            batch.Commit();
        }

        Assert.Empty(store.RefusalDrafts.ScanAllEntries());
        Assert.Empty(store.RefusalDrafts.ReadChanges(0));
    }

    [Fact]
    public void BatchPurgeDeleteRestore_OfARefusedKey_KeepTheBatchsEarlierWrites_AndAddNothing()
    {
        RefusalStore store = Open();
        var drafts = store.RefusalDrafts.Core;
        var tooLong = new RefusalStore.RefusalDraftsKey(DraftUser(PlainLimit), 7);
        using (StoreBatchRuntime batch = Runtime(store).CreateBatch())
        {
            drafts.Put(batch, new FeedDraft("u1", 1, "accepted"));
            int accepted = batch.Count;

            Assert.Throws<ArgumentException>(() => drafts.Purge(batch, tooLong));
            Assert.Equal(accepted, batch.Count);
            Assert.Throws<ArgumentException>(() => drafts.Delete(batch, tooLong));
            Assert.Equal(accepted, batch.Count);
            Assert.Throws<ArgumentException>(() => drafts.Restore(batch, tooLong));
            Assert.Equal(accepted, batch.Count);
            batch.Commit();
        }

        Assert.Equal([new FeedDraft("u1", 1, "accepted")], store.RefusalDrafts.ScanAll());
        Assert.Equal([ChangeKind.Put], store.RefusalDrafts.ReadChanges(0).Select(c => c.Kind));
    }

    [Fact]
    public void RefusedWrite_InTheMiddleOfABatch_AcrossTables_LeavesTheWritesBeforeAndAfter()
    {
        RefusalStore store = Open();
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalPlain.Put(new PlainItem("p1", "before"));
            batch.RefusalEvents.Put(new FeedEvent("u1", 1, "before"));
            batch.RefusalSoft.Put(new SoftItem("s1", "before"));
            batch.RefusalDrafts.Put(new FeedDraft("u1", 1, "before"));

            Assert.Throws<ArgumentException>(() => batch.RefusalDrafts.Put(new FeedDraft(DraftUser(PlainLimit), 2, "refused")));
            Assert.Throws<ArgumentException>(() => batch.RefusalSoft.Purge(SoftId(PlainLimit)));

            batch.RefusalPlain.Put(new PlainItem("p2", "after"));
            batch.RefusalEvents.Put(new FeedEvent("u1", 2, "after"));
            batch.RefusalDrafts.Delete("u1", 1);
            batch.Commit();
        }

        Assert.Equal(["p1", "p2"], store.RefusalPlain.ScanAll().Select(i => i.Id));
        Assert.Equal(["s1"], store.RefusalSoft.ScanAll().Select(i => i.Id));
        Assert.Equal([1, 2], store.RefusalEvents.ScanAll().Select(e => e.Seq));
        Assert.Equal([new FeedDraft("u1", 1, "before")], store.RefusalDrafts.ScanAll(includeDeleted: true));
        Assert.Null(store.RefusalDrafts.Get("u1", 1));
        Assert.Equal([ChangeKind.Put, ChangeKind.SoftDelete], store.RefusalDrafts.ReadChanges(0).Select(c => c.Kind));
        Assert.Equal([ChangeKind.Put, ChangeKind.Put], store.RefusalEvents.ReadChanges(0).Select(c => c.Kind));
    }

    [Fact]
    public void Batch_NullRowsAndNullKeyParts_AreRefused_AndLeaveTheBatchAsItWas()
    {
        RefusalStore store = Open();
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalPlain.Put(new PlainItem("p1", "accepted"));
            batch.RefusalDrafts.Put(new FeedDraft("u1", 1, "accepted"));

            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalPlain.Put(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalSoft.Put(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.Put(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalEvents.Put(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalPlain.Put(new PlainItem(null!, "null key")));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalSoft.Put(new SoftItem(null!, "null key")));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.Put(new FeedDraft(null!, 2, "null key")));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalEvents.Put(new FeedEvent(null!, 2, "null key")));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalPlain.Delete(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalSoft.Delete(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalSoft.Restore(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalSoft.Purge(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.Delete(null!, 1));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.Restore(null!, 1));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.Purge(null!, 1));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.DeleteUser(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalEvents.DeleteUser(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalPlain.PutMany(null!));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalPlain.PutMany([new PlainItem("p2", "in a refused PutMany"), null!]));
            Assert.ThrowsAny<ArgumentException>(() => batch.RefusalDrafts.PutMany([new FeedDraft("u1", 3, "in a refused PutMany"), new FeedDraft(null!, 4, "null key")]));
            batch.Commit();
        }

        Assert.Equal([new PlainItem("p1", "accepted")], store.RefusalPlain.ScanAll());
        Assert.Equal([new FeedDraft("u1", 1, "accepted")], store.RefusalDrafts.ScanAll(includeDeleted: true));
        Assert.Empty(store.RefusalSoft.ScanAll(includeDeleted: true));
        Assert.Empty(store.RefusalEvents.ScanAll());
        Assert.Equal([ChangeKind.Put], store.RefusalDrafts.ReadChanges(0).Select(c => c.Kind));
    }

    [Fact]
    public void BatchPutMany_WithOneRefusedRow_RecordsNoneOfItsRows()
    {
        RefusalStore store = Open();
        using (RefusalStoreBatch batch = store.CreateBatch())
        {
            batch.RefusalPlain.Put(new PlainItem("p1", "accepted"));
            Assert.Throws<ArgumentException>(() => batch.RefusalSoft.PutMany([new SoftItem("s1", "first"), new SoftItem(SoftId(PlainLimit), "refused"), new SoftItem("s3", "third")]));
            Assert.Throws<ArgumentException>(() => batch.RefusalDrafts.PutMany([new FeedDraft("u1", 1, "first"), new FeedDraft(DraftUser(PlainLimit), 2, "refused")]));
            batch.Commit();
        }

        Assert.Equal([new PlainItem("p1", "accepted")], store.RefusalPlain.ScanAll());
        Assert.Empty(store.RefusalSoft.ScanAll(includeDeleted: true));
        Assert.Empty(store.RefusalDrafts.ScanAll(includeDeleted: true));
        Assert.Empty(store.RefusalDrafts.ReadChanges(0));
    }

    [Fact]
    public void PutMany_WithOneRefusedRow_WritesNothing()
    {
        RefusalStore store = Open();

        Assert.ThrowsAny<ArgumentException>(() => store.RefusalPlain.PutMany([new PlainItem("p1", "first"), null!, new PlainItem("p3", "third")]));
        Assert.Throws<ArgumentException>(() => store.RefusalPlain.PutMany([new PlainItem("p1", "first"), new PlainItem(new string('p', PlainLimit), "over any limit")]));
        Assert.Throws<ArgumentException>(() => store.RefusalSoft.PutMany([new SoftItem("s1", "first"), new SoftItem(SoftId(PlainLimit), "refused")]));
        Assert.Throws<ArgumentException>(() => store.RefusalDrafts.PutMany([new FeedDraft("u1", 1, "first"), new FeedDraft(DraftUser(PlainLimit), 2, "refused")]));
        Assert.ThrowsAny<ArgumentException>(() => store.RefusalEvents.PutMany([new FeedEvent("u1", 1, "first"), new FeedEvent(null!, 2, "null key")]));

        Assert.Empty(store.RefusalPlain.ScanAll());
        Assert.Empty(store.RefusalSoft.ScanAll(includeDeleted: true));
        Assert.Empty(store.RefusalDrafts.ScanAll(includeDeleted: true));
        Assert.Empty(store.RefusalEvents.ScanAll());
        Assert.Empty(store.RefusalDrafts.ReadChanges(0));
        Assert.Empty(store.RefusalEvents.ReadChanges(0));
    }

    /// <summary>Opens a new, empty store on the engine under test.</summary>
    internal abstract RefusalStore OpenStore();

    /// <summary>Removes what the engine left on disk (after every store is disposed).</summary>
    protected virtual void DisposeEngineResources()
    {
    }

    /// <summary>A SoftItem id whose encoded key is <paramref name="encodedLength"/> bytes (ASCII plus the 2-byte terminator).</summary>
    protected static string SoftId(int encodedLength) => new('s', encodedLength - 2);

    /// <summary>A FeedDraft user id whose encoded row key (user id, then a 4-byte int) is <paramref name="encodedLength"/> bytes.</summary>
    protected static string DraftUser(int encodedLength) => new('u', encodedLength - 2 - sizeof(int));

    private static StoreRuntime Runtime(RefusalStore store) => store.RefusalPlain.Core.Store;

    private RefusalStore Open()
    {
        RefusalStore store = OpenStore();
        _stores.Add(store);
        return store;
    }
}
