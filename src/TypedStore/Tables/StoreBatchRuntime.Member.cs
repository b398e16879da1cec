using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// Batch members are all-or-nothing: every write a member records (its ops, the ops and notes its tables'
/// interceptors add, the commit steps and durability they need) goes into the batch's <see cref="WriteSet"/> through
/// a <see cref="WriteScope"/> (<see cref="BeginMember"/>, what <see cref="BatchContext"/> begins), which marks a
/// write-set save point when the member begins and rolls back to it unless the member completes. A member that refuses its input part-way (a key over the limit after the row was recorded,
/// a null key part in the third row of a PutMany) therefore leaves the batch exactly as it was, whatever order it
/// validated and recorded in. The write set is reachable only through a member.
/// </content>
public sealed partial class StoreBatchRuntime
{
    // Members open now: members begun inside another one join it (only the outermost sets a save point).
    private int _memberDepth;

    // What the outermost open member rolls back to.
    private WriteSetSavePoint _memberSavePoint;

    /// <summary>
    /// Begins one member's writes. Use with <see langword="using"/> and call <see cref="WriteScope.Complete"/> after
    /// the last write: leaving the scope without completing (an exception) undoes every write of the member.
    /// </summary>
    /// <param name="durability">What the commit must guarantee for these writes (System tables: synced).</param>
    internal WriteScope BeginMember(WriteDurability durability)
    {
        WriteSet writes = Writes;
        if (_memberDepth == 0)
        {
            _memberSavePoint = writes.SetSavePoint();
        }

        _memberDepth++;
        writes.RequireDurability(durability);
        return WriteScope.BatchMember(this, writes, _memberDepth);
    }

    /// <summary>Keeps the writes of the member at <paramref name="depth"/> (<see cref="WriteScope.Complete"/>).</summary>
    internal void CompleteMember(int depth)
    {
        if (depth != _memberDepth)
        {
            throw new InvalidOperationException("A batch member completed out of order, or after it was rolled back.");
        }

        _memberDepth--;
    }

    /// <summary>
    /// Ends the member at <paramref name="depth"/> (<see cref="WriteScope.Dispose"/>): when it is still open (it did not
    /// complete), the outermost member's writes are undone (an inner member's exception fails the outer one too).
    /// Lengths only: this cannot fail.
    /// </summary>
    internal void EndMember(int depth)
    {
        if (_memberDepth < depth)
        {
            return;
        }

        _memberDepth = 0;
        _writes?.RollbackTo(_memberSavePoint);
        NoteRollback();
    }

    private void ThrowIfMemberOpen()
    {
        if (_memberDepth != 0)
        {
            throw new InvalidOperationException("A batch member is still recording; commit after it completes.");
        }
    }
}
