using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <summary>
/// The writes behind a generated <c>{Store}Batch</c>: writes to any of the store's tables are recorded in one pooled
/// <see cref="WriteSet"/> and applied atomically by <see cref="Commit"/>, through the <see cref="CommitPipeline"/>;
/// disposing without committing writes nothing. Each batch member records all of its writes or none
/// (StoreBatchRuntime.Member.cs), so a refused write leaves the batch as it was. A batch holding conditional writes
/// commits as a transaction (StoreBatchRuntime.Conditional.cs). Not thread-safe.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class StoreBatchRuntime : IDisposable
{
    private readonly StoreRuntime _store;
    private WriteSet? _writes;
    private bool _committed;
    private bool _disposed;

    internal StoreBatchRuntime(StoreRuntime store, WriteSet writes)
    {
        _store = store;
        _writes = writes;
    }

    /// <summary>The store the batch writes to.</summary>
    public StoreRuntime Store => _store;

    /// <summary>The writes of the batch's tables: the context its generated table accessors are bound to.</summary>
    public BatchContext Context => new(this);

    /// <summary>Number of writes recorded.</summary>
    public int Count => Writes.Count;

    /// <summary>Applies every recorded write atomically. A batch commits once.</summary>
    public void Commit()
    {
        WriteSet writes = Writes;
        ThrowIfMemberOpen();
        ThrowIfDeciding();
        if (_conditionals is not null)
        {
            CommitConditionally();
            return;
        }

        CommitPipeline.Commit(_store.Engine, writes);
        _committed = true;
        ReturnWrites();
    }

    /// <summary>Releases the batch; writes not committed are discarded.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReturnWrites();
    }

    private WriteSet Writes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_committed)
            {
                throw new InvalidOperationException("The batch has already been committed; create a new batch for more writes.");
            }

            if (_commitInFlight)
            {
                throw new InvalidOperationException("The batch is being committed (its CommitAsync has not completed); await it, then create a new batch for more writes.");
            }

            _store.ThrowIfDisposed();
            return _writes!;
        }
    }

    // The set goes back to the pool once: after a commit or a dispose the batch refuses every use before reaching it.
    private void ReturnWrites()
    {
        if (_writes is { } writes)
        {
            _writes = null;
            WriteSet.Return(writes);
        }
    }
}
