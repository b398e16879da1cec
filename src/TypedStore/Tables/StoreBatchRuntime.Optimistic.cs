using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Storage.Overlay;

namespace TypedStore.Tables;

/// <content>
/// The batch as a transaction's write set: what its overlay reads (the recorded ops, and whether a member rolled back
/// since it last looked) and the optimistic commit.
/// </content>
public sealed partial class StoreBatchRuntime
{
    /// <summary>How many times a member rolled back its writes: the transaction's overlay rebuilds when it changes.</summary>
    internal int Rollbacks { get; private set; }

    /// <summary>The recorded writes (for the transaction's overlay).</summary>
    internal WriteSet PendingWrites => Writes;

    /// <summary>Notes a member's rollback (<see cref="EndMember"/>).</summary>
    private void NoteRollback() => Rollbacks++;

    /// <summary>
    /// Commits the batch only when none of the keys the transaction read (<paramref name="readKeys"/>) or writes changed
    /// since <paramref name="snapshot"/>; throws <see cref="TransactionConflictException"/> otherwise, having written
    /// nothing. Range deletes are not validated: they are blind writes, applied to whatever the range holds at commit.
    /// Without a snapshot (the transaction never read the store) nothing it read can have changed and its writes are
    /// placed at the commit: it commits as a batch.
    /// </summary>
    internal void CommitOptimistic(StorageSnapshot? snapshot, OverlayKeySet readKeys)
    {
        WriteSet writes = Writes;
        ThrowIfMemberOpen();
        if (snapshot is null)
        {
            CommitPipeline.Commit(_store.Engine, writes);
        }
        else if (writes.Count > 0)
        {
            StorageEngine engine = _store.Engine;
            using OptimisticWrite write = BeginValidatedWrite(engine, snapshot, readKeys, writes);
            CommitPipeline.Commit(engine, writes, write);
        }

        MarkCommitted();
    }

    /// <summary>
    /// Begins the engine's optimistic write for <paramref name="writes"/>, validating every key read (against the value
    /// the read saw, when it kept it) and every key written that was not read. Disposed by the caller.
    /// </summary>
    private static OptimisticWrite BeginValidatedWrite(StorageEngine engine, StorageSnapshot snapshot, OverlayKeySet readKeys, WriteSet writes)
    {
        OptimisticWrite write = engine.BeginOptimisticWrite(snapshot, writes.Durability);
        try
        {
            foreach ((StorageColumnFamily columnFamily, byte[] key, SnapshotValue known) in readKeys.All())
            {
                if (known.IsKnown)
                {
                    write.Validate(columnFamily, key, known.Value is not null, known.Value);
                }
                else
                {
                    write.Validate(columnFamily, key);
                }
            }

            for (int i = 0; i < writes.Count; i++)
            {
                ref readonly WriteOp op = ref writes.Op(i);
                // A key read is validated already (the first loop).
                if (op.Kind != WriteOpKind.DeleteRange && !readKeys.Contains(op.ColumnFamily, writes.Key(i)))
                {
                    write.Validate(op.ColumnFamily, writes.Key(i));
                }
            }

            return write;
        }
        catch
        {
            write.Dispose();
            throw;
        }
    }
}
