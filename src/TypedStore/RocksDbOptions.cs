namespace TypedStore;

/// <summary>
/// Tuning of the RocksDB engine, apart from the engine-neutral <see cref="StoreOptions"/>: given to the generated
/// <c>Open(path, rocksDb, options)</c> or to <see cref="Storage.RocksDbEngineProvider"/>. Every option is checked when
/// the provider is created, before anything is opened; each refusal names the option and its range.
/// </summary>
public sealed class RocksDbOptions
{
    /// <summary>Shared default instance; treat it as read-only.</summary>
    internal static RocksDbOptions Default { get; } = new();

    /// <summary>
    /// Size of the block cache in bytes, one LRU cache shared by every table (column family); 0, the default, keeps
    /// RocksDB's own default cache (32 MiB). Decompressed blocks of table files are kept there; on the YCSB runs a larger cache gained nothing measurable,
    /// because the files stay in the OS page cache and LZ4 blocks decompress quickly (docs/benchmarks.md, "RocksDB
    /// tuning, knob by knob"): raise it when a working set of table files does not fit in the page cache.
    /// </summary>
    public long BlockCacheBytes { get; init; }

    /// <summary>The default <see cref="MaxTotalWalBytes"/>: 64 MiB.</summary>
    public const long DefaultMaxTotalWalBytes = 64L << 20;

    /// <summary>
    /// The most the write-ahead log may hold across every table before RocksDB flushes the tables that keep its oldest
    /// file alive, so that file can be deleted (RocksDB's <c>max_total_wal_size</c>); default
    /// <see cref="DefaultMaxTotalWalBytes"/>. A log file can only go once every column family with writes in it has
    /// been flushed; a store has many column families (its catalog's, one per table and per index) and some are written
    /// rarely, so without a cap the log grows until RocksDB's own limit, four times the memtable budget of every column
    /// family together (docs/storage-core.md, "Write-ahead log"). At least 1 MiB.
    /// </summary>
    public long MaxTotalWalBytes { get; init; } = DefaultMaxTotalWalBytes;

    /// <summary>The default <see cref="BloomFilterBitsPerKey"/>: 10 (about 1% false positives).</summary>
    public const double DefaultBloomFilterBitsPerKey = 10;

    /// <summary>
    /// Bits per key of the bloom filter written into every table file (RocksDB's full filter), so a point read of a key
    /// a file does not hold skips the file: the reads that miss — a unique index's check of a new value, the old-row read
    /// of a first Put on an indexed table, a <c>TryAdd</c>, a <c>Get</c> of an absent key — stop reading every level.
    /// Default <see cref="DefaultBloomFilterBitsPerKey"/> (about 1% false positives, 1.25 bytes per key); 0 writes no
    /// filter. From 0 to 64. Files written before keep what they were written with.
    /// </summary>
    public double BloomFilterBitsPerKey { get; init; } = DefaultBloomFilterBitsPerKey;

    /// <summary>The default <see cref="MemtableBloomFilterRatio"/>: 0.02 (about 1.3 MiB per 64 MiB memtable).</summary>
    public const double DefaultMemtableBloomFilterRatio = 0.02;

    /// <summary>
    /// Size of a bloom filter of whole keys kept with every memtable, as a fraction of the memtable's size (RocksDB's
    /// <c>memtable_prefix_bloom_size_ratio</c> with <c>memtable_whole_key_filtering</c>): a point read of a key the
    /// memtable does not hold skips its skip list, which is most reads once a table outgrows its memtable. Default
    /// <see cref="DefaultMemtableBloomFilterRatio"/>: 1.3 MiB per 64 MiB memtable, about 10 bits per key for rows down
    /// to 60 bytes; measured in docs/benchmarks.md ("RocksDB tuning, knob by knob"). 0 keeps no filter. From 0 to 0.25
    /// (RocksDB's own cap).
    /// </summary>
    public double MemtableBloomFilterRatio { get; init; } = DefaultMemtableBloomFilterRatio;

    /// <summary>
    /// Not public: RocksDB options in its own string syntax (<c>name=value;...</c>), applied after every option above,
    /// for the knob-by-knob measurements of docs/benchmarks.md ("RocksDB tuning, knob by knob"); what the measurements
    /// justify becomes a typed option. Null (the default) applies nothing.
    /// </summary>
    internal string? ExperimentOptionsString { get; init; }

    /// <summary>
    /// Not public: read options for every iterator (scans), <c>name=value;...</c> of <c>readahead_size</c>,
    /// <c>fill_cache</c>, <c>verify_checksums</c>, <c>async_io</c>, <c>adaptive_readahead</c>, <c>auto_readahead_size</c>,
    /// <c>pin_data</c> (RocksDB's options string does not reach <c>ReadOptions</c>), for the measurements of workload E in
    /// docs/benchmarks.md. Null (the default) keeps RocksDB's defaults.
    /// </summary>
    internal string? ExperimentScanReadOptions { get; init; }

    /// <summary>Checks every option against its range; each exception names the option and what it accepts.</summary>
    internal void Validate()
    {
        if (!(BloomFilterBitsPerKey is >= 0 and <= 64))
        {
            throw new ArgumentOutOfRangeException(nameof(BloomFilterBitsPerKey), BloomFilterBitsPerKey, "RocksDbOptions.BloomFilterBitsPerKey must be from 0 (no filter) to 64.");
        }

        if (!(MemtableBloomFilterRatio is >= 0 and <= 0.25))
        {
            throw new ArgumentOutOfRangeException(nameof(MemtableBloomFilterRatio), MemtableBloomFilterRatio, "RocksDbOptions.MemtableBloomFilterRatio must be from 0 (no filter) to 0.25 of the memtable's size.");
        }

        if (MaxTotalWalBytes < (1L << 20))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTotalWalBytes), MaxTotalWalBytes, "RocksDbOptions.MaxTotalWalBytes must be at least 1 MiB (1,048,576 bytes).");
        }

        if (ExperimentScanReadOptions is not null)
        {
            _ = Storage.RocksDb.ScanReadOptions.Parse(ExperimentScanReadOptions);
        }

        if (BlockCacheBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockCacheBytes), BlockCacheBytes, "RocksDbOptions.BlockCacheBytes must be 0 (the engine's default) or a positive number of bytes.");
        }
    }
}
