using TypedStore.Features.ChangeFeed;
using TypedStore.Features.Streams;

namespace TypedStore.Tables;

/// <content>
/// Store-wide state of the lifecycle features: the change log shared by every ChangeFeed table (and its
/// column families), and the background eviction of Stream tables.
/// </content>
public sealed partial class StoreRuntime
{
    private readonly Lock _featuresLock = new();
    private ChangeFeedLog? _changeFeedLog;
    private StreamEvictionScheduler? _eviction;
    private bool _backgroundStopped;

    /// <summary>
    /// The last error a background job (eviction, change-feed retention; <see cref="StoreOptions.StreamEvictionInterval"/>)
    /// raised, or <see langword="null"/>. Background jobs never throw; the next pass simply tries again. Every error is
    /// also counted and reported to <see cref="StoreOptions.BackgroundError"/> (docs/operations.md).
    /// </summary>
    public Exception? LastBackgroundEvictionError => _eviction?.LastError;

    /// <summary>The store's change log; the store must have been opened with its column families (a ChangeFeed table).</summary>
    internal ChangeFeedLog GetChangeFeedLog()
    {
        lock (_featuresLock)
        {
            return _changeFeedLog ??= new ChangeFeedLog(
                Engine,
                Engine.GetColumnFamily(ChangeFeedLog.LogColumnFamily),
                Engine.GetColumnFamily(ChangeFeedLog.UserIndexColumnFamily));
        }
    }

    /// <summary>Adds a stream table to the background eviction, when the options ask for one (never for a read-only store: eviction writes).</summary>
    /// <remarks>
    /// The first stream table starts the timer. It is created while the store is being built, so a later step of
    /// the open can still fail: the open then disposes the runtime, which stops the timer before closing the engine.
    /// </remarks>
    internal void RegisterExpiringTable(IExpiringTable table)
    {
        if (Options.StreamEvictionInterval is not { } interval || Options.ReadOnly)
        {
            return;
        }

        lock (_featuresLock)
        {
            // Stopped: the runtime is being disposed; a scheduler started now would never be stopped.
            if (_backgroundStopped)
            {
                ThrowDisposed();
            }

            _eviction ??= StartEviction(interval);
            _eviction.Register(table);
        }
    }

    /// <summary>Adds a job to the background maintenance (started at <paramref name="interval"/> if it is not running yet).</summary>
    private void RegisterBackgroundJob(TimeSpan interval, string operation, string? table, Action run)
    {
        lock (_featuresLock)
        {
            if (_backgroundStopped)
            {
                ThrowDisposed();
            }

            _eviction ??= StartEviction(interval);
            _eviction.Register(operation, table, run);
        }
    }

    /// <summary>Runs one background eviction pass now (what the timer does), for tests and tools.</summary>
    internal void RunBackgroundEviction() => _eviction?.Tick();

    // A custom TimeProvider may refuse to create the timer; say which store and option that was about.
    private StreamEvictionScheduler StartEviction(TimeSpan interval)
    {
        try
        {
            return new StreamEvictionScheduler(Options.TimeProvider, interval, BackgroundErrors.Report);
        }
        catch (Exception ex)
        {
            throw new TypedStoreException(
                $"The store '{_storeName}' cannot start the background eviction of its stream tables (StoreOptions.StreamEvictionInterval = {interval}): StoreOptions.TimeProvider.CreateTimer failed. {ex.Message}",
                ex);
        }
    }

    private void StopBackgroundWork()
    {
        StreamEvictionScheduler? eviction;
        lock (_featuresLock)
        {
            _backgroundStopped = true;
            eviction = _eviction;
        }

        eviction?.Dispose();
    }

    // The change log's column families exist only in stores with a ChangeFeed table.
    private static void AddFeatureColumnFamilies(List<string> names, IReadOnlyList<TableDescriptor> tables)
    {
        foreach (TableDescriptor table in tables)
        {
            if (table.ChangeFeed)
            {
                names.Add(ChangeFeedLog.LogColumnFamily);
                names.Add(ChangeFeedLog.UserIndexColumnFamily);
                return;
            }
        }
    }
}
