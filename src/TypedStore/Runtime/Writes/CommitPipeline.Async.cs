using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <content>
/// The async commit: the same pipeline, with the engine write awaited through <see cref="StorageEngine.WriteAsync"/>
/// (or <see cref="OptimisticWrite.TryCommitAsync"/>) so an engine that is really async (a network engine) blocks no
/// thread, and an engine that completes synchronously (RocksDB, memory) returns a completed task with nothing allocated.
/// </content>
/// <remarks>
/// A set whose tables have commit steps (soft-delete gates, the change log, index maintenance) awaits each step's gate,
/// what each step reads at commit (<see cref="ICommitStep.BeforeCommitAsync"/>: an index's current rows and unique
/// values, the change log's last sequence once per store) and the engine write: the gates are not owned by a thread
/// (<see cref="ICommitStep"/>), so nothing on this path blocks a thread on an async engine.
/// </remarks>
internal static partial class CommitPipeline
{
    /// <summary>
    /// Commits <paramref name="writes"/> and then returns the set to its pool (the caller hands it over): what a direct
    /// write member's async form runs. A token already cancelled writes nothing.
    /// </summary>
    public static ValueTask CommitAndReturnAsync(StorageEngine engine, WriteSet writes, CancellationToken cancellationToken)
    {
        ValueTask commit;
        try
        {
            commit = CommitAsync(engine, writes, optimistic: null, cancellationToken);
        }
        catch (Exception error)
        {
            WriteSet.Return(writes);
            return ValueTask.FromException(error);
        }

        if (commit.IsCompleted)
        {
            WriteSet.Return(writes);
            return commit;
        }

        return ReturnAfter(commit, writes);
    }

    /// <summary>
    /// The async form of <see cref="Commit(StorageEngine, WriteSet, OptimisticWrite?)"/>: failures come through the
    /// returned task. The set stays the caller's.
    /// </summary>
    public static ValueTask CommitAsync(StorageEngine engine, WriteSet writes, OptimisticWrite? optimistic, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (writes.Count == 0)
        {
            return default;
        }

        if (writes.CommitSteps.Count > 0)
        {
            return CommitWithStepsAsync(engine, writes, optimistic, cancellationToken);
        }

        return optimistic is null ? WriteBatchAsync(engine, writes, cancellationToken) : CommitOptimisticAsync(writes, optimistic, cancellationToken);
    }

    // The synchronous pipeline with each step's gate and the engine write awaited: the gates are not owned by a thread
    // (ICommitStep), so the continuation may run anywhere. The set is always one engine batch here (the synchronous
    // path's single-op shortcut hands spans to the engine, which cannot outlive an await). On RocksDB and memory every
    // await completes synchronously and the state machine never leaves the stack.
    private static async ValueTask CommitWithStepsAsync(StorageEngine engine, WriteSet writes, OptimisticWrite? optimistic, CancellationToken cancellationToken)
    {
        List<ICommitStep> steps = writes.CommitSteps;
        SortSteps(steps);
        StorageWriteBatch? owned = optimistic is null ? engine.RentWriteBatch() : null;
        StorageWriteBatch batch = optimistic?.Batch ?? owned!;
        int entered = 0;
        try
        {
            writes.CopyTo(batch);
            while (entered < steps.Count)
            {
                await steps[entered].EnterAsync(writes, cancellationToken).ConfigureAwait(false);
                entered++;
            }

            foreach (ICommitStep step in steps)
            {
                await step.BeforeCommitAsync(writes, batch, cancellationToken).ConfigureAwait(false);
            }

            if (optimistic is not null)
            {
                if (!await optimistic.TryCommitAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw Conflict();
                }
            }
            else
            {
                await engine.WriteAsync(batch, writes.Durability, cancellationToken).ConfigureAwait(false);
            }

            foreach (ICommitStep step in steps)
            {
                step.AfterCommit(writes);
            }
        }
        finally
        {
            ReleaseEntered(engine, writes, steps, entered, owned);
        }
    }

    // No step: the set becomes one engine batch, written with one WriteAsync; the batch goes back when it is done.
    private static ValueTask WriteBatchAsync(StorageEngine engine, WriteSet writes, CancellationToken cancellationToken)
    {
        StorageWriteBatch batch = engine.RentWriteBatch();
        ValueTask write;
        try
        {
            writes.CopyTo(batch);
            write = engine.WriteAsync(batch, writes.Durability, cancellationToken);
        }
        catch (Exception error)
        {
            engine.ReturnWriteBatch(batch);
            return ValueTask.FromException(error);
        }

        if (write.IsCompleted)
        {
            engine.ReturnWriteBatch(batch);
            return write;
        }

        return ReturnAfter(write, engine, batch);
    }

    private static ValueTask CommitOptimisticAsync(WriteSet writes, OptimisticWrite optimistic, CancellationToken cancellationToken)
    {
        ValueTask<bool> commit;
        try
        {
            writes.CopyTo(optimistic.Batch);
            commit = optimistic.TryCommitAsync(cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }

        if (commit.IsCompletedSuccessfully)
        {
            return commit.Result ? default : ValueTask.FromException(Conflict());
        }

        return AwaitOptimistic(commit);
    }

    private static async ValueTask AwaitOptimistic(ValueTask<bool> commit)
    {
        if (!await commit.ConfigureAwait(false))
        {
            throw Conflict();
        }
    }

    private static async ValueTask ReturnAfter(ValueTask commit, WriteSet writes)
    {
        try
        {
            await commit.ConfigureAwait(false);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    private static async ValueTask ReturnAfter(ValueTask write, StorageEngine engine, StorageWriteBatch batch)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        finally
        {
            engine.ReturnWriteBatch(batch);
        }
    }
}
