using TypedStore.Runtime.Contexts;

namespace TypedStore.Runtime.Transactions;

/// <summary>
/// A conditional write recorded in a batch (<c>batch.T.TryAdd</c>, <c>batch.T.Update</c>): kept with its inputs, and
/// decided when the batch commits, inside the transaction that commit runs (<c>StoreBatchRuntime.Conditional.cs</c>).
/// An attempt that meets a conflict decides it again; its outcome is published only once the batch committed.
/// </summary>
internal abstract class BatchConditional
{
    /// <summary>Reads the current row and records the write, if any, in <paramref name="context"/> (one attempt).</summary>
    public abstract void Decide(TransactionContext context);

    /// <summary>The async form of <see cref="Decide"/>: the row is read with the transaction's async reads (a batch's <c>CommitAsync</c>).</summary>
    public abstract ValueTask DecideAsync(TransactionContext context, CancellationToken cancellationToken);

    /// <summary>Makes the last attempt's outcome readable: the batch committed.</summary>
    public abstract void Publish();
}
