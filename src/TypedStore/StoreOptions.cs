namespace TypedStore;

/// <summary>
/// Engine-neutral options for opening a store. The same options apply to the RocksDB engine and
/// to the in-memory engine (where durability settings have no effect). Tuning of one engine lives in that
/// engine's options (<see cref="RocksDbOptions"/>).
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

    /// <summary>Opens the store read-only: every write throws.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Creates the store (and missing column families) when absent. Default <see langword="true"/>.</summary>
    public bool CreateIfMissing { get; init; } = true;

    /// <summary>The clock used for system columns such as <c>_updated</c>; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How often background maintenance runs: expired rows of <c>Stream</c> tables are evicted and, with
    /// <see cref="ChangeFeedRetention"/>, old changes trimmed (a timer created with
    /// <see cref="TimeProvider"/>); <see langword="null"/> (the default) evicts only when <c>EvictExpired</c> is called.
    /// From <see cref="MinStreamEvictionInterval"/> to <see cref="MaxStreamEvictionInterval"/>; opening refuses any
    /// other value before it touches the store. Reads never return expired rows either way. Disposing the store stops
    /// the timer and waits for a running eviction.
    /// </summary>
    public TimeSpan? StreamEvictionInterval { get; init; }

    /// <summary>
    /// Called while <c>Open</c> builds an index added to a table (docs/indexes.md): before the first chunk of entries and
    /// after each chunk (10,000 entries), on the opening thread. <see langword="null"/> (the default) reports nothing.
    /// An exception it throws fails the open; the index is then built again by the next open.
    /// </summary>
    public Action<IndexBuildProgress>? IndexBuildProgress { get; init; }

    /// <summary>
    /// Where the store logs (category <c>"TypedStore"</c>, docs/observability.md): its open, catalog and schema
    /// upgrades, index builds and drops, and errors of background work. <see langword="null"/> (the default) logs
    /// nothing. Operations are not logged; they are counted by the <c>"TypedStore"</c> meter.
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>
    /// How many times <c>Transact</c>, <c>TransactAsync</c>, <c>TryAdd</c> and <c>Update</c> run a transaction that
    /// meets a conflict (another writer committed a key it read or wrote after its snapshot) before they give up with
    /// <see cref="TransactionConflictException"/>. From 1 (no retry) to <see cref="MaxTransactionAttemptsLimit"/>;
    /// default 10. docs/transactions.md.
    /// </summary>
    public int MaxTransactionAttempts { get; init; } = 10;

    /// <summary>The largest <see cref="MaxTransactionAttempts"/>: 1,000.</summary>
    public const int MaxTransactionAttemptsLimit = 1000;

    /// <summary>
    /// How long the change feed keeps a change (docs/operations.md, "Change-feed retention"): on every background
    /// maintenance pass (at <see cref="StreamEvictionInterval"/>, which must then be set) the changes committed more
    /// than this long ago are trimmed, as <c>TrimChanges(now - ChangeFeedRetention)</c> would. <see langword="null"/>
    /// (the default) keeps every change until <c>TrimChanges</c> is called. At least one second; ignored by a read-only store.
    /// </summary>
    public TimeSpan? ChangeFeedRetention { get; init; }

    /// <summary>
    /// Called with every error of background work (stream eviction, change-feed retention), on the thread that ran the
    /// work, after the store counted it (<c>BackgroundErrorCount</c>). <see langword="null"/> (the default) only counts.
    /// An exception it throws is ignored: background work must never throw onto a timer thread.
    /// </summary>
    public Action<BackgroundWorkError>? BackgroundError { get; init; }

    /// <summary>The shortest <see cref="StreamEvictionInterval"/>: one millisecond, the resolution of .NET timers.</summary>
    /// <remarks>A timer period below one millisecond truncates to zero, which .NET reads as "fire once, never again".</remarks>
    public static TimeSpan MinStreamEvictionInterval { get; } = TimeSpan.FromMilliseconds(1);

    /// <summary>
    /// The longest <see cref="StreamEvictionInterval"/>: 4,294,967,294 milliseconds (about 49.7 days), the longest
    /// period a .NET timer (<see cref="System.Threading.Timer"/>, <see cref="TimeProvider.CreateTimer"/>) accepts.
    /// </summary>
    public static TimeSpan MaxStreamEvictionInterval { get; } = TimeSpan.FromMilliseconds(uint.MaxValue - 1L);

    /// <summary>
    /// Checks every option against its range; called before a store opens anything, so a bad option never leaves
    /// an engine, a lock file or a timer behind. Each exception names the option and what it accepts.
    /// </summary>
    internal void Validate()
    {
        if (TimeProvider is null)
        {
            throw new ArgumentNullException(nameof(TimeProvider), "StoreOptions.TimeProvider must not be null; leave it unset for TimeProvider.System.");
        }

        if (SyncWrites && DisableWal)
        {
            throw new ArgumentException("StoreOptions.SyncWrites and StoreOptions.DisableWal cannot both be set: a synced write needs the write-ahead log. Set at most one of them.", nameof(DisableWal));
        }

        if (MaxTransactionAttempts is < 1 or > MaxTransactionAttemptsLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxTransactionAttempts), MaxTransactionAttempts, "StoreOptions.MaxTransactionAttempts must be from 1 (run once, no retry) to 1000 (StoreOptions.MaxTransactionAttemptsLimit).");
        }

        if (ChangeFeedRetention is { } retention)
        {
            if (retention < TimeSpan.FromSeconds(1))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(ChangeFeedRetention), retention, "StoreOptions.ChangeFeedRetention must be at least one second, or null to keep every change until TrimChanges is called.");
            }

            if (StreamEvictionInterval is null && !ReadOnly)
            {
                throw new ArgumentException(
                    "StoreOptions.ChangeFeedRetention needs StoreOptions.StreamEvictionInterval: that is the period of the background maintenance that trims the change feed. Set both, or call TrimChanges yourself.",
                    nameof(ChangeFeedRetention));
            }
        }

        if (StreamEvictionInterval is { } interval && (interval < MinStreamEvictionInterval || interval > MaxStreamEvictionInterval))
        {
            throw new ArgumentOutOfRangeException(
                nameof(StreamEvictionInterval),
                interval,
                "StoreOptions.StreamEvictionInterval must be from 1 ms (StoreOptions.MinStreamEvictionInterval) to 4294967294 ms, about 49.7 days (StoreOptions.MaxStreamEvictionInterval, the longest .NET timer period), or null for no background eviction.");
        }
    }
}
