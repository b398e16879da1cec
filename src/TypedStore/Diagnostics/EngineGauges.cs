using System.Globalization;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Diagnostics;

/// <summary>
/// What the engine gauges of <see cref="StoreMetrics"/> read: RocksDB properties, summed over the store's column
/// families where they are per column family. An engine that reports no properties (memory) gives no measurement.
/// </summary>
internal static class EngineGauges
{
    public static long? EstimatedKeys(StoreRuntime store) => SumOverColumnFamilies(store, "rocksdb.estimate-num-keys");

    public static long? SstBytes(StoreRuntime store) => SumOverColumnFamilies(store, "rocksdb.total-sst-files-size");

    public static long? MemtableBytes(StoreRuntime store) => SumOverColumnFamilies(store, "rocksdb.cur-size-all-mem-tables");

    public static long? PendingCompactionBytes(StoreRuntime store) => SumOverColumnFamilies(store, "rocksdb.estimate-pending-compaction-bytes");

    // One cache serves every column family: read once.
    public static long? BlockCacheBytes(StoreRuntime store)
    {
        StorageEngine engine = store.Engine;
        return engine is IStorageMaintenance maintenance && engine.ColumnFamilies.Count > 0
            ? Parse(maintenance.GetProperty(engine.ColumnFamilies[0], "rocksdb.block-cache-usage"))
            : null;
    }

    private static long? SumOverColumnFamilies(StoreRuntime store, string property)
    {
        StorageEngine engine = store.Engine;
        if (engine is not IStorageMaintenance maintenance)
        {
            return null;
        }

        long? sum = null;
        foreach (StorageColumnFamily columnFamily in engine.ColumnFamilies)
        {
            if (Parse(maintenance.GetProperty(columnFamily, property)) is { } value)
            {
                sum = (sum ?? 0) + value;
            }
        }

        return sum;
    }

    private static long? Parse(string? value)
        => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long parsed) ? parsed : null;
}
