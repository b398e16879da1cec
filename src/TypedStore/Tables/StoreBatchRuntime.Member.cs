using TypedStore.Storage;
using TypedStore.Tables.Changes;
using TypedStore.Tables.SoftDelete;

namespace TypedStore.Tables;

/// <content>
/// Batch members are all-or-nothing: every write a member records (engine operations, change-feed changes, soft-delete
/// gates, the commit's durability) goes through a <see cref="BatchMember"/>, which marks a save point when the member
/// begins and rolls all of it back unless the member completes. A member that refuses its input part-way (a key over
/// the limit after the row was recorded, a null key part in the third row of a PutMany) therefore leaves the batch
/// exactly as it was, whatever order it validated and recorded in. The engine batch is reachable only through a member.
/// </content>
public sealed partial class StoreBatchRuntime
{
    // Members open now: members begun inside another one join it (only the outermost sets a save point).
    private int _memberDepth;

    // What the outermost open member rolls back to (the engine batch keeps its own save point).
    private int _memberChangeCount;
    private int _memberGateCount;
    private WriteDurability _memberDurability;

    // Set when a member's rollback failed (the engine batch was gone): the batch may hold part of a member.
    private bool _rollbackFailed;

    /// <summary>
    /// Begins one member's writes. Use with <see langword="using"/> and call <see cref="BatchMember.Complete"/> after
    /// the last write: leaving the scope without completing (an exception) undoes every write of the member.
    /// </summary>
    /// <param name="durability">What the commit must guarantee for these writes (System tables: synced).</param>
    internal BatchMember BeginMember(WriteDurability durability)
    {
        StorageWriteBatch batch = WriteBatch;
        if (_memberDepth == 0)
        {
            batch.SetSavePoint();
            _memberChangeCount = _changes?.Count ?? 0;
            _memberGateCount = _gates?.Count ?? 0;
            _memberDurability = _durability;
        }

        _memberDepth++;
        if (durability == WriteDurability.Synced)
        {
            _durability = WriteDurability.Synced;
        }

        return new BatchMember(this, batch, _memberDepth);
    }

    private void CompleteMember(int depth)
    {
        if (depth != _memberDepth)
        {
            throw new InvalidOperationException("A batch member completed out of order, or after it was rolled back.");
        }

        _memberDepth--;
        if (_memberDepth == 0)
        {
            _batch.PopSavePoint();
        }
    }

    // Called by the Dispose of a member still open, one that did not complete: the outermost member's writes are
    // undone (an inner member's exception fails the outer one too).
    private void RollBackMember()
    {
        _memberDepth = 0;
        if (_changes is { } changes)
        {
            changes.RemoveRange(_memberChangeCount, changes.Count - _memberChangeCount);
        }

        if (_gates is { } gates)
        {
            gates.RemoveRange(_memberGateCount, gates.Count - _memberGateCount);
        }

        _durability = _memberDurability;

        // Runs while the member's own exception unwinds: if the engine batch cannot be rolled back (the store was
        // disposed meanwhile), that exception must not be replaced, and the batch must never be committed.
        _rollbackFailed = true;
        try
        {
            _batch.RollbackToSavePoint();
            _rollbackFailed = false;
        }
        catch (ObjectDisposedException)
        {
        }
        catch (StorageEngineException)
        {
        }
    }

    private void ThrowIfRollbackFailed()
    {
        if (_rollbackFailed)
        {
            throw new InvalidOperationException("A write refused in this batch could not be undone (the store was disposed); the batch can no longer be used.");
        }
    }

    private void ThrowIfMemberOpen()
    {
        if (_memberDepth != 0)
        {
            throw new InvalidOperationException("A batch member is still recording; commit after it completes.");
        }
    }

    /// <summary>
    /// The writes of one batch member (one call such as <c>batch.Table.Put(row)</c>): the engine batch to record into,
    /// and the changes and gates the commit needs. All of them are undone by <see cref="Dispose"/> unless
    /// <see cref="Complete"/> ran first. Readonly, so the copy <see langword="using"/> makes behaves the same;
    /// the state lives in the batch.
    /// </summary>
    internal readonly ref struct BatchMember
    {
        private readonly StoreBatchRuntime _owner;
        private readonly int _depth;

        internal BatchMember(StoreBatchRuntime owner, StorageWriteBatch batch, int depth)
        {
            _owner = owner;
            Batch = batch;
            _depth = depth;
        }

        /// <summary>The engine batch the member records into.</summary>
        public StorageWriteBatch Batch { get; }

        /// <summary>Makes the commit enter <paramref name="gate"/> (once, whatever the number of writes to its table).</summary>
        public void Track(SoftDeleteGate gate) => _owner.Track(gate);

        /// <summary>Adds a change the commit records, in the order the writes were made.</summary>
        public void Track(PendingChange change) => _owner.Track(change);

        /// <summary>Keeps the member's writes: call after its last write.</summary>
        public void Complete() => _owner.CompleteMember(_depth);

        /// <summary>Undoes the member's writes unless <see cref="Complete"/> ran.</summary>
        public void Dispose()
        {
            if (_owner._memberDepth >= _depth)
            {
                _owner.RollBackMember();
            }
        }
    }
}
