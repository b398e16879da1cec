using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using TypedStore.Tables;

namespace TypedStore.Diagnostics;

/// <summary>
/// The one <see cref="Meter"/> of TypedStore, <c>"TypedStore"</c>, and its instruments (docs/observability.md):
/// operations per store, table and operation; their durations, measured only while something listens; and gauges read
/// from each open store's engine when a listener collects them.
/// </summary>
/// <remarks>
/// Nothing here costs a write or a read anything but a test of <see cref="Instrument.Enabled"/> while no listener is
/// on: no clock read, no allocation (docs/benchmarks.md has the Put line with and without a listener).
/// </remarks>
internal static class StoreMetrics
{
    /// <summary>The meter's name, for <c>AddMeter("TypedStore")</c> and <c>MeterListener</c>s.</summary>
    public const string MeterName = "TypedStore";

    /// <summary>The tag naming the store (its generated type's name).</summary>
    public const string StoreTag = "typedstore.store";

    /// <summary>The tag naming the table.</summary>
    public const string TableTag = "typedstore.table";

    /// <summary>The tag naming the operation (<see cref="StoreOperation"/>, snake case).</summary>
    public const string OperationTag = "typedstore.operation";

    private static readonly Meter s_meter = new(MeterName, typeof(StoreMetrics).Assembly.GetName().Version?.ToString());

    // The stores whose engines the gauges read: added when a store opens, removed when it is disposed.
    private static readonly ConcurrentDictionary<StoreRuntime, byte> s_openStores = new();

    /// <summary>Operations: one per call of a table member (a scan or query counts when it starts).</summary>
    /// <remarks>Static readonly fields, not properties behind a static constructor: the JIT then reads them as constants.</remarks>
    public static readonly Counter<long> Operations = s_meter.CreateCounter<long>(
        "typedstore.operations", unit: "{operation}", description: "Operations on TypedStore tables, by store, table and operation.");

    /// <summary>Durations of operations, in seconds; the clock is read only while this is enabled.</summary>
    public static readonly Histogram<double> Durations = s_meter.CreateHistogram<double>(
        "typedstore.operation.duration", unit: "s", description: "Duration of operations on TypedStore tables.");

    /// <summary>Errors of background work (stream eviction, change-feed retention), by store and operation.</summary>
    public static readonly Counter<long> BackgroundErrors = s_meter.CreateCounter<long>(
        "typedstore.background.errors", unit: "{error}", description: "Errors of TypedStore background work (eviction, retention).");

    // Engine gauges, read from each open store when collected (RocksDB properties; the memory engine reports none).
    private static readonly ObservableGauge<long>[] s_engineGauges = CreateEngineGauges();

    private static ObservableGauge<long>[] CreateEngineGauges() =>
    [
        s_meter.CreateObservableGauge("typedstore.engine.estimated_keys", () => Observe(EngineGauges.EstimatedKeys), unit: "{key}", description: "Estimated number of keys, per store."),
        s_meter.CreateObservableGauge("typedstore.engine.sst_bytes", () => Observe(EngineGauges.SstBytes), unit: "By", description: "Total size of the store's table files."),
        s_meter.CreateObservableGauge("typedstore.engine.memtable_bytes", () => Observe(EngineGauges.MemtableBytes), unit: "By", description: "Memory held by the store's memtables."),
        s_meter.CreateObservableGauge("typedstore.engine.block_cache_bytes", () => Observe(EngineGauges.BlockCacheBytes), unit: "By", description: "Memory held by the store's block cache."),
        s_meter.CreateObservableGauge("typedstore.engine.pending_compaction_bytes", () => Observe(EngineGauges.PendingCompactionBytes), unit: "By", description: "Estimated bytes compaction still has to rewrite."),
    ];

    // Row cache counts (docs/row-cache.md), read from each open store's caches when collected: nothing on a read's path.
    private static readonly ObservableCounter<long>[] s_rowCacheCounters = CreateRowCacheCounters();

    private static ObservableCounter<long>[] CreateRowCacheCounters() =>
    [
        s_meter.CreateObservableCounter("typedstore.row_cache.hits", () => ObserveRowCaches(static s => s.Hits), unit: "{read}", description: "Point reads served from a table's row cache, by store and table."),
        s_meter.CreateObservableCounter("typedstore.row_cache.misses", () => ObserveRowCaches(static s => s.Misses), unit: "{read}", description: "Point reads of a cached table that read the engine, by store and table."),
        s_meter.CreateObservableCounter("typedstore.row_cache.evictions", () => ObserveRowCaches(static s => s.Evictions), unit: "{row}", description: "Rows a table's row cache dropped because it was full or their TTL passed, by store and table."),
    ];

    /// <summary>Lets the gauges read <paramref name="store"/> until <see cref="Forget"/>.</summary>
    public static void Track(StoreRuntime store)
    {
        // Touch the gauges so they exist once a store is open (their field is otherwise never read).
        _ = s_engineGauges.Length;
        _ = s_rowCacheCounters.Length;
        s_openStores.TryAdd(store, 0);
    }

    /// <summary>Stops the gauges reading <paramref name="store"/> (it is being disposed).</summary>
    public static void Forget(StoreRuntime store) => s_openStores.TryRemove(store, out _);

    private static IEnumerable<Measurement<long>> ObserveRowCaches(Func<RowCacheStatistics, long> read)
    {
        List<Measurement<long>> measurements = [];
        foreach (StoreRuntime store in s_openStores.Keys)
        {
            foreach (Features.RowCache.IRowCache cache in store.RowCaches)
            {
                measurements.Add(new Measurement<long>(read(cache.GetStatistics()), new KeyValuePair<string, object?>(StoreTag, store.Name), new KeyValuePair<string, object?>(TableTag, cache.Table)));
            }
        }

        return measurements;
    }

    private static IEnumerable<Measurement<long>> Observe(Func<StoreRuntime, long?> read)
    {
        List<Measurement<long>> measurements = [];
        foreach (StoreRuntime store in s_openStores.Keys)
        {
            long? value;
            try
            {
                value = read(store);
            }
            catch (ObjectDisposedException)
            {
                // Disposed between the enumeration and the read: it simply has no measurement this time.
                continue;
            }

            if (value is { } measured)
            {
                measurements.Add(new Measurement<long>(measured, new KeyValuePair<string, object?>(StoreTag, store.Name)));
            }
        }

        return measurements;
    }
}
