using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using TypedStore.Diagnostics;

namespace TypedStore.Tests.RowCache;

/// <summary>A cached table only these tests use, in a store only they open, so the process-wide meter's measurements can be told apart.</summary>
[Table("metered", CacheSize = 3)]
public sealed record MeteredRow([property: Key] int Id, string Name);

[Store(typeof(MeteredRow))]
public sealed partial class MeteredStore;

/// <summary>
/// The row cache's counts on the "TypedStore" meter (typedstore.row_cache.hits/misses/evictions, per store and table),
/// the same as <see cref="TableStatistics.RowCache"/>; and what a cached table's hot paths allocate.
/// </summary>
public sealed class RowCacheMetricsTests
{
    public static TheoryData<bool> Engines => new() { false, true };

    [Theory]
    [MemberData(nameof(Engines))]
    public void Counts_AreReportedOnTheMeter_PerStoreAndTable(bool rocksDb)
    {
        string path = Path.Combine(Path.GetTempPath(), "typedstore-rowcache-metrics-" + Guid.NewGuid().ToString("N"));
        using var hits = new MetricCollector<long>(null, StoreMetrics.MeterName, "typedstore.row_cache.hits");
        using var misses = new MetricCollector<long>(null, StoreMetrics.MeterName, "typedstore.row_cache.misses");
        using var evictions = new MetricCollector<long>(null, StoreMetrics.MeterName, "typedstore.row_cache.evictions");
        try
        {
            using (MeteredStore store = rocksDb ? MeteredStore.Open(path) : MeteredStore.OpenInMemory())
            {
                for (int i = 0; i < 5; i++)
                {
                    store.Metered.Put(new MeteredRow(i, "n"));
                }

                for (int i = 0; i < 5; i++)
                {
                    store.Metered.Get(i);          // 5 misses; a cache of 3 evicts 2
                }

                store.Metered.Get(4);              // the last read stays cached: a hit

                hits.RecordObservableInstruments();
                misses.RecordObservableInstruments();
                evictions.RecordObservableInstruments();
                RowCacheStatistics stats = store.GetStatistics()["metered"].RowCache!;

                Assert.Equal(stats.Hits, Ours(hits));
                Assert.Equal(stats.Misses, Ours(misses));
                Assert.Equal(stats.Evictions, Ours(evictions));
                Assert.Equal((1L, 5L, 2L), (stats.Hits, stats.Misses, stats.Evictions));
            }

            hits.Clear();
            hits.RecordObservableInstruments();
            Assert.DoesNotContain(hits.GetMeasurementSnapshot(), m => m.Tags[StoreMetrics.StoreTag] as string == nameof(MeteredStore));
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    [Fact]
    public void CachedHit_AllocatesNothing_AndACachedPutNoMoreThanAnUncachedOne()
    {
        using RowCacheStore store = RowCacheStore.OpenInMemory();
        var row = new VersionedRow(1, 1, "a");
        store.Versions.Put(row);
        store.Versions.Put(row);
        Assert.NotNull(store.Versions.Get(1));          // the miss that caches it, and the JIT
        Assert.NotNull(store.Versions.Get(1));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            store.Versions.Get(1);
        }

        long hits = GC.GetAllocatedBytesForCurrentThread() - before;

        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            store.Versions.Put(row);
        }

        long puts = GC.GetAllocatedBytesForCurrentThread() - before;

        // The memory engine itself allocates per Put (its tree's node and copies): the cache must add nothing to that.
        var uncached = new UncachedRow(1, 1, "a");
        store.Uncached.Put(uncached);
        store.Uncached.Put(uncached);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            store.Uncached.Put(uncached);
        }

        long uncachedPuts = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0L, hits);
        Assert.Equal(uncachedPuts, puts);
    }

    private static long Ours(MetricCollector<long> collector)
        => Assert.Single(collector.GetMeasurementSnapshot(), m => m.Tags[StoreMetrics.StoreTag] as string == nameof(MeteredStore) && m.Tags[StoreMetrics.TableTag] as string == "metered").Value;
}
