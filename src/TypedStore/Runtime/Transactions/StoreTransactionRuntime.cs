using System.ComponentModel;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Runtime.Transactions;

/// <summary>
/// The transaction behind a generated <c>{Store}Transaction</c>: an engine snapshot (taken at its first read of the
/// store) its reads see (with its own writes
/// laid over it, <see cref="TransactionView"/>), a batch its writes are recorded into, and an optimistic commit that
/// writes the batch only when no key the transaction read or wrote was committed by someone else after the snapshot.
/// Disposing without committing writes nothing. Not thread-safe, but bound to no thread: it may cross an
/// <see langword="await"/> (it holds no lock and nothing thread-static between calls).
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class StoreTransactionRuntime : IDisposable
{
    private readonly StoreRuntime _store;
    private readonly StoreBatchRuntime _writes;
    private readonly TransactionView _view;
    private readonly bool _ownsWrites;
    private TransactionState _state;

    internal StoreTransactionRuntime(StoreRuntime store)
        : this(store, writes: null)
    {
    }

    /// <summary>
    /// A transaction whose writes go to <paramref name="writes"/> (a batch deciding its conditional writes at commit:
    /// the transaction reads the batch's writes as its own and commits them), or to a batch of its own when null.
    /// </summary>
    internal StoreTransactionRuntime(StoreRuntime store, StoreBatchRuntime? writes)
    {
        _store = store;
        StorageEngine engine = store.Engine;
        _ownsWrites = writes is null;
        _writes = writes ?? store.CreateBatch();
        _view = new TransactionView(engine, _writes);
    }

    /// <summary>The store the transaction runs on.</summary>
    public StoreRuntime Store => _store;

    /// <summary>The reads and writes of the transaction's tables: the context its generated table accessors are bound to.</summary>
    public TransactionContext Context => new(this);

    /// <summary>Whether the transaction committed.</summary>
    public bool IsCommitted => _state == TransactionState.Committed;

    /// <summary>What the transaction's reads see; refuses once it is over.</summary>
    internal StorageSnapshot View
    {
        get
        {
            ThrowIfNotActive();
            return _view;
        }
    }

    /// <summary>Begins one write member of the transaction (all of it or none).</summary>
    internal WriteScope BeginMember(WriteDurability durability)
    {
        ThrowIfNotActive();
        return _writes.BeginMember(durability);
    }

    /// <summary>
    /// Writes every write of the transaction atomically, when no key it read or wrote was committed by another writer
    /// after its snapshot; otherwise throws <see cref="TransactionConflictException"/> and writes nothing. A
    /// transaction commits once; a transaction without writes commits nothing (its reads were one consistent snapshot).
    /// </summary>
    public void Commit()
    {
        ThrowIfNotActive();
        try
        {
            _writes.CommitOptimistic(_view.InnerIfTaken, _view.ReadKeys);
            _state = TransactionState.Committed;
        }
        catch (TransactionConflictException)
        {
            _state = TransactionState.Conflicted;
            throw;
        }
    }

    /// <summary>
    /// The async form of <see cref="Commit"/>: the engine's optimistic commit is awaited, so a network engine blocks no
    /// thread; on RocksDB and memory the task is complete on return. A conflict fails the task with
    /// <see cref="TransactionConflictException"/>; a token already cancelled commits nothing and leaves the transaction
    /// active.
    /// </summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ValueTask commit;
        try
        {
            ThrowIfNotActive();
            commit = _writes.CommitOptimisticAsync(_view.InnerIfTaken, _view.ReadKeys, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }

        if (commit.IsCompletedSuccessfully)
        {
            commit.GetAwaiter().GetResult();
            _state = TransactionState.Committed;
            return default;
        }

        return commit.IsCompleted ? Failed(commit) : AwaitCommit(commit);
    }

    /// <summary>Ends the transaction; writes not committed are discarded. Safe to call more than once.</summary>
    public void Dispose()
    {
        if (_state == TransactionState.Disposed)
        {
            return;
        }

        _state = TransactionState.Disposed;
        if (_ownsWrites)
        {
            _writes.Dispose();
        }

        _view.InnerIfTaken?.Dispose();
    }

    private async ValueTask AwaitCommit(ValueTask commit)
    {
        try
        {
            await commit.ConfigureAwait(false);
            _state = TransactionState.Committed;
        }
        catch (TransactionConflictException)
        {
            _state = TransactionState.Conflicted;
            throw;
        }
    }

    // A commit that failed at once: a conflict ends the transaction as the synchronous Commit does; a cancelled token
    // or another failure leaves it as it was.
    private ValueTask Failed(ValueTask commit)
    {
        Task failed = commit.AsTask();
        if (failed.Exception?.InnerException is TransactionConflictException)
        {
            _state = TransactionState.Conflicted;
        }

        return new ValueTask(failed);
    }

    private void ThrowIfNotActive()
    {
        switch (_state)
        {
            case TransactionState.Active:
                _store.ThrowIfDisposed();
                return;
            case TransactionState.Committed:
                throw new InvalidOperationException("The transaction has already committed; start a new transaction for more reads or writes.");
            case TransactionState.Conflicted:
                throw new InvalidOperationException("The transaction met a conflict and wrote nothing; start a new transaction (Transact retries for you).");
            default:
                throw new ObjectDisposedException(nameof(StoreTransactionRuntime), "The transaction has been disposed (rolled back); start a new transaction.");
        }
    }

    private enum TransactionState
    {
        Active,
        Committed,
        Conflicted,
        Disposed,
    }
}
