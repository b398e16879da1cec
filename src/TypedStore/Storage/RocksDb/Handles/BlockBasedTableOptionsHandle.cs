using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns a <c>rocksdb_block_based_table_options_t</c>; the table factory made from it keeps its own copy.</summary>
internal sealed class BlockBasedTableOptionsHandle : RocksDbHandle
{
    private BlockBasedTableOptionsHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Creates default block-based table options.</summary>
    public static BlockBasedTableOptionsHandle Create()
    {
        var tableOptions = new BlockBasedTableOptionsHandle();
        tableOptions.SetHandle(NativeMethods.rocksdb_block_based_options_create());
        return tableOptions;
    }

    /// <summary>Shares <paramref name="cache"/> with these options (RocksDB keeps its own reference to the cache).</summary>
    public void SetBlockCache(CacheHandle cache) => NativeMethods.rocksdb_block_based_options_set_block_cache(Pointer, cache.Pointer);

    /// <summary>
    /// Adds a bloom filter of <paramref name="bitsPerKey"/> bits per key to every table file written with these options,
    /// so a point read of a key a file does not hold skips it. The options take the filter policy over.
    /// </summary>
    public void SetBloomFilter(double bitsPerKey)
        => NativeMethods.rocksdb_block_based_options_set_filter_policy(Pointer, NativeMethods.rocksdb_filterpolicy_create_bloom_full(bitsPerKey));

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_block_based_options_destroy(handle);
        return true;
    }
}
