using System.IO.Pipelines;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.RowCache;

/// <summary>
/// The row cache through the generated <see cref="RowCacheStore"/>, on every engine (see the derived classes): each
/// write path leaves no stale row behind, snapshots and transactions read their own view, TTL follows the store's clock,
/// the LRU is bounded, the statistics count. Each test first reads the row so the cache holds it, then writes, then
/// reads again: a stale cache would hand back the first version.
/// </summary>
public abstract partial class RowCacheTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    internal ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens a new, empty store (each call a different one).</summary>
    internal abstract RowCacheStore OpenStore(StoreOptions options);

    protected virtual void DisposeEngineResources()
    {
    }

    internal RowCacheStore Open() => OpenStore(new StoreOptions { TimeProvider = Clock });

    internal T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    // Reads twice: the first read fills the cache, the second must be a hit of the same version.
    private static void Cache(RowCacheStore store, int id, long expected)
    {
        Assert.Equal(expected, store.Versions.Get(id)?.Version);
        Assert.Equal(expected, store.Versions.Get(id)?.Version);
    }

    private static RowCacheStatistics Stats(RowCacheStore store, string table) => store.GetStatistics()[table].RowCache!;

    [Fact]
    public void Put_ReplacesTheCachedRow()
    {
        RowCacheStore store = Open();
        store.Versions.Put(new VersionedRow(1, 1, "a"));
        Cache(store, 1, 1);

        store.Versions.Put(new VersionedRow(1, 2, "b"));

        Assert.Equal(new VersionedRow(1, 2, "b"), store.Versions.Get(1));
        Assert.True(store.Versions.Exists(1));
    }

    [Fact]
    public void PutMany_ReplacesEveryCachedRow()
    {
        RowCacheStore store = Open();
        store.Versions.PutMany([new VersionedRow(1, 1, "a"), new VersionedRow(2, 1, "a")]);
        Cache(store, 1, 1);
        Cache(store, 2, 1);

        store.Versions.PutMany([new VersionedRow(1, 2, "b"), new VersionedRow(2, 2, "b")]);

        Assert.Equal([2L, 2L], store.Versions.GetMany([1, 2]).Select(r => r!.Version));
    }

    [Fact]
    public void Delete_DropsTheCachedRow()
    {
        RowCacheStore store = Open();
        store.Versions.Put(new VersionedRow(1, 1, "a"));
        Cache(store, 1, 1);

        store.Versions.Delete(1);

        Assert.Null(store.Versions.Get(1));
        Assert.False(store.Versions.Exists(1));
        Assert.Equal([null], store.Versions.GetMany([1]));
    }

    [Fact]
    public void BatchCommit_ReplacesAndDropsCachedRows()
    {
        RowCacheStore store = Open();
        store.Versions.PutMany([new VersionedRow(1, 1, "a"), new VersionedRow(2, 1, "a")]);
        Cache(store, 1, 1);
        Cache(store, 2, 1);

        using (RowCacheStoreBatch batch = store.CreateBatch())
        {
            batch.Versions.Put(new VersionedRow(1, 2, "b"));
            batch.Versions.Delete(2);

            // Recorded, not committed: the cache still serves the committed rows.
            Assert.Equal(1, store.Versions.Get(1)?.Version);
            Assert.Equal(1, store.Versions.Get(2)?.Version);
            batch.Commit();
        }

        Assert.Equal(2, store.Versions.Get(1)?.Version);
        Assert.Null(store.Versions.Get(2));
    }

    [Fact]
    public void TransactionCommit_ReplacesTheCachedRow_AndTheTransactionReadsItsOwnView()
    {
        RowCacheStore store = Open();
        store.Versions.Put(new VersionedRow(1, 1, "a"));
        Cache(store, 1, 1);

        store.Transact(tx =>
        {
            Assert.Equal(1, tx.Versions.Get(1)?.Version);
            tx.Versions.Put(new VersionedRow(1, 2, "b"));

            // Its own write, not the cache's row; the store still reads the committed row meanwhile.
            Assert.Equal(2, tx.Versions.Get(1)?.Version);
            Assert.Equal(1, store.Versions.Get(1)?.Version);
        });

        Assert.Equal(2, store.Versions.Get(1)?.Version);
    }

    [Fact]
    public void TryAddAndUpdate_ReplaceTheCachedRow()
    {
        RowCacheStore store = Open();
        Assert.True(store.Versions.TryAdd(new VersionedRow(1, 1, "a")));
        Cache(store, 1, 1);

        Assert.False(store.Versions.TryAdd(new VersionedRow(1, 9, "x")));
        Assert.Equal(1, store.Versions.Get(1)?.Version);

        VersionedRow? updated = store.Versions.Update(1, r => r with { Version = r.Version + 1 });

        Assert.Equal(2, updated?.Version);
        Assert.Equal(2, store.Versions.Get(1)?.Version);
    }

    [Fact]
    public void Snapshot_ReadsItsOwnView_NotTheCache()
    {
        RowCacheStore store = Open();
        store.Versions.Put(new VersionedRow(1, 1, "a"));
        using RowCacheStoreSnapshot snapshot = store.CreateSnapshot();
        store.Versions.Put(new VersionedRow(1, 2, "b"));
        Cache(store, 1, 2);
        RowCacheStatistics before = Stats(store, "versions");

        Assert.Equal(1, snapshot.Versions.Get(1)?.Version);
        Assert.True(snapshot.Versions.Exists(1));
        Assert.Equal([1L], snapshot.Versions.GetMany([1]).Select(r => r!.Version));

        // The snapshot neither read from nor filled the cache.
        RowCacheStatistics after = Stats(store, "versions");
        Assert.Equal((before.Hits, before.Misses), (after.Hits, after.Misses));
        Assert.Equal(2, store.Versions.Get(1)?.Version);
    }

    [Fact]
    public void RangeDeletes_DropEveryCachedRowInThem()
    {
        RowCacheStore store = Open();
        store.Versions.PutMany(Enumerable.Range(1, 10).Select(i => new VersionedRow(i, 1, "a")));
        for (int i = 1; i <= 10; i++)
        {
            Cache(store, i, 1);
        }

        store.Versions.Scan().From(3).Before(6).Delete();

        Assert.Equal([1L, 1L, null, null, null, 1L, 1L], store.Versions.GetMany([1, 2, 3, 4, 5, 6, 7]).Select(r => r?.Version));

        store.Versions.Clear();

        Assert.All(Enumerable.Range(1, 10), i => Assert.Null(store.Versions.Get(i)));
        Assert.Equal(0, Stats(store, "versions").Count);
    }

    [Fact]
    public void DeleteUser_DropsThatUsersCachedRows()
    {
        RowCacheStore store = Open();
        Guid alice = Guid.NewGuid();
        Guid bob = Guid.NewGuid();
        store.PerUser.PutMany([new UserRow(alice, 1, 1), new UserRow(bob, 1, 1)]);
        Assert.Equal(1, store.PerUser.Get(alice, 1)?.Version);
        Assert.Equal(1, store.PerUser.Get(bob, 1)?.Version);

        store.PerUser.DeleteUser(alice);

        Assert.Null(store.PerUser.Get(alice, 1));
        Assert.Equal(1, store.PerUser.Get(bob, 1)?.Version);
    }

    [Fact]
    public void SoftDeleteRestorePurge_AreSeenAtOnce()
    {
        RowCacheStore store = Open();
        store.Soft.Put(new SoftRow("a", "slug-a", 1));
        Assert.Equal(1, store.Soft.Get("a")?.Version);
        Assert.Equal(1, store.Soft.Get("a")?.Version);

        store.Soft.Delete("a");
        Assert.Null(store.Soft.Get("a"));
        Assert.False(store.Soft.Exists("a"));

        store.Soft.Restore("a");
        Assert.Equal(1, store.Soft.Get("a")?.Version);

        store.Soft.Put(new SoftRow("a", "slug-b", 2));
        Assert.Equal(2, store.Soft.Get("a")?.Version);
        Assert.Equal(2, store.Soft.BySlug.Get("slug-b")?.Version);

        store.Soft.Purge("a");
        Assert.Null(store.Soft.Get("a"));

        store.Soft.Put(new SoftRow("b", "slug-c", 1));
        Assert.Equal(1, store.Soft.Get("b")?.Version);
        store.Soft.Delete("b");
        store.Soft.PurgeDeleted(Clock.Now.AddSeconds(1));
        Assert.Null(store.Soft.Get("b"));
    }

    [Fact]
    public void GeneratedIds_InsertedRowsAreReadBack()
    {
        RowCacheStore store = Open();
        NumberedRow first = store.Numbered.Insert(new NumberedRow(0, 1));
        Assert.Equal(1, store.Numbered.Get(first.Id)?.Version);

        store.Numbered.Put(first with { Version = 2 });

        Assert.Equal(2, store.Numbered.Get(first.Id)?.Version);
    }

    [Fact]
    public async Task Import_RowsAreReadBack()
    {
        RowCacheStore source = Open();
        source.Versions.Put(new VersionedRow(1, 7, "imported"));
        var pipe = new Pipe();
        await source.ExportAsync(pipe.Writer);
        await pipe.Writer.CompleteAsync();

        RowCacheStore target = Open();
        Assert.Null(target.Versions.Get(1));
        target.Versions.Put(new VersionedRow(2, 1, "a"));
        target.Versions.Delete(2);

        await target.ImportAsync(pipe.Reader);

        Assert.Equal(7, target.Versions.Get(1)?.Version);
        Assert.Equal(1, Stats(target, "versions").Count);
    }

    [Fact]
    public void Hit_ReturnsTheSameRowObject_WithoutReadingTheEngine()
    {
        RowCacheStore store = Open();
        store.Versions.Put(new VersionedRow(1, 1, "a"));

        VersionedRow first = store.Versions.Get(1)!;
        VersionedRow second = store.Versions.Get(1)!;

        Assert.Same(first, second);
        RowCacheStatistics stats = Stats(store, "versions");
        Assert.Equal((1L, 1L, 1), (stats.Hits, stats.Misses, stats.Count));
    }

    [Fact]
    public void AbsentRows_AreNotCached()
    {
        RowCacheStore store = Open();

        Assert.Null(store.Versions.Get(1));
        Assert.Null(store.Versions.Get(1));
        store.Versions.Put(new VersionedRow(1, 1, "a"));

        Assert.Equal(1, store.Versions.Get(1)?.Version);
        RowCacheStatistics stats = Stats(store, "versions");
        Assert.Equal((0L, 3L, 1), (stats.Hits, stats.Misses, stats.Count));
    }

    [Fact]
    public void Ttl_ServesARowUntilItsSecondsPassOnTheStoresClock()
    {
        RowCacheStore store = Open();
        store.Expiring.Put(new ExpiringRow("a", 1));
        ExpiringRow read = store.Expiring.Get("a")!;

        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Same(read, store.Expiring.Get("a"));

        Clock.Advance(TimeSpan.FromSeconds(1));
        ExpiringRow reread = store.Expiring.Get("a")!;

        Assert.NotSame(read, reread);
        Assert.Equal(read, reread);
        RowCacheStatistics stats = Stats(store, "expiring");
        Assert.Equal((1L, 2L, 1L, 30, 1_000), (stats.Hits, stats.Misses, stats.Evictions, stats.TtlSeconds, stats.Capacity));

        // Read again from the engine at 30 s, the row is served for 30 s more.
        Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Same(reread, store.Expiring.Get("a"));
    }

    [Fact]
    public void Lru_HoldsAtMostCacheSizeRows_AndCountsEvictions()
    {
        RowCacheStore store = Open();
        store.Small.PutMany(Enumerable.Range(0, 100).Select(i => new SmallRow(i, 1)));

        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(1, store.Small.Get(i)?.Version);
        }

        RowCacheStatistics stats = Stats(store, "small");
        Assert.Equal(8, stats.Capacity);
        Assert.InRange(stats.Count, 1, 8);
        Assert.Equal(100 - stats.Count, stats.Evictions);
        Assert.Equal(100L, stats.Misses);

        // Every row still reads right, cached or not.
        Assert.All(Enumerable.Range(0, 100), i => Assert.Equal(1, store.Small.Get(i)?.Version));
    }

    [Fact]
    public void GetMany_AnswersCachedKeysFromTheCache_AndCachesTheOthers()
    {
        RowCacheStore store = Open();
        store.Versions.PutMany(Enumerable.Range(1, 4).Select(i => new VersionedRow(i, i, "a")));
        VersionedRow cached = store.Versions.Get(2)!;

        IReadOnlyList<VersionedRow?> rows = store.Versions.GetMany([1, 2, 3, 5, 2]);

        Assert.Equal([1L, 2L, 3L, null, 2L], rows.Select(r => r?.Version));
        Assert.Same(cached, rows[1]);
        Assert.Same(rows[0], store.Versions.Get(1));
        RowCacheStatistics stats = Stats(store, "versions");
        Assert.Equal(3, stats.Count);
    }

    [Fact]
    public void UncachedTables_HaveNoCacheStatistics()
    {
        RowCacheStore store = Open();
        store.Uncached.Put(new UncachedRow(1, 1, "a"));

        Assert.Equal(1, store.Uncached.Get(1)?.Version);
        Assert.NotSame(store.Uncached.Get(1), store.Uncached.Get(1));
        Assert.Null(store.GetStatistics()["uncached"].RowCache);
    }
}
