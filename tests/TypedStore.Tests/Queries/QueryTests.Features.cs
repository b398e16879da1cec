namespace TypedStore.Tests.Queries;

public abstract partial class QueryTests
{
    [Fact]
    public void SoftDeleteTable_QueriesHideDeletedRows_UnlessIncluded()
    {
        QueryStore store = Open();
        store.QSoft.PutMany(Enumerable.Range(1, 6).Select(i => new QSoft("g", i, $"t{i}")));
        store.QSoft.Delete("g", 1);
        store.QSoft.Delete("g", 4);
        store.QSoft.Delete("g", 6);

        Assert.Equal([2, 3, 5], store.QSoft.Scan("g").Select(r => r.Id));
        Assert.Equal(3, store.QSoft.Scan("g").Count());
        Assert.Equal([2, 3, 5], store.QSoft.Scan("g").Keys().Select(k => k.Id));
        Assert.Equal(2, store.QSoft.Scan("g").First()!.Id);
        Assert.Equal(5, store.QSoft.Scan("g").Last()!.Id);
        Assert.Equal([5, 3], store.QSoft.Scan("g").From(3).Reverse().Select(r => r.Id));
        Assert.False(store.QSoft.Scan("g").From(6).Any());
        Assert.Equal([2, 3], store.QSoft.Scan("g").Page(2).Rows.Select(r => r.Id));
        Assert.Equal([5], store.QSoft.Scan("g").Page(2, store.QSoft.Scan("g").Page(2).Next).Rows.Select(r => r.Id));

        Assert.Equal([1, 2, 3, 4, 5, 6], store.QSoft.Scan("g").IncludeDeleted().Select(r => r.Id));
        Assert.Equal(6, store.QSoft.Scan("g").IncludeDeleted().Count());
        Assert.Equal(6, store.QSoft.Scan().IncludeDeleted().Last()!.Id);
    }

    [Fact]
    public void SoftDeleteTable_RangeDelete_RemovesRowsAndMarkersForGood()
    {
        QueryStore store = Open();
        store.QSoft.PutMany(Enumerable.Range(1, 6).Select(i => new QSoft("g", i, $"t{i}")));
        store.QSoft.Put(new QSoft("h", 1, "other group"));
        store.QSoft.Delete("g", 2);

        store.QSoft.Scan("g").From(2).To(4).Delete();

        Assert.Equal([1, 5, 6], store.QSoft.Scan("g").IncludeDeleted().Select(r => r.Id));
        store.QSoft.Restore("g", 2); // nothing left to restore: the row went with its marker
        Assert.Null(store.QSoft.Get("g", 2));
        Assert.Null(store.QSoft.GetEntry("g", 2));
        Assert.Equal(0, store.QSoft.PurgeDeleted(Clock.GetUtcNow().AddDays(1))); // no orphan marker either
        Assert.Equal("other group", store.QSoft.Get("h", 1)!.Text);
    }

    [Fact]
    public void ChangeFeedTable_RangeDelete_RecordsOneDeletePerRowRemoved()
    {
        QueryStore store = Open();
        store.QFeed.PutMany(Enumerable.Range(1, 5).Select(i => new QFeed("g", i, $"t{i}")));
        store.QFeed.Put(new QFeed("h", 3, "other group"));
        long since = store.QFeed.ReadChanges(0).Max(c => c.Sequence);

        store.QFeed.Scan("g").After(1).Before(5).Delete();

        Assert.Equal([1, 5], store.QFeed.Scan("g").Select(r => r.Id));
        var changes = store.QFeed.ReadChanges(since).ToList();
        Assert.Equal([(ChangeKind.Delete, "g", 2), (ChangeKind.Delete, "g", 3), (ChangeKind.Delete, "g", 4)], changes.Select(c => (c.Kind, c.Group, c.Id)));
        Assert.Equal(Enumerable.Range(0, 3).Select(i => changes[0].Sequence + i), changes.Select(c => c.Sequence));
        Assert.Single(changes.Select(c => c.Timestamp).Distinct()); // one commit
    }

    [Fact]
    public void SoftDeleteAndChangeFeedTable_RangeDelete_RemovesRowsMarkersAndOrphans_WithOneDeletePerRow()
    {
        QueryStore store = Open();
        store.QNotes.PutMany(Enumerable.Range(1, 4).Select(i => new QNote("g", i, $"t{i}")));
        store.QNotes.Delete("g", 2);  // soft-deleted: its row and marker are both in the range
        store.QNotes.Delete("g", 9);  // no row: an orphan marker
        store.QNotes.Put(new QNote("h", 1, "other group"));
        long since = store.QNotes.ReadChanges(0).Max(c => c.Sequence);

        store.QNotes.Scan("g").Delete();

        Assert.Empty(store.QNotes.Scan("g").IncludeDeleted());
        Assert.Equal([(ChangeKind.Delete, 1), (ChangeKind.Delete, 2), (ChangeKind.Delete, 3), (ChangeKind.Delete, 4)], store.QNotes.ReadChanges(since).Select(c => (c.Kind, c.Id)));
        Assert.Equal(0, store.QNotes.PurgeDeleted(Clock.GetUtcNow().AddDays(1))); // no marker left behind
        Assert.Equal("other group", store.QNotes.Get("h", 1)!.Text);
    }

