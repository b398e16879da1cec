using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Storage.Overlay;

namespace TypedStore.Tables;

/// <content>
/// The async commits: <see cref="CommitAsync"/> for a batch and <see cref="CommitOptimisticAsync"/> for a transaction's
/// writes. The engine write is awaited (<see cref="CommitPipeline.CommitAsync"/>); on an engine that completes
/// synchronously the task is complete on return. While a commit is in flight the batch refuses every other use, so it
/// commits once and nothing is recorded into a set that is being written.
/// </content>
public sealed partial class StoreBatchRuntime
{
    // Set while an async commit awaits the engine.
    private bool _commitInFlight;

    /// <summary>
    /// Applies every recorded write atomically, awaiting the engine's write. A batch commits once; a token already
    /// cancelled writes nothing (the batch keeps its writes and may commit later). Failures come through the task.
    /// </summary>
    public ValueTask CommitAsync(CancellationToken cancellationToken = default)
    {
        ValueTask commit;
        try
        {
            WriteSet writes = Writes;
            ThrowIfMemberOpen();
            ThrowIfDeciding();
            if (_conditionals is not null)
            {
                // Conditional writes are decided and committed as a transaction, with its async reads and commit
                // (StoreBatchRuntime.ConditionalAsync.cs).
                return cancellationToken.IsCancellationRequested ? ValueTask.FromCanceled(cancellationToken) : CommitConditionallyAsync(cancellationToken);
            }

            commit = CommitPipeline.CommitAsync(_store.Engine, writes, optimistic: null, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }

        return Finish(commit, optimistic: null);
    }

    /// <summary>
    /// The async form of <see cref="CommitOptimistic"/>: validates, then awaits the engine's optimistic commit; a
    /// conflict fails the task with <see cref="TransactionConflictException"/>, having written nothing.
    /// </summary>
    internal ValueTask CommitOptimisticAsync(StorageSnapshot? snapshot, OverlayKeySet readKeys, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        OptimisticWrite? write = null;
        ValueTask commit;
        try
        {
            WriteSet writes = Writes;
            ThrowIfMemberOpen();
            if (writes.Count == 0)
            {
                MarkCommitted();
                return default;
            }

            StorageEngine engine = _store.Engine;
            // Without a snapshot the transaction never read the store: it commits as a batch (see CommitOptimistic).
            write = snapshot is null ? null : BeginValidatedWrite(engine, snapshot, readKeys, writes);
            commit = CommitPipeline.CommitAsync(engine, writes, write, cancellationToken);
        }
        catch (Exception error)
        {
            write?.Dispose();
            return ValueTask.FromException(error);
        }

        return Finish(commit, write);
    }

    // Marks the batch committed once the commit succeeded; a failed or cancelled commit leaves it as it was.
    private ValueTask Finish(ValueTask commit, OptimisticWrite? optimistic)
    {
        if (commit.IsCompletedSuccessfully)
        {
            commit.GetAwaiter().GetResult();
            optimistic?.Dispose();
            MarkCommitted();
            return default;
        }

        if (commit.IsCompleted)
        {
            optimistic?.Dispose();
            return commit;
        }

        return AwaitCommit(commit, optimistic);
    }

    private async ValueTask AwaitCommit(ValueTask commit, OptimisticWrite? optimistic)
    {
        _commitInFlight = true;
        try
        {
            await commit.ConfigureAwait(false);
        }
        finally
        {
            _commitInFlight = false;
            optimistic?.Dispose();
        }

        MarkCommitted();
    }

    private void MarkCommitted()
    {
        _committed = true;
        ReturnWrites();
    }
}
