namespace TypedStore.Tests.Operations;

/// <summary>
/// Tables removed from the code (docs/operations.md, "Dropping tables"): reported at open, kept with all their data
/// until <c>DropTable</c>, then dropped with their indexes, changes and catalog entries. RocksDB only: a memory store
/// starts empty on every open, so it never holds a table its code does not declare
/// (<see cref="StoreOperationsTests.DropTable_RefusesATableTheCodeDeclares_AndOneTheStoreDoesNotHave"/> runs on both).
/// </summary>
public sealed class RocksDbRemovedTableTests : IDisposable
{
    private readonly TempDirectories _directories = new();

    public void Dispose() => _directories.Dispose();

    [Fact]
    public void RemovedTables_AreReported_AndKeepTheirData_UntilDropped()
    {
        string path = _directories.New("store");
        using (OpsStore store = OpsStore.Open(path))
        {
            store.OpsItems.Put(new OpsItem(1, "kept"));
            store.OpsFeed.Put(new OpsFeedEntry(1, "dropped"));
            store.OpsUserFeed.Put(new OpsUserFeedEntry("u1", 1, "kept"));
            Assert.Empty(store.RemovedTables);
        }

        using (OpsItemsOnlyStore narrowed = OpsItemsOnlyStore.Open(path))
        {
            Assert.Equal(["ops_events", "ops_feed", "ops_user_feed"], narrowed.RemovedTables);
            Assert.Equal(new OpsItem(1, "kept"), narrowed.OpsItems.Get(1));
        }

        // Not dropped: the full code opens the store again with every row and change.
        using (OpsStore store = OpsStore.Open(path))
        {
            Assert.Equal(new OpsFeedEntry(1, "dropped"), store.OpsFeed.Get(1));
            Assert.Single(store.OpsFeed.ReadChanges(0));
            Assert.Empty(store.RemovedTables);
        }
    }

    [Fact]
    public void DropTable_DropsRowsIndexesChangesAndCatalogEntries_OfThatTableOnly()
    {
        string path = _directories.New("store");
        using (OpsStore original = OpsStore.Open(path))
        {
            original.OpsItems.Put(new OpsItem(1, "kept"));
            original.OpsFeed.PutMany([.. Enumerable.Range(0, 100).Select(i => new OpsFeedEntry(i, "text " + i))]);
            original.OpsUserFeed.Put(new OpsUserFeedEntry("u1", 1, "kept"));
        }

        using (OpsItemsOnlyStore narrowed = OpsItemsOnlyStore.Open(path))
        {
            var declared = Assert.Throws<InvalidOperationException>(() => narrowed.DropTable("ops_items"));
            Assert.Contains("still declares", declared.Message, StringComparison.Ordinal);

            narrowed.DropTable("ops_feed");

            Assert.Equal(["ops_events", "ops_user_feed"], narrowed.RemovedTables);
            var again = Assert.Throws<ArgumentException>(() => narrowed.DropTable("ops_feed"));
            Assert.Contains("ops_events, ops_user_feed", again.Message, StringComparison.Ordinal);
        }

        using (OpsItemsOnlyStore narrowed = OpsItemsOnlyStore.Open(path))
        {
            Assert.Equal(["ops_events", "ops_user_feed"], narrowed.RemovedTables);
        }

        // The table comes back empty, as a new table: no rows, no index entries, no changes.
        using OpsStore store = OpsStore.Open(path);
        Assert.Equal(0, store.OpsFeed.Count());
        Assert.Empty(store.OpsFeed.ByText.Scan("text 5").ToList());
        Assert.Empty(store.OpsFeed.ReadChanges(0));
        Assert.Equal(new OpsItem(1, "kept"), store.OpsItems.Get(1));
        Assert.Equal(new OpsUserFeedEntry("u1", 1, "kept"), store.OpsUserFeed.Get("u1", 1));
        Assert.Single(store.OpsUserFeed.ReadChanges(0));

        store.OpsFeed.Put(new OpsFeedEntry(1, "new"));
        Assert.Equal([new OpsFeedEntry(1, "new")], store.OpsFeed.ByText.Scan("new").ToList());
    }
}
