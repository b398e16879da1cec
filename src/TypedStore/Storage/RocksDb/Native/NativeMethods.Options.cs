using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial nint rocksdb_options_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_options_destroy(nint options);

    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_create_if_missing(nint options, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_create_missing_column_families(nint options, byte value);

    /// <summary>Stop the open at any corruption found while reading files (on by default; set explicitly because the recovery checks rely on it).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_paranoid_checks(nint options, byte value);

    /// <summary>How WAL replay treats damaged records: RocksDB's <c>WALRecoveryMode</c> (0 = <c>kTolerateCorruptedTailRecords</c>).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_wal_recovery_mode(nint options, int mode);

    /// <summary>Flushes every column family's memtable together, at one point of the write history, whenever any is flushed.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_atomic_flush(nint options, byte value);

    /// <summary>
    /// Caps the write-ahead log across column families: past it, the column families holding the oldest log are
    /// flushed so that log can go.
    /// </summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_max_total_wal_size(nint options, ulong bytes);

    /// <summary>Size of each memtable's bloom filter as a fraction of <c>write_buffer_size</c> (RocksDB's <c>memtable_prefix_bloom_size_ratio</c>; 0 = none).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_memtable_prefix_bloom_size_ratio(nint options, double ratio);

    /// <summary>Puts whole keys (not only prefixes) into the memtable bloom filter, so point reads can skip a memtable.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_memtable_whole_key_filtering(nint options, byte value);

    /// <summary>Installs a block-based table factory built from a copy of <paramref name="tableOptions"/>.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_options_set_block_based_table_factory(nint options, nint tableOptions);

    /// <summary>
    /// Fills <paramref name="newOptions"/> with a copy of <paramref name="baseOptions"/> changed by RocksDB's options
    /// string syntax (<c>name=value;...</c>); used only by <see cref="RocksDbOptions.ExperimentOptionsString"/>.
    /// </summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void rocksdb_get_options_from_string(nint baseOptions, string optionsString, nint newOptions, byte** error);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_block_based_options_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_block_based_options_destroy(nint tableOptions);

    /// <summary>Shares <paramref name="cache"/> (a reference-counted pointer inside) with the table options.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_block_based_options_set_block_cache(nint tableOptions, nint cache);

    /// <summary>A full (format_version 5) bloom filter with <paramref name="bitsPerKey"/> bits per key; owned by the table options it is given to.</summary>
    [LibraryImport(Library)]
    internal static partial nint rocksdb_filterpolicy_create_bloom_full(double bitsPerKey);

    /// <summary>Gives <paramref name="policy"/> to the table options, which own it from then on (and destroy it with themselves).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_block_based_options_set_filter_policy(nint tableOptions, nint policy);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_cache_create_lru(nuint capacity);

    [LibraryImport(Library)]
    internal static partial void rocksdb_cache_destroy(nint cache);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_readoptions_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_destroy(nint readOptions);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_snapshot(nint readOptions, nint snapshot);

    /// <summary>Stores a pointer to the bytes, not a copy: they must outlive every iterator created with these options.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_iterate_lower_bound(nint readOptions, byte* key, nuint keyLength);

    /// <summary>Stores a pointer to the bytes, not a copy: they must outlive every iterator created with these options.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_iterate_upper_bound(nint readOptions, byte* key, nuint keyLength);

    // Iterator read options, set only by the knob measurements (RocksDbOptions.ExperimentScanReadOptions).
    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_readahead_size(nint readOptions, nuint size);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_fill_cache(nint readOptions, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_verify_checksums(nint readOptions, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_async_io(nint readOptions, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_adaptive_readahead(nint readOptions, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_auto_readahead_size(nint readOptions, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_readoptions_set_pin_data(nint readOptions, byte value);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_writeoptions_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_writeoptions_destroy(nint writeOptions);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writeoptions_set_sync(nint writeOptions, byte value);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writeoptions_disable_WAL(nint writeOptions, int disable);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_flushoptions_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_flushoptions_destroy(nint flushOptions);

    [LibraryImport(Library)]
    internal static partial void rocksdb_flushoptions_set_wait(nint flushOptions, byte value);
}
