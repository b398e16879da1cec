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

    /// <summary>Checks every option against its range; each exception names the option and what it accepts.</summary>
    internal void Validate()
    {
        if (BlockCacheBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockCacheBytes), BlockCacheBytes, "RocksDbOptions.BlockCacheBytes must be 0 (the engine's default) or a positive number of bytes.");
        }
    }
}
