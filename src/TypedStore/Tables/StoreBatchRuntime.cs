using TypedStore.Storage;

namespace TypedStore.Tables;

/// <summary>
/// The engine batch behind a generated <c>{Store}Batch</c>: writes to any of the store's tables are recorded
/// and applied atomically by <see cref="Commit"/>; disposing without committing writes nothing. Each batch member
/// records all of its writes or none (StoreBatchRuntime.Member.cs), so a refused write leaves the batch as it was.
/// Not thread-safe (like the batch it wraps).
/// </summary>
public sealed partial class StoreBatchRuntime : IDisposable
{
    private readonly StoreRuntime _store;
    private readonly StorageWriteBatch _batch;
    private WriteDurability _durability;
    private bool _committed;
    private bool _disposed;

    internal StoreBatchRuntime(StoreRuntime store, StorageWriteBatch batch)
    {
        _store = store;
        _batch = batch;
    }

    /// <summary>The store the batch writes to.</summary>
    public StoreRuntime Store => _store;

    /// <summary>Number of writes recorded.</summary>
    public int Count => WriteBatch.Count;

    /// <summary>Applies every recorded write atomically. A batch commits once.</summary>
    public void Commit()
    {
        StorageWriteBatch batch = WriteBatch;
        ThrowIfMemberOpen();
        if (HasTrackedWrites)
        {
            CommitTracked(batch, _durability);
        }
        else
        {
            _store.Engine.Write(batch, _durability);
        }

        _committed = true;
    }

    /// <summary>Releases the batch; writes not committed are discarded.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _batch.Dispose();
    }

    private StorageWriteBatch WriteBatch
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_committed)
            {
                throw new InvalidOperationException("The batch has already been committed; create a new batch for more writes.");
            }

            ThrowIfCommitFailed();
            ThrowIfRollbackFailed();
            _store.ThrowIfDisposed();
            return _batch;
        }
    }
}
