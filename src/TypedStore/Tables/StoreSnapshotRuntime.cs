using TypedStore.Runtime.Contexts;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <summary>
/// The engine snapshot behind a generated <c>{Store}Snapshot</c>: reads through it see every table as it was
/// when the snapshot was created, whatever is written afterwards.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class StoreSnapshotRuntime : IDisposable
{
    private readonly StorageSnapshot _snapshot;
    private bool _disposed;

    internal StoreSnapshotRuntime(StoreRuntime store, StorageSnapshot snapshot)
    {
        Store = store;
        _snapshot = snapshot;
    }

    /// <summary>The store the snapshot reads.</summary>
    public StoreRuntime Store { get; }

    /// <summary>The reads of the snapshot's tables: the context its generated table accessors are bound to.</summary>
    public SnapshotContext Context => new(this);

    /// <summary>The engine snapshot; throws <see cref="ObjectDisposedException"/> once this or the store is disposed.</summary>
    internal StorageSnapshot Snapshot
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Store.ThrowIfDisposed();
            return _snapshot;
        }
    }

    /// <summary>Releases the snapshot.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _snapshot.Dispose();
    }
}
