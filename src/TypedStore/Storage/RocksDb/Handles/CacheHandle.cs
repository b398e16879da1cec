using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns this process's reference to a <c>rocksdb_cache_t</c>. The cache itself is reference-counted inside
/// RocksDB: table options and the open database keep it alive after this handle is released.
/// </summary>
internal sealed class CacheHandle : RocksDbHandle
{
    private CacheHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>
    /// Creates a HyperClockCache of <paramref name="capacityBytes"/> bytes with automatic entry sizing (RocksDB's
    /// <c>AutoHyperClockCache</c>, the kind RocksDB creates itself when given no cache): lookups take no shard mutex, where
    /// an LRU cache locks a shard on every hit to move the entry.
    /// </summary>
    public static CacheHandle CreateHyperClock(long capacityBytes)
    {
        var cache = new CacheHandle();
        cache.SetHandle(NativeMethods.rocksdb_cache_create_hyper_clock(checked((nuint)capacityBytes), estimatedEntryCharge: 0));
        return cache;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_cache_destroy(handle);
        return true;
    }
}