    [Fact]
    public void Batch_RecordsRangeDeleteAndClear_AtomicallyWithItsOtherWrites_AndDropsThemWhenDisposed()
    {
        QueryStore store = Open();
        store.QFeed.PutMany(Enumerable.Range(1, 4).Select(i => new QFeed("g", i, $"t{i}")));
        store.QItems.Put(new QItem("p", 1, 1, "kept until commit"));

        using (QueryStoreBatch batch = store.CreateBatch())
        {
            batch.QFeed.Put(new QFeed("g", 9, "written in the batch, inside the range"));
            batch.QFeed.Put(new QFeed("g", 3, "rewritten in the batch: removed once, one change"));
            batch.QFeed.Delete(store.QFeed.Scan("g").From(3));
            batch.QFeed.Put(new QFeed("h", 1, "outside the range"));
            batch.QItems.Clear();

            // Nothing is applied before the commit.
            Assert.Equal(4, store.QFeed.Scan("g").Count());
            Assert.Equal(1, store.QItems.Scan().Count());
            batch.Commit();
        }

        Assert.Equal([1, 2], store.QFeed.Scan("g").Select(r => r.Id));
        Assert.Equal("outside the range", store.QFeed.Get("h", 1)!.Text);
        Assert.False(store.QItems.Scan().Any());
        Assert.Equal([3, 4, 9], store.QFeed.ReadChanges(0).Where(c => c.Kind == ChangeKind.Delete).Select(c => c.Id)); // key order

        using (QueryStoreBatch dropped = store.CreateBatch())
        {
            dropped.QFeed.Clear();
            dropped.QItems.Put(new QItem("p", 2, 2, "never committed"));
        }

        Assert.Equal(3, store.QFeed.Scan().Count());
        Assert.False(store.QItems.Scan().Any());
    }

    [Fact]
    public void Clear_RemovesEveryRow_OfThatTableOnly()
    {
        QueryStore store = Open();
        store.QItems.PutMany(s_projects.Select((p, i) => new QItem(p, long.MaxValue - i, int.MaxValue, "r")));
        store.QItems.Put(new QItem("\uFFFF\uFFFF", long.MinValue, int.MaxValue, "the last key there is"));
        store.QOther.Put(new QOther("a", 1, 1, "other table"));
        store.QSoft.Put(new QSoft("g", 1, "s"));
        store.QSoft.Delete("g", 1);

        store.QItems.Clear();
        store.QSoft.Clear();

        Assert.Equal(0, store.QItems.Count());
        Assert.Empty(store.QSoft.Scan().IncludeDeleted());
        Assert.Equal(1, store.QOther.Count());
    }

    [Fact]
    public void BatchDelete_OfAnotherStoresQuery_IsRefused_AndRecordsNothing()
    {
        QueryStore store = Open();
        QueryStore other = Open();
        other.QItems.Put(new QItem("p", 1, 1, "other store"));

        using QueryStoreBatch batch = store.CreateBatch();
        var refusal = Assert.Throws<ArgumentException>(() => batch.QItems.Delete(other.QItems.Scan("p")));
        Assert.Contains("'q_items'", refusal.Message, StringComparison.Ordinal);
        batch.Commit(); // the refused member recorded nothing
        Assert.Equal(1, other.QItems.Count());
    }

    [Fact]
    public void StreamTable_ExpiredRowsAreHiddenFromEveryQueryMember()
    {
        QueryStore store = Open();
        store.QPings.Put(new QPing("h", 1, "old"));
        Clock.Advance(TimeSpan.FromSeconds(61));
        store.QPings.Put(new QPing("h", 2, "fresh"));

        Assert.Equal([2], store.QPings.Scan("h").Select(r => r.N));
        Assert.Equal(1, store.QPings.Scan("h").Count());
        Assert.Equal([2], store.QPings.Scan().Keys().Select(k => k.N));
        Assert.Equal(2, store.QPings.Scan("h").First()!.N);
        Assert.Equal(2, store.QPings.Scan("h").Last()!.N);
        Assert.False(store.QPings.Scan("h").Before(2).Any());
        Assert.Equal([2], store.QPings.Scan("h").Page(5).Rows.Select(r => r.N));
        Assert.Equal([null, "fresh"], store.QPings.GetMany([("h", 1), ("h", 2)]).Select(r => r?.Status));
    }
}
