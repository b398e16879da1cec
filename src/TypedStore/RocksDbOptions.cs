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
    /// RocksDB's own default cache.
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

    /// <summary>Checks every option against its range; each exception names the option and what it accepts.</summary>
    internal void Validate()
    {
        if (MaxTotalWalBytes < (1L << 20))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTotalWalBytes), MaxTotalWalBytes, "RocksDbOptions.MaxTotalWalBytes must be at least 1 MiB (1,048,576 bytes).");
        }

        if (BlockCacheBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockCacheBytes), BlockCacheBytes, "RocksDbOptions.BlockCacheBytes must be 0 (the engine's default) or a positive number of bytes.");
        }
    }
}
