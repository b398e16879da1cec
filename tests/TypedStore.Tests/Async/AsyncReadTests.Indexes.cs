namespace TypedStore.Tests.Async;

/// <content>Index queries and index point reads: entries a page at a time, then one GetManyAsync of their rows, through one snapshot.</content>
public abstract partial class AsyncReadTests
{
    [Fact]
    public async Task Index_queries_equal_the_synchronous_reads_at_each_depth_with_no_blocking_call()
    {
        AsyncReadStore store = Open();
        FillNotes(store);

        Assert.Equal(store.AreadNotes.ByTopic.Count(), await Async("index CountAsync()", () => store.AreadNotes.ByTopic.CountAsync().AsTask()));
        foreach (string topic in new[] { "t0", "t3", "t9" })
        {
            Assert.Equal(store.AreadNotes.ByTopic.Count(topic), await Async("index CountAsync(topic)", () => store.AreadNotes.ByTopic.CountAsync(topic).AsTask()));
            Assert.Equal(store.AreadNotes.ByTopic.Count(topic, 2), await Async("index CountAsync(topic, rank)", () => store.AreadNotes.ByTopic.CountAsync(topic, 2).AsTask()));
        }

        Func<AsyncReadStore, TypedStore.TableQuery<ReadNote, TypedStore.Runtime.Contexts.DirectContext>>[] queries =
        [
            s => s.AreadNotes.ByTopic.Scan(),
            s => s.AreadNotes.ByTopic.Scan().Reverse(),
            s => s.AreadNotes.ByTopic.Scan().From("t1").Before("t3"),
            s => s.AreadNotes.ByTopic.Scan().After("t0", 3).To("t2", 1).Reverse(),
            s => s.AreadNotes.ByTopic.Scan("t2"),
            s => s.AreadNotes.ByTopic.Scan("t2").From(2).To(5),
            s => s.AreadNotes.ByTopic.Scan("t2").After(6).Reverse(),
            s => s.AreadNotes.ByTopic.Scan("t1", 3),
            s => s.AreadNotes.ByTopic.Scan("t1", 3).Reverse(),
            s => s.AreadNotes.ByTopic.Scan("t9"),
            s => s.AreadNotes.BySlug.Scan(),
            s => s.AreadNotes.BySlug.Scan().Before("s1"),
        ];

        foreach (Func<AsyncReadStore, TypedStore.TableQuery<ReadNote, TypedStore.Runtime.Contexts.DirectContext>> query in queries)
        {
            Assert.Equal(query(store), await AsyncList("index ToAsyncEnumerable", query(store).ToAsyncEnumerable()));
            Assert.Equal(query(store).Count(), await Async("index query CountAsync", () => query(store).CountAsync().AsTask()));
            Assert.Equal(query(store).Any(), await Async("index AnyAsync", () => query(store).AnyAsync().AsTask()));
            Assert.Equal(query(store).First(), await Async("index FirstAsync", () => query(store).FirstAsync().AsTask()));
            Assert.Equal(query(store).Last(), await Async("index LastAsync", () => query(store).LastAsync().AsTask()));
            foreach (int size in new[] { 1, 10, 600 })
            {
                AssertPagesEqual(
                    Pages(next => query(store).Page(size, next)),
                    await Async("index PageAsync", () => PagesAsync(next => query(store).PageAsync(size, next))));
            }
        }

        // The unique index: a live row, a deleted row's value (its entry went with the delete), a restored one, none,
        // and a null part (no point lookup: the first row of the scan under it).
        foreach (string? slug in new[] { "s0-2", "s0-1", "s1-4", "nope", null })
        {
            Assert.Equal(store.AreadNotes.BySlug.Get(slug), await Async("index GetAsync", () => store.AreadNotes.BySlug.GetAsync(slug).AsTask()));
        }

        Assert.Equal(("b0", 2), (await store.AreadNotes.BySlug.GetAsync("s0-2")) is { } found ? (found.Book, found.Number) : default);
        Assert.Null(await store.AreadNotes.BySlug.GetAsync("s0-1"));
    }

    [Fact]
    public async Task Index_reads_at_a_snapshot_read_entries_and_rows_of_that_moment()
    {
        AsyncReadStore store = Open();
        FillNotes(store, perBook: 30);
        using AsyncReadStoreSnapshot snapshot = store.CreateSnapshot();
        store.AreadNotes.Put(new ReadNote("b0", 0, "t1", 0, "moved"));
        store.AreadNotes.Delete("b0", 4);
        store.AreadNotes.Put(new ReadNote("b5", 1, "t0", 0, "s0-0"));

        Assert.Equal(snapshot.AreadNotes.ByTopic.Scan("t0").ToList(), await AsyncList("snapshot index ToAsyncEnumerable", snapshot.AreadNotes.ByTopic.Scan("t0").ToAsyncEnumerable()));
        Assert.Equal(snapshot.AreadNotes.ByTopic.Count("t0"), await Async("snapshot index CountAsync", () => snapshot.AreadNotes.ByTopic.CountAsync("t0").AsTask()));
        Assert.Equal(snapshot.AreadNotes.BySlug.Get("s0-2"), await Async("snapshot index GetAsync", () => snapshot.AreadNotes.BySlug.GetAsync("s0-2").AsTask()));
        Assert.NotEqual(store.AreadNotes.ByTopic.Scan("t0").ToList(), await ToListAsync(snapshot.AreadNotes.ByTopic.Scan("t0").ToAsyncEnumerable()));
        Assert.Null(await snapshot.AreadNotes.BySlug.GetAsync("moved"));
        Assert.NotNull(await store.AreadNotes.BySlug.GetAsync("moved"));
    }
}
