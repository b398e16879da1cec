using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// The one way a <see cref="WriteSet"/> reaches the engine: the commit steps of the tables it touched run in one
/// fixed order (<see cref="WriteStage"/>, then each step's order): each is entered (its gate taken), then each adds
/// its entries, the set becomes one engine batch and one atomic <see cref="StorageEngine.Write"/>, the steps publish
/// what the write made true, and every step entered is released in a <see langword="finally"/>, in reverse order.
/// </summary>
internal static partial class CommitPipeline
{
    /// <summary>Writes every op of <paramref name="writes"/> atomically, with the set's durability. An empty set writes nothing.</summary>
    public static void Commit(StorageEngine engine, WriteSet writes) => Commit(engine, writes, optimistic: null);

    /// <summary>
    /// Writes every op of <paramref name="writes"/> atomically; with <paramref name="optimistic"/> (a transaction's
    /// commit) into its batch, committed only when its validated keys are unchanged, else
    /// <see cref="TransactionConflictException"/> after the steps released what they took.
    /// </summary>
    public static void Commit(StorageEngine engine, WriteSet writes, OptimisticWrite? optimistic)
    {
        if (writes.Count == 0)
        {
            return;
        }

        List<ICommitStep> steps = writes.CommitSteps;
        SortSteps(steps);

        // One op that no step adds to is one engine call, as atomic as a batch of one and cheaper: a soft delete is
        // one write of its marker, a restore one delete.
        // Otherwise the engine's reusable batch (StorageEngine.RentWriteBatch: cleared and kept after the commit), or a
        // transaction's own batch, which its optimistic write commits.
        StorageWriteBatch? owned = optimistic is not null || (writes.Count == 1 && !AnyAddsEntries(steps, writes)) ? null : engine.RentWriteBatch();
        StorageWriteBatch? batch = optimistic?.Batch ?? owned;
        int entered = 0;
        try
        {
            if (batch is not null)
            {
                writes.CopyTo(batch);
            }

            // Every gate first, in the steps' order (so two commits cannot deadlock), then each step's work under them.
            while (entered < steps.Count)
            {
                steps[entered].Enter(writes);
                entered++;
            }

            foreach (ICommitStep step in steps)
            {
                step.BeforeCommit(writes, batch);
            }

            if (optimistic is not null)
            {
                if (!optimistic.TryCommit())
                {
                    throw Conflict();
                }
            }
            else if (batch is null)
            {
                WriteSingle(engine, writes);
            }
            else
            {
                engine.Write(batch, writes.Durability);
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

    // The end of every commit with steps, written or not: the steps entered are released in reverse order, and a batch
    // rented for the commit goes back to the engine.
    private static void ReleaseEntered(StorageEngine engine, WriteSet writes, List<ICommitStep> steps, int entered, StorageWriteBatch? owned)
    {
        for (int i = entered - 1; i >= 0; i--)
        {
            steps[i].Release(writes);
        }

        if (owned is not null)
        {
            engine.ReturnWriteBatch(owned);
        }
    }

    private static TransactionConflictException Conflict()
        => new("The transaction was not committed: a key it read or wrote was committed by another writer after its snapshot. Nothing of it was written.") { Attempts = 1 };

    private static bool AnyAddsEntries(List<ICommitStep> steps, WriteSet writes)
    {
        foreach (ICommitStep step in steps)
        {
            if (step.AddsEntries(writes))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteSingle(StorageEngine engine, WriteSet writes)
    {
        ref readonly WriteOp op = ref writes.Op(0);
        switch (op.Kind)
        {
            case WriteOpKind.Put:
                engine.Put(op.ColumnFamily, writes.Key(0), writes.Value(0), writes.Durability);
                break;
            case WriteOpKind.Delete:
                engine.Delete(op.ColumnFamily, writes.Key(0), writes.Durability);
                break;
            default:
                engine.DeleteRange(op.ColumnFamily, writes.Key(0), writes.Value(0), writes.Durability);
                break;
        }
    }

    // Insertion sort: a commit touches a handful of steps, and this allocates nothing.
    private static void SortSteps(List<ICommitStep> steps)
    {
        for (int i = 1; i < steps.Count; i++)
        {
            ICommitStep step = steps[i];
            int j = i - 1;
            while (j >= 0 && Precedes(step, steps[j]))
            {
                steps[j + 1] = steps[j];
                j--;
            }

            steps[j + 1] = step;
        }
    }

    private static bool Precedes(ICommitStep a, ICommitStep b)
        => a.Stage < b.Stage || (a.Stage == b.Stage && a.Order < b.Order);
}
