using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle;

public abstract partial class LifecycleTests
{
    [Fact]
    public void SoftDelete_HidesTheRow_EntryShowsIt_RestoreBringsBackTheSameRow()
    {
        LifecycleStore store = Open();
        var draft = new Draft("d1", "first body", 3);
        store.Drafts.Put(draft);
        DateTimeOffset written = Clock.Now;
        Clock.Advance(TimeSpan.FromMinutes(5));

        store.Drafts.Delete("d1");

        Assert.Null(store.Drafts.Get("d1"));
        Assert.False(store.Drafts.TryGet("d1", out _));
        Assert.False(store.Drafts.Exists("d1"));
        Assert.Equal(0, store.Drafts.Count());
        Assert.Empty(store.Drafts.ScanAll());
        TableEntry<Draft> entry = Assert.NotNull(store.Drafts.GetEntry("d1"));
        Assert.Equal(draft, entry.Row);
        Assert.True(entry.IsDeleted);
        Assert.Equal(written, entry.Updated);      // the row was not rewritten by the delete
        Assert.Equal(Clock.Now, entry.Deleted);    // the marker carries the deletion time

        store.Drafts.Restore("d1");

        Assert.Equal(draft, store.Drafts.Get("d1"));
        Assert.True(store.Drafts.Exists("d1"));
        Assert.Equal(1, store.Drafts.Count());
        TableEntry<Draft> restored = Assert.NotNull(store.Drafts.GetEntry("d1"));
        Assert.False(restored.IsDeleted);
        Assert.Null(restored.Deleted);
        Assert.Equal(written, restored.Updated);
    }

    [Fact]
    public void SoftDelete_ScansSkipDeletedRows_UnlessAsked_InBothDirections()
    {
        LifecycleStore store = Open();
        string[] ids = ["a", "b", "c", "d", "e", "f"];
        foreach (string id in ids)
        {
            store.Drafts.Put(new Draft(id, "body " + id, 1));
        }

        // Deleted rows at both ends and in the middle, so a marker follows the first and the last row.
        string[] deleted = ["a", "c", "d", "f"];
        foreach (string id in deleted)
        {
            store.Drafts.Delete(id);
        }

        string[] live = ids.Except(deleted).ToArray();
        Assert.Equal(live, store.Drafts.ScanAll().Select(d => d.Id));
        Assert.Equal(live.Reverse(), store.Drafts.ScanAll(reverse: true).Select(d => d.Id));
        Assert.Equal(ids, store.Drafts.ScanAll(includeDeleted: true).Select(d => d.Id));
        Assert.Equal(ids.Reverse(), store.Drafts.ScanAll(reverse: true, includeDeleted: true).Select(d => d.Id));

        var entries = store.Drafts.ScanAllEntries().ToList();
        Assert.Equal(ids, entries.Select(e => e.Row.Id));
        Assert.Equal(ids.Select(deleted.Contains), entries.Select(e => e.IsDeleted));
        Assert.Equal(ids.Reverse().Select(deleted.Contains), store.Drafts.ScanAllEntries(reverse: true).Select(e => e.IsDeleted));
        Assert.Equal(live.Length, store.Drafts.Count());
    }

    [Fact]
    public void SoftDelete_UserScansAndCounts_SkipDeletedRows()
    {
        LifecycleStore store = Open();
        for (long i = 0; i < 5; i++)
        {
            store.Notes.Put(new Note("u1", i, $"n{i}"));
            store.Notes.Put(new Note("u2", i, $"n{i}"));
        }

        store.Notes.Delete("u1", 0);
        store.Notes.Delete("u1", 4);
        store.Notes.Delete("u2", 2);

        Assert.Equal([1L, 2, 3], store.Notes.ScanUser("u1").Select(n => n.NoteId));
        Assert.Equal([1L, 2, 3], store.Notes.Scan("u1").Select(n => n.NoteId));
        Assert.Equal(3, store.Notes.CountUser("u1"));
        Assert.Equal([0L, 1, 3, 4], store.Notes.ScanUser("u2").Select(n => n.NoteId));
        Assert.Equal(4, store.Notes.CountUser("u2"));
        Assert.Equal(7, store.Notes.Count());
    }

