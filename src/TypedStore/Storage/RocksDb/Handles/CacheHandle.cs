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

    /// <summary>Creates an LRU block cache of <paramref name="capacityBytes"/> bytes.</summary>
    public static CacheHandle CreateLru(long capacityBytes)
    {
        var cache = new CacheHandle();
        cache.SetHandle(NativeMethods.rocksdb_cache_create_lru(checked((nuint)capacityBytes)));
        return cache;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_cache_destroy(handle);
        return true;
    }
}
