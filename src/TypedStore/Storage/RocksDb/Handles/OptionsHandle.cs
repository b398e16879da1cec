using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns a <c>rocksdb_options_t</c>. Only needed while opening: RocksDB copies the options it keeps.</summary>
internal sealed class OptionsHandle : RocksDbHandle
{
    private OptionsHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>RocksDB's <c>WALRecoveryMode::kTolerateCorruptedTailRecords</c>.</summary>
    private const int TolerateCorruptedTailRecords = 0;

    /// <summary>
    /// Creates options for opening a store. Recovery is strict about damage: paranoid checks on, and WAL replay in
    /// <c>kTolerateCorruptedTailRecords</c> mode, which accepts the torn last record a crash leaves but refuses a
    /// damaged record followed by more log. RocksDB's default, <c>kPointInTimeRecovery</c>, stops replay silently at
    /// the first damaged record and opens without every acknowledged write after it (9,971 rows, in one test).
    /// </summary>
    public static OptionsHandle Create(bool createIfMissing, bool createMissingColumnFamilies)
    {
        var options = new OptionsHandle();
        options.SetHandle(NativeMethods.rocksdb_options_create());
        NativeMethods.rocksdb_options_set_create_if_missing(options.Pointer, createIfMissing ? (byte)1 : (byte)0);
        NativeMethods.rocksdb_options_set_create_missing_column_families(options.Pointer, createMissingColumnFamilies ? (byte)1 : (byte)0);
        NativeMethods.rocksdb_options_set_paranoid_checks(options.Pointer, 1);
        NativeMethods.rocksdb_options_set_wal_recovery_mode(options.Pointer, TolerateCorruptedTailRecords);
        return options;
    }

    /// <summary>Makes every flush cover all column families at once (RocksDB's <c>atomic_flush</c>).</summary>
    public void SetAtomicFlush(bool value) => NativeMethods.rocksdb_options_set_atomic_flush(Pointer, value ? (byte)1 : (byte)0);

    /// <summary>Caps the write-ahead log's total size across column families (RocksDB's <c>max_total_wal_size</c>).</summary>
    public void SetMaxTotalWalSize(long bytes) => NativeMethods.rocksdb_options_set_max_total_wal_size(Pointer, (ulong)bytes);

    /// <summary>
    /// Gives every memtable a bloom filter of whole keys, <paramref name="ratio"/> of the memtable's size (RocksDB's
    /// <c>memtable_prefix_bloom_size_ratio</c> with <c>memtable_whole_key_filtering</c>); 0 gives none.
    /// </summary>
    public void SetMemtableBloomFilter(double ratio)
    {
        NativeMethods.rocksdb_options_set_memtable_prefix_bloom_size_ratio(Pointer, ratio);
        NativeMethods.rocksdb_options_set_memtable_whole_key_filtering(Pointer, ratio > 0 ? (byte)1 : (byte)0);
    }

    /// <summary>Uses a block-based table factory built from (a copy of) <paramref name="tableOptions"/> for every column family opened with these options.</summary>
    public void SetBlockBasedTableFactory(BlockBasedTableOptionsHandle tableOptions)
        => NativeMethods.rocksdb_options_set_block_based_table_factory(Pointer, tableOptions.Pointer);

    /// <summary>
    /// A copy of these options changed by <paramref name="optionsString"/> (RocksDB's <c>name=value;...</c> syntax);
    /// throws <see cref="ArgumentException"/> with RocksDB's message when it does not parse.
    /// </summary>
    public unsafe OptionsHandle WithOptionsString(string optionsString)
    {
        var changed = new OptionsHandle();
        changed.SetHandle(NativeMethods.rocksdb_options_create());
        byte* error = null;
        NativeMethods.rocksdb_get_options_from_string(Pointer, optionsString, changed.Pointer, &error);
        if (error != null)
        {
            changed.Dispose();
            throw new ArgumentException(
                $"RocksDbOptions.ExperimentOptionsString '{optionsString}' is not a valid RocksDB options string: {NativeError.TakeMessage(error)}",
                nameof(RocksDbOptions.ExperimentOptionsString));
        }

        return changed;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_options_destroy(handle);
        return true;
    }
}