    [Fact]
    public void Put_AfterSoftDelete_IsLiveWithTheNewRow()
    {
        LifecycleStore store = Open();
        store.Drafts.Put(new Draft("d1", "old", 1));
        store.Drafts.Delete("d1");

        store.Drafts.Put(new Draft("d1", "new", 2));

        Assert.Equal(new Draft("d1", "new", 2), store.Drafts.Get("d1"));
        Assert.False(store.Drafts.GetEntry("d1")!.Value.IsDeleted);
        store.Drafts.Restore("d1"); // nothing to restore: harmless
        Assert.Equal(new Draft("d1", "new", 2), store.Drafts.Get("d1"));
    }

    [Fact]
    public void Delete_OfAnAbsentKey_HidesNothing_AndALaterPutIsLive()
    {
        LifecycleStore store = Open();

        store.Drafts.Delete("ghost");

        Assert.Null(store.Drafts.GetEntry("ghost"));
        Assert.Empty(store.Drafts.ScanAll(includeDeleted: true));
        store.Drafts.Put(new Draft("ghost", "now real", 1));
        Assert.NotNull(store.Drafts.Get("ghost"));
    }

    [Fact]
    public void Purge_RemovesRowAndMarker_ForGood()
    {
        LifecycleStore store = Open();
        store.Drafts.Put(new Draft("keep", "k", 1));
        store.Drafts.Put(new Draft("gone", "g", 1));
        store.Drafts.Put(new Draft("live", "l", 1));
        int rawBefore = RawKeys(store.Drafts.Core).Count;
        store.Drafts.Delete("gone");

        store.Drafts.Purge("gone");
        store.Drafts.Purge("live"); // purge works on live rows too

        Assert.Null(store.Drafts.GetEntry("gone"));
        Assert.Null(store.Drafts.GetEntry("live"));
        store.Drafts.Restore("gone");
        Assert.Null(store.Drafts.Get("gone"));
        Assert.Equal(rawBefore - 2, RawKeys(store.Drafts.Core).Count); // no marker left behind
        Assert.Equal(new Draft("keep", "k", 1), store.Drafts.Get("keep"));
    }

    [Fact]
    public void PurgeDeleted_RemovesRowsDeletedBeforeTheCutoff_AndOrphanMarkers_NothingElse()
    {
        LifecycleStore store = Open();
        foreach (string id in new[] { "d1", "d2", "d3", "live" })
        {
            store.Drafts.Put(new Draft(id, id, 1));
        }

        store.Drafts.Delete("d1");
        store.Drafts.Delete("never-written"); // a marker without a row
        Clock.Advance(TimeSpan.FromHours(1));
        DateTimeOffset cutoff = Clock.Now;
        store.Drafts.Delete("d2");            // exactly at the cut-off: not older than it
        Clock.Advance(TimeSpan.FromHours(1));
        store.Drafts.Delete("d3");

        long purged = store.Drafts.PurgeDeleted(cutoff);

        Assert.Equal(1, purged);
        Assert.Null(store.Drafts.GetEntry("d1"));
        Assert.True(store.Drafts.GetEntry("d2")!.Value.IsDeleted);
        Assert.True(store.Drafts.GetEntry("d3")!.Value.IsDeleted);
        Assert.NotNull(store.Drafts.Get("live"));
        // Left: live, d2 + marker, d3 + marker. The orphan marker and d1's row and marker are gone.
        Assert.Equal(5, RawKeys(store.Drafts.Core).Count);

        Assert.Equal(2, store.Drafts.PurgeDeleted(Clock.Now.AddTicks(1)));
        Assert.Single(RawKeys(store.Drafts.Core));
    }

