namespace TypedStore.Tests.Async;

/// <content>Soft-delete tables: a row and its deletion marker come through the async pages together, and the read filter applies as in the synchronous path.</content>
public abstract partial class AsyncReadTests
{
    [Fact]
    public async Task Soft_delete_point_reads_equal_the_synchronous_reads_with_no_blocking_call()
    {
        AsyncReadStore store = Open();
        FillNotes(store);
        (string Book, int Number)[] keys = [("b0", 0), ("b0", 1), ("b1", 4), ("b1", 7), ("b1", 1000), ("b2", 89), ("b9", 0)];
        foreach ((string book, int number) in keys)
        {
            Assert.Equal(store.AreadNotes.Get(book, number), await Async("GetAsync", () => store.AreadNotes.GetAsync(book, number).AsTask()));
            Assert.Equal(store.AreadNotes.Exists(book, number), await Async("ExistsAsync", () => store.AreadNotes.ExistsAsync(book, number).AsTask()));
            Assert.Equal(store.AreadNotes.GetEntry(book, number), await Async("GetEntryAsync", () => store.AreadNotes.GetEntryAsync(book, number).AsTask()));
        }

        Assert.Equal(store.AreadNotes.GetMany(keys), await Async("GetManyAsync", () => store.AreadNotes.GetManyAsync(keys).AsTask()));

        // The outcomes the comparison relies on: a live row, a deleted one (null, but its entry flagged), a restored one,
        // a marker alone (no row, no entry).
        Assert.NotNull(await store.AreadNotes.GetAsync("b0", 0));
        Assert.Null(await store.AreadNotes.GetAsync("b0", 1));
        Assert.True((await store.AreadNotes.GetEntryAsync("b0", 1))?.IsDeleted);
        Assert.NotNull((await store.AreadNotes.GetEntryAsync("b0", 1))?.Deleted);
        Assert.NotNull(await store.AreadNotes.GetAsync("b1", 4));
        Assert.Null(await store.AreadNotes.GetEntryAsync("b1", 1000));
    }

    [Fact]
    public async Task Soft_delete_reads_at_a_snapshot_see_the_snapshot()
    {
        AsyncReadStore store = Open();
        FillNotes(store, perBook: 40);
        using AsyncReadStoreSnapshot snapshot = store.CreateSnapshot();
        store.AreadNotes.Delete("b0", 0);
        store.AreadNotes.Restore("b0", 1);
        store.AreadNotes.Put(new ReadNote("b0", 500, "t9", 1, "new"));

        Assert.Equal(snapshot.AreadNotes.Get("b0", 0), await Async("snapshot GetAsync", () => snapshot.AreadNotes.GetAsync("b0", 0).AsTask()));
        Assert.NotNull(await snapshot.AreadNotes.GetAsync("b0", 0));
        Assert.Null(await snapshot.AreadNotes.GetAsync("b0", 1));
        Assert.Equal(snapshot.AreadNotes.ScanAll(), await AsyncList("snapshot ScanAllAsync", snapshot.AreadNotes.ScanAllAsync()));
        Assert.Equal(snapshot.AreadNotes.Count(), await Async("snapshot CountAsync", () => snapshot.AreadNotes.CountAsync().AsTask()));
        Assert.NotEqual(store.AreadNotes.Count(), await snapshot.AreadNotes.CountAsync());
    }

    [Fact]
    public async Task Soft_delete_scans_and_queries_equal_the_synchronous_reads_with_no_blocking_call()
    {
        AsyncReadStore store = Open();
        FillNotes(store);

        foreach (bool reverse in new[] { false, true })
        {
            foreach (bool includeDeleted in new[] { false, true })
            {
                Assert.Equal(store.AreadNotes.ScanAll(reverse, includeDeleted), await AsyncList("ScanAllAsync", store.AreadNotes.ScanAllAsync(reverse, includeDeleted)));
            }
        }

        Assert.Equal(store.AreadNotes.Count(), await Async("CountAsync", () => store.AreadNotes.CountAsync().AsTask()));
        Assert.Equal(181, await store.AreadNotes.CountAsync()); // 270 rows, 90 deleted, one restored

        foreach (Func<AsyncReadStore, AsyncReadStore.AreadNotesWithinBookQuery<TypedStore.Runtime.Contexts.DirectContext>> query in new Func<AsyncReadStore, AsyncReadStore.AreadNotesWithinBookQuery<TypedStore.Runtime.Contexts.DirectContext>>[]
        {
            s => s.AreadNotes.Scan("b1"),
            s => s.AreadNotes.Scan("b1").Reverse(),
            s => s.AreadNotes.Scan("b1").From(10).Before(70),
            s => s.AreadNotes.Scan("b1").After(1).To(4).Reverse(),
            s => s.AreadNotes.Scan("b1").IncludeDeleted(),
            s => s.AreadNotes.Scan("b1").IncludeDeleted().Reverse().From(30),
            s => s.AreadNotes.Scan("b1").From(1).To(1),
            s => s.AreadNotes.Scan("b1").From(5).Before(5),
        })
        {
            Assert.Equal(query(store), await AsyncList("ToAsyncEnumerable", query(store).ToAsyncEnumerable()));
            Assert.Equal(query(store).Count(), await Async("query CountAsync", () => query(store).CountAsync().AsTask()));
            Assert.Equal(query(store).Any(), await Async("AnyAsync", () => query(store).AnyAsync().AsTask()));
            Assert.Equal(query(store).First(), await Async("FirstAsync", () => query(store).FirstAsync().AsTask()));
            Assert.Equal(query(store).Last(), await Async("LastAsync", () => query(store).LastAsync().AsTask()));
            Assert.Equal(query(store).Keys(), await AsyncList("KeysAsync", query(store).KeysAsync()));
            foreach (int size in new[] { 1, 7, 600 })
            {
                AssertPagesEqual(
                    Pages(next => query(store).Page(size, next)),
                    await Async("PageAsync", () => PagesAsync(next => query(store).PageAsync(size, next))));
            }
        }

        Assert.Equal(store.AreadNotes.Scan().Reverse().Keys(), await AsyncList("KeysAsync", store.AreadNotes.Scan().Reverse().KeysAsync()));
    }
}
