using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>The store's health check (what a generated store's <c>CheckHealth()</c> returns).</content>
public sealed partial class StoreRuntime
{
    /// <summary>
    /// Checks that the store answers: not disposed, the engine takes (and releases) a snapshot, and the background
    /// eviction has not failed. Never throws.
    /// </summary>
    /// <returns>The store's health.</returns>
    /// <remarks>
    /// A snapshot is the cheapest call that goes through the engine on every engine (RocksDB: a sequence number under
    /// a mutex; memory: a reference to the current state) and fails once the engine is closed or broken.
    /// </remarks>
    public StoreHealth CheckHealth()
    {
        if (_disposed)
        {
            return StoreHealth.Closed(_storeName);
        }

        try
        {
            using StorageSnapshot snapshot = Engine.CreateSnapshot();
        }
        catch (ObjectDisposedException)
        {
            return StoreHealth.Closed(_storeName);
        }
#pragma warning disable CA1031 // A health check reports every failure of the engine instead of throwing it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return StoreHealth.EngineFailed(_storeName, exception);
        }

        return LastBackgroundEvictionError is { } backgroundError
            ? StoreHealth.BackgroundFailed(_storeName, backgroundError)
            : StoreHealth.Healthy(_storeName);
    }
}
