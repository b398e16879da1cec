using System.ComponentModel;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// A batch: each write member records into the batch's write set as one all-or-nothing member (a save point it rolls
/// back to unless it completes), and nothing reaches the engine before the batch's <c>Commit</c>. What
/// <c>batch.Table</c> is bound to. Writes only: a batch does not read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct BatchContext : IWriteContext
{
    private readonly StoreBatchRuntime _batch;

    /// <summary>The context of <paramref name="batch"/>.</summary>
    public BatchContext(StoreBatchRuntime batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _batch = batch;
    }

    /// <summary>The batch (its conditional writes are kept on it).</summary>
    internal StoreBatchRuntime Batch => _batch;

    bool IWriteContext.CommitsEachWrite => false;

    WriteScope IWriteContext.BeginWrite(WriteDurability durability) => _batch.BeginBatchMember(durability);
}