    [Fact]
    public void PurgeDeleted_WorksThroughManyChunks()
    {
        LifecycleStore store = Open();
        const int Rows = (TableCore<Draft, LifecycleStore.DraftsKey, LifecycleStore.DraftsCodec>.PurgeChunkSize * 2) + 17;
        store.Drafts.PutMany(Enumerable.Range(0, Rows).Select(i => new Draft($"d{i:D5}", "x", i)));
        for (int i = 0; i < Rows; i += 2)
        {
            store.Drafts.Delete($"d{i:D5}");
        }

        long purged = store.Drafts.PurgeDeleted(Clock.Now.AddTicks(1));

        Assert.Equal((Rows + 1) / 2, purged);
        Assert.Equal(Rows / 2, store.Drafts.Count());
        Assert.Equal(Rows / 2, RawKeys(store.Drafts.Core).Count);
        Assert.All(store.Drafts.ScanAll(includeDeleted: true), d => Assert.Equal(1, d.Revision % 2));
    }

    [Fact]
    public void SoftDelete_InABatch_DeleteRestorePurge_CommitAtomically()
    {
        LifecycleStore store = Open();
        store.Drafts.PutMany([new Draft("a", "a", 1), new Draft("b", "b", 1), new Draft("c", "c", 1)]);
        store.Drafts.Delete("b");

        using (LifecycleStoreBatch batch = store.CreateBatch())
        {
            batch.Drafts.Delete("a");
            batch.Drafts.Restore("b");
            batch.Drafts.Purge("c");
            batch.Drafts.Put(new Draft("d", "d", 1));
            Assert.NotNull(store.Drafts.Get("a")); // nothing visible before the commit
            batch.Commit();
        }

        Assert.True(store.Drafts.GetEntry("a")!.Value.IsDeleted);
        Assert.Equal(new Draft("b", "b", 1), store.Drafts.Get("b"));
        Assert.Null(store.Drafts.GetEntry("c"));
        Assert.NotNull(store.Drafts.Get("d"));

        using (LifecycleStoreBatch batch = store.CreateBatch())
        {
            batch.Drafts.Put(new Draft("a", "again", 2)); // a put in a batch clears the marker too
            batch.Commit();
        }

        Assert.Equal(new Draft("a", "again", 2), store.Drafts.Get("a"));
    }

    [Fact]
    public void SoftDelete_DeleteUser_RemovesRowsAndMarkersOfThatUserOnly()
    {
        LifecycleStore store = Open();
        store.Notes.PutMany([new Note("u1", 1, "x"), new Note("u1", 2, "y"), new Note("u2", 1, "z")]);
        store.Notes.Delete("u1", 1);
        store.Notes.Delete("u2", 1);

        store.Notes.DeleteUser("u1");

        Assert.Empty(store.Notes.ScanUser("u1"));
        Assert.Null(store.Notes.GetEntry("u1", 1));
        Assert.True(store.Notes.GetEntry("u2", 1)!.Value.IsDeleted);
        Assert.Equal(2, RawKeys(store.Notes.Core).Count); // u2's row and its marker
    }

    [Fact]
    public void Snapshot_SeesTheDeletedStateOfItsMoment()
    {
        LifecycleStore store = Open();
        store.Drafts.Put(new Draft("a", "a", 1));
        using LifecycleStoreSnapshot before = store.CreateSnapshot();
        store.Drafts.Delete("a");
        using LifecycleStoreSnapshot after = store.CreateSnapshot();
        store.Drafts.Restore("a");

        Assert.NotNull(before.Drafts.Get("a"));
        Assert.Null(after.Drafts.Get("a"));
        Assert.True(after.Drafts.GetEntry("a")!.Value.IsDeleted);
        Assert.Single(after.Drafts.ScanAll(includeDeleted: true));
        Assert.Empty(after.Drafts.ScanAll());
        Assert.Equal(0, after.Drafts.Count());
        Assert.NotNull(store.Drafts.Get("a"));
    }
}
