namespace TypedStore.Tests.RowCache;

/// <content>
/// The same guarantees on a table keyed by one string (<see cref="NamedRow"/>), whose cache is keyed by the string
/// itself: reads look up the string they were given, writes invalidate by the encoded key, decoded back to the string.
/// Keys include ones whose encoding is escaped (U+0000), multi-byte UTF-8, and one longer than the comparer's stack buffer,
/// so every decoding path of an invalidation is taken.
/// </content>
public abstract partial class RowCacheTests
{
    public static TheoryData<string> StringKeys =>
    [
        "user1",
        "zero\0inside",
        "naïve-ключ-键-🙂",
        new string('k', 300) + "\0" + new string('é', 200),
    ];

    // Reads twice, with another string object of the same value the second time: the entry is found by value, not by
    // reference (a reader rarely holds the very string the row was cached under).
    private static void CacheNamed(RowCacheStore store, string name, long expected)
    {
        Assert.Equal(expected, store.Named.Get(name)?.Version);
        Assert.Equal(expected, store.Named.Get(new string(name.AsSpan()))?.Version);
    }

    [Theory]
    [MemberData(nameof(StringKeys))]
    public void StringKey_Put_ReplacesTheCachedRow(string name)
    {
        RowCacheStore store = Open();
        store.Named.Put(new NamedRow(name, 1, "a"));
        CacheNamed(store, name, 1);

        store.Named.Put(new NamedRow(new string(name.AsSpan()), 2, "b"));

        Assert.Equal(new NamedRow(name, 2, "b"), store.Named.Get(name));
        Assert.True(store.Named.Exists(name));
        RowCacheStatistics stats = Stats(store, "named");
        Assert.Equal((2L, 1), (stats.Hits, stats.Count));
    }

    [Theory]
    [MemberData(nameof(StringKeys))]
    public void StringKey_DeleteBatchAndTransaction_DropOrReplaceTheCachedRow(string name)
    {
        RowCacheStore store = Open();
        store.Named.PutMany([new NamedRow(name, 1, "a"), new NamedRow("other", 1, "a")]);
        CacheNamed(store, name, 1);
        CacheNamed(store, "other", 1);

        store.Named.PutMany([new NamedRow(name, 2, "b")]);
        Assert.Equal([2L, 1L], store.Named.GetMany([name, "other"]).Select(r => r!.Version));

        using (RowCacheStoreBatch batch = store.CreateBatch())
        {
            batch.Named.Put(new NamedRow(name, 3, "c"));
            batch.Named.Delete("other");
            batch.Commit();
        }

        Assert.Equal(3, store.Named.Get(name)?.Version);
        Assert.Null(store.Named.Get("other"));
        Assert.False(store.Named.Exists("other"));

        store.Transact(tx => tx.Named.Put(new NamedRow(name, 4, "d")));
        Assert.Equal(4, store.Named.Get(name)?.Version);

        Assert.False(store.Named.TryAdd(new NamedRow(name, 9, "x")));
        Assert.Equal(5, store.Named.Update(name, r => r with { Version = r.Version + 1 })?.Version);
        Assert.Equal(5, store.Named.Get(name)?.Version);

        store.Named.Delete(name);
        Assert.Null(store.Named.Get(name));
        Assert.Equal([null], store.Named.GetMany([name]));
    }

    [Fact]
    public void StringKey_RangeDeletes_DropEveryCachedRowInThem()
    {
        RowCacheStore store = Open();
        string[] names = [.. Enumerable.Range(1, 9).Select(i => $"n{i}")];
        store.Named.PutMany(names.Select(n => new NamedRow(n, 1, "a")));
        foreach (string name in names)
        {
            CacheNamed(store, name, 1);
        }

        store.Named.Scan().From("n3").Before("n6").Delete();

        Assert.Equal([1L, 1L, null, null, null, 1L, 1L], store.Named.GetMany(names[..7]).Select(r => r?.Version));

        store.Named.Clear();

        Assert.All(names, n => Assert.Null(store.Named.Get(n)));
        Assert.Equal(0, Stats(store, "named").Count);
    }

    [Fact]
    public void StringKey_Hit_ReturnsTheSameRowObject_AndGetManyAnswersFromTheCache()
    {
        RowCacheStore store = Open();
        store.Named.PutMany([new NamedRow("a", 1, "a"), new NamedRow("b", 1, "b")]);

        NamedRow first = store.Named.Get("a")!;
        Assert.Same(first, store.Named.Get(new string("a".AsSpan())));
        IReadOnlyList<NamedRow?> many = store.Named.GetMany(["a", "b", "absent"]);

        Assert.Same(first, many[0]);
        Assert.Equal(1, many[1]?.Version);
        Assert.Null(many[2]);
        Assert.Same(many[1], store.Named.Get("b"));
        RowCacheStatistics stats = Stats(store, "named");
        Assert.Equal((3L, 3L, 2), (stats.Hits, stats.Misses, stats.Count));
    }
}
