using TypedStore.Tables.Changes;
using TypedStore.Tables.Streams;

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

    /// <summary>
    /// The last error a background eviction (<see cref="StoreOptions.StreamEvictionInterval"/>) raised, or
    /// <see langword="null"/>. Background evictions never throw; the next one simply tries again.
    /// </summary>
    public Exception? LastBackgroundEvictionError => _eviction?.LastError;

    /// <summary>The store's change log; the store must have been opened with its column families (a ChangeFeed table).</summary>
    internal ChangeFeedLog GetChangeFeedLog()
    {
        lock (_featuresLock)
        {
            return _changeFeedLog ??= new ChangeFeedLog(
                Engine.GetColumnFamily(ChangeFeedLog.LogColumnFamily),
                Engine.GetColumnFamily(ChangeFeedLog.UserIndexColumnFamily));
        }
    }

    /// <summary>Adds a stream table to the background eviction, when the options ask for one (never for a read-only store: eviction writes).</summary>
    internal void RegisterExpiringTable(IExpiringTable table)
    {
        if (Options.StreamEvictionInterval is not { } interval || Options.ReadOnly)
        {
            return;
        }

        lock (_featuresLock)
        {
            ThrowIfDisposed();
            _eviction ??= new StreamEvictionScheduler(Options.TimeProvider, interval);
            _eviction.Register(table);
        }
    }

    /// <summary>Runs one background eviction pass now (what the timer does), for tests and tools.</summary>
    internal void RunBackgroundEviction() => _eviction?.Tick();

    private void StopBackgroundWork()
    {
        StreamEvictionScheduler? eviction;
        lock (_featuresLock)
        {
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
