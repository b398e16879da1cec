using TypedStore.Storage.RocksDb.Handles;

namespace TypedStore.Storage.RocksDb;

/// <summary>A RocksDB snapshot: reads through it see the store as of its creation.</summary>
internal sealed class RocksDbSnapshot : StorageSnapshot
{
    private readonly WeakReference<DatabaseChildHandle> _registration;

    internal RocksDbSnapshot(RocksDbEngine engine, SnapshotHandle handle, WeakReference<DatabaseChildHandle> registration)
    {
        Engine = engine;
        Handle = handle;
        _registration = registration;
    }

    /// <summary>The engine that created the snapshot.</summary>
    internal RocksDbEngine Engine { get; }

    /// <summary>The native snapshot and the read options that read through it.</summary>
    internal SnapshotHandle Handle { get; }

    protected override void Dispose(bool disposing)
    {
        // From a finalizer (disposing == false) the SafeHandle releases itself; nothing else to do.
        if (disposing)
        {
            Engine.Children.Remove(_registration);
            Handle.Dispose();
        }
    }
}
