using TypedStore.Storage;
using TypedStore.Tables.Changes;
using TypedStore.Tables.SoftDelete;

namespace TypedStore.Tables;

/// <content>
/// What a batch must do at commit for tables with lifecycle features: enter the gates of the SoftDelete tables
/// it writes, and give the changes of ChangeFeed tables their sequences in the same atomic write.
/// </content>
public sealed partial class StoreBatchRuntime
{
    private List<SoftDeleteGate>? _gates;
    private List<PendingChange>? _changes;
    private bool _commitFailed;

    private bool HasTrackedWrites => _gates is { Count: > 0 } || _changes is { Count: > 0 };

    // Only a BatchMember tracks, so a member that fails takes its gates and changes back with its writes.
    private void Track(SoftDeleteGate gate)
    {
        _gates ??= [];
        if (!_gates.Contains(gate))
        {
            _gates.Add(gate);
        }
    }

    private void Track(PendingChange change)
    {
        (_changes ??= []).Add(change);
    }

    private void CommitTracked(StorageWriteBatch batch, WriteDurability durability)
    {
        StorageEngine engine = _store.Engine;
        List<SoftDeleteGate> gates = _gates ?? [];

        // A fixed order across all batches: two batches entering the same gates cannot wait on each other.
        gates.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        int entered = 0;
        try
        {
            foreach (SoftDeleteGate gate in gates)
            {
                gate.EnterWrite();
                entered++;
            }

            if (_changes is { Count: > 0 } changes)
            {
                // The log adds its entries to this batch: if the write fails, the batch holds changes under
                // sequences that may be given to another commit, so it must never be committed again.
                _commitFailed = true;
                changes[0].Table.Log.CommitMany(engine, batch, durability, changes);
                _commitFailed = false;
            }
            else
            {
                engine.Write(batch, durability);
            }
        }
        finally
        {
            for (int i = entered - 1; i >= 0; i--)
            {
                gates[i].ExitWrite();
            }
        }
    }

    private void ThrowIfCommitFailed()
    {
        if (_commitFailed)
        {
            throw new InvalidOperationException("The batch's commit failed after its change-feed entries were added; create a new batch to retry the writes.");
        }
    }
}
