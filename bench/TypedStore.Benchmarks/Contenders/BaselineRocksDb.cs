using RocksDbSharp;
using TypedStore.Benchmarks.Data;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// Opens a RocksDbSharp database the way TypedStore's core opens its own: defaults, plus create-if-missing and a
/// block-based table factory sharing one LRU cache of <see cref="BenchSettings.BlockCacheBytes"/>, with the same full
/// bloom filter (<see cref="RocksDbOptions.DefaultBloomFilterBitsPerKey"/> bits per key) and the same memtable bloom
/// filter of whole keys (<see cref="RocksDbOptions.DefaultMemtableBloomFilterRatio"/>), for every column family.
/// </summary>
internal static class BaselineRocksDb
{
    /// <summary>The column families the benchmark tables live in (TypedStore names them after the tables).</summary>
    public const string EventsFamily = "events";

    /// <summary>See <see cref="EventsFamily"/>.</summary>
    public const string UserEventsFamily = "user_events";

    public static RocksDb Open(string path)
    {
        BlockBasedTableOptions table = new BlockBasedTableOptions()
            .SetBlockCache(Cache.CreateLru(BenchSettings.BlockCacheBytes))
            .SetFilterPolicy(BloomFilterPolicy.Create((int)TypedStore.RocksDbOptions.DefaultBloomFilterBitsPerKey, false));
        DbOptions options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetCreateMissingColumnFamilies(true)
            .SetBlockBasedTableFactory(table)
            .SetMemtablePrefixBloomSizeRatio(TypedStore.RocksDbOptions.DefaultMemtableBloomFilterRatio);
        ColumnFamilyOptions familyOptions = new ColumnFamilyOptions()
            .SetBlockBasedTableFactory(table)
            .SetMemtablePrefixBloomSizeRatio(TypedStore.RocksDbOptions.DefaultMemtableBloomFilterRatio);
        Native.Instance.rocksdb_options_set_memtable_whole_key_filtering(options.Handle, 1);
        Native.Instance.rocksdb_options_set_memtable_whole_key_filtering(familyOptions.Handle, 1);
        var families = new ColumnFamilies(familyOptions)
        {
            { EventsFamily, familyOptions },
            { UserEventsFamily, familyOptions },
        };
        return RocksDb.Open(options, path, families);
    }

    /// <summary>Write options matching <c>StoreOptions { DisableWal = !wal, SyncWrites = false }</c>.</summary>
    public static WriteOptions WriteOptions(bool wal) => new WriteOptions().SetSync(false).DisableWal(wal ? 0 : 1);
}
