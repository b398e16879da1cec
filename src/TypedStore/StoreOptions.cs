namespace TypedStore;

/// <summary>
/// Engine-neutral options for opening a store. The same options apply to the RocksDB engine and
/// to the in-memory engine (where durability settings have no effect).
/// </summary>
public sealed class StoreOptions
{
    /// <summary>Shared default instance; treat it as read-only.</summary>
    internal static StoreOptions Default { get; } = new();

    /// <summary>
    /// When <see langword="true"/>, every write waits until the write-ahead log is synced to disk
    /// before returning. Writes to <c>System</c> tables are always synced, whatever this says.
    /// </summary>
    public bool SyncWrites { get; init; }

    /// <summary>
    /// When <see langword="true"/>, writes skip the write-ahead log: faster, but writes not yet
    /// flushed to table files are lost if the process dies. Ignored for <c>System</c> tables.
    /// </summary>
    public bool DisableWal { get; init; }

    /// <summary>Size of the shared block cache in bytes; 0 uses the engine's default.</summary>
    public long BlockCacheBytes { get; init; }

    /// <summary>Opens the store read-only: every write throws.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Creates the store (and missing column families) when absent. Default <see langword="true"/>.</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>The clock used for system columns such as <c>_updated</c>; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often expired rows of <c>Stream</c> tables are evicted in the background (a timer created with
    /// <see cref="TimeProvider"/>); <see langword="null"/> (the default) evicts only when <c>EvictExpired</c> is called.
    /// Reads never return expired rows either way. Disposing the store stops the timer and waits for a running eviction.
    /// </summary>
    public TimeSpan? StreamEvictionInterval { get; init; }

    internal void Validate()
    {
        if (SyncWrites && DisableWal)
        {
            throw new ArgumentException("StoreOptions.SyncWrites and StoreOptions.DisableWal cannot both be set: a synced write needs the write-ahead log.");
        }

        if (BlockCacheBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BlockCacheBytes), BlockCacheBytes, "BlockCacheBytes must be zero (engine default) or positive.");
        }

        if (StreamEvictionInterval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StreamEvictionInterval), interval, "StreamEvictionInterval must be positive (or null for no background eviction).");
        }

        ArgumentNullException.ThrowIfNull(TimeProvider);
    }
}
