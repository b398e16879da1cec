namespace TypedStore.Hosting;

/// <summary>
/// How <c>AddTypedStore&lt;TStore&gt;</c> opens a store: where (<see cref="Path"/> or <see cref="InMemory"/>) and the
/// options of <see cref="StoreOptions"/> and <see cref="RocksDbOptions"/> that configuration can carry. Bound from a
/// configuration section by generated code (no reflection) and validated when the host starts.
/// </summary>
/// <remarks>
/// Exactly one of <see cref="Path"/> and <see cref="InMemory"/> must be set. Options that are not plain values
/// (<see cref="StoreOptions.TimeProvider"/>: the container's <see cref="TimeProvider"/> when one is registered;
/// <see cref="StoreOptions.IndexBuildProgress"/>) are not configuration and are not set here.
/// </remarks>
public sealed class TypedStoreOptions
{
    /// <summary>The RocksDB directory of the store (created when absent, unless <see cref="CreateIfMissing"/> is off).</summary>
    public string? Path { get; set; }

    /// <summary>Holds the store in memory instead of a directory: everything is lost when the container is disposed.</summary>
    public bool InMemory { get; set; }

    /// <summary><see cref="StoreOptions.SyncWrites"/>: every write waits for the write-ahead log to reach the disk.</summary>
    public bool SyncWrites { get; set; }

    /// <summary><see cref="StoreOptions.DisableWal"/>: writes skip the write-ahead log (faster, lost on a crash until flushed).</summary>
    public bool DisableWal { get; set; }

    /// <summary><see cref="StoreOptions.ReadOnly"/>: every write throws.</summary>
    public bool ReadOnly { get; set; }

    /// <summary><see cref="StoreOptions.CreateIfMissing"/>: creates the store when absent. Default <see langword="true"/>.</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>
    /// <see cref="StoreOptions.StreamEvictionInterval"/>: how often expired rows of Stream tables are evicted in the
    /// background (<c>"00:00:30"</c> in configuration); <see langword="null"/> for no background eviction.
    /// </summary>
    public TimeSpan? StreamEvictionInterval { get; set; }

    /// <summary><see cref="RocksDbOptions.BlockCacheBytes"/>: the RocksDB block cache in bytes; 0 keeps RocksDB's default.</summary>
    public long BlockCacheBytes { get; set; }

    /// <summary>
    /// <see cref="RocksDbOptions.MemtableBloomFilterRatio"/>: the whole-key bloom filter of every memtable as a fraction
    /// of its size, from 0 (no filter) to 0.25; unset (<see langword="null"/>) keeps
    /// <see cref="RocksDbOptions.DefaultMemtableBloomFilterRatio"/>. Only for a store with a <see cref="Path"/>.
    /// </summary>
    public double? MemtableBloomFilterRatio { get; set; }
}
