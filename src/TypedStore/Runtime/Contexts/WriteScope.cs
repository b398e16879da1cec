using System.ComponentModel;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Runtime.Contexts;

/// <summary>
/// The writes of one write member (one call such as <c>table.Put(row)</c>) in its context: the write set to record
/// into, and what ends the member. <see cref="Complete"/> keeps the writes (the store: commits them now through the
/// <see cref="CommitPipeline"/>; a batch: keeps them for its commit); <see cref="Dispose"/> without
/// <see cref="Complete"/> takes them all back (the store: drops the set; a batch: rolls back to the member's save point).
/// </summary>
/// <remarks>
/// One type for every context, so each write member is written once: begin, record, complete. A ref struct: it lives
/// for one call and cannot be kept. Its state lives in its owner (a batch's depth and save point), so the copy
/// <see langword="using"/> makes behaves the same.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct WriteScope
{
    // Exactly one of the two: the store a one-member set is committed to, or the batch the member records into.
    private readonly StoreRuntime? _commitTo;
    private readonly StoreBatchRuntime? _batch;
    private readonly int _depth;

    private WriteScope(WriteSet writes, StoreRuntime? commitTo, StoreBatchRuntime? batch, int depth)
    {
        Writes = writes;
        _commitTo = commitTo;
        _batch = batch;
        _depth = depth;
    }

    /// <summary>The write set the member records into.</summary>
    internal WriteSet Writes { get; }

    /// <summary>A scope over a write set of its own, committed to <paramref name="store"/> by <see cref="Complete"/>.</summary>
    internal static WriteScope CommitOnComplete(StoreRuntime store, WriteDurability durability)
    {
        WriteSet writes = WriteSet.Rent();
        writes.RequireDurability(durability);
        return new WriteScope(writes, store, batch: null, depth: 0);
    }

    /// <summary>A scope over one member of <paramref name="batch"/> (<see cref="StoreBatchRuntime.BeginMember"/>).</summary>
    internal static WriteScope BatchMember(StoreBatchRuntime batch, WriteSet writes, int depth)
        => new(writes, commitTo: null, batch, depth);

    /// <summary>Keeps the member's writes: call after its last record.</summary>
    /// <remarks>
    /// The store reads its engine here, as the commit's first step: a disposed store refuses with
    /// <see cref="ObjectDisposedException"/> and the set is dropped by <see cref="Dispose"/>.
    /// </remarks>
    public void Complete()
    {
        if (_batch is { } batch)
        {
            batch.CompleteMember(_depth);
            return;
        }

        CommitPipeline.Commit(_commitTo!.Engine, Writes);
    }

    /// <summary>Takes back the member's writes unless <see cref="Complete"/> kept them; returns a one-member set to its pool.</summary>
    public void Dispose()
    {
        if (_batch is { } batch)
        {
            batch.EndMember(_depth);
            return;
        }

        WriteSet.Return(Writes);
    }
}
