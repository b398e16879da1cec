using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// What a feature does when a write set commits: take what must be held during the write (a soft-delete gate, the
/// change log's gate, an index's gate), add its own entries to the engine batch, and publish or release afterwards.
/// One instance per resource: every table of a store shares the change log's step, each soft-delete table has its own
/// gate's step.
/// </summary>
/// <remarks>
/// <para>The pipeline enters every step (<see cref="Enter"/>, or <see cref="EnterAsync"/> on the async path) in the
/// steps' fixed order, then runs each <see cref="BeforeCommit"/>, writes, runs each <see cref="AfterCommit"/>, and
/// calls <see cref="Release"/> in a <see langword="finally"/> for every step it entered, in reverse order.</para>
/// <para>What a step holds is not owned by a thread (<see cref="CommitGate"/>, <c>SoftDeleteGate</c>): an async commit
/// awaits the engine between <see cref="EnterAsync"/> and <see cref="Release"/> and may resume on another thread. A
/// step therefore decides from the write set alone whether it holds anything for that commit, the same way
/// in <see cref="Enter"/> and in <see cref="Release"/>.</para>
/// </remarks>
internal interface ICommitStep
{
    /// <summary>The step's place in the pipeline's fixed order.</summary>
    WriteStage Stage { get; }

    /// <summary>The order among steps of one stage (gates are entered in a process-wide order, so two commits cannot deadlock).</summary>
    long Order { get; }

    /// <summary>
    /// Whether the step adds entries of its own to this commit (the change log does when the set holds changes): a
    /// one-op set to which no step adds anything is written with one engine call instead of a batch.
    /// </summary>
    bool AddsEntries(WriteSet writes);

    /// <summary>Takes what the step holds across the engine write, blocking this thread while another commit holds it. When it throws, it holds nothing.</summary>
    void Enter(WriteSet writes);

    /// <summary>The async form of <see cref="Enter"/>: waits without blocking a thread (a completed task when nothing is held elsewhere).</summary>
    /// <param name="writes">The set being committed.</param>
    /// <param name="cancellationToken">Ends the wait; the step then holds nothing.</param>
    ValueTask EnterAsync(WriteSet writes, CancellationToken cancellationToken);

    /// <summary>
    /// Runs after every step was entered, before the engine write. <paramref name="batch"/> holds every op of the set;
    /// it is <see langword="null"/> only when the set is one op written directly, which happens only when
    /// <see cref="AddsEntries"/> said no.
    /// </summary>
    void BeforeCommit(WriteSet writes, StorageWriteBatch? batch);

    /// <summary>
    /// The async pipeline's form of <see cref="BeforeCommit"/> (the set is always a batch there): a step that reads the
    /// engine at commit (an index's current rows, the change log's last sequence) reads with the engine's async members,
    /// so an async commit blocks no thread. The default runs <see cref="BeforeCommit"/>, for steps that do not read.
    /// </summary>
    /// <param name="writes">The set being committed.</param>
    /// <param name="batch">The engine batch holding every op of the set.</param>
    /// <param name="cancellationToken">Ends the reads; the commit then writes nothing.</param>
    ValueTask BeforeCommitAsync(WriteSet writes, StorageWriteBatch batch, CancellationToken cancellationToken)
    {
        BeforeCommit(writes, batch);
        return default;
    }

    /// <summary>Runs after the engine write succeeded.</summary>
    void AfterCommit(WriteSet writes);

    /// <summary>Releases what <see cref="Enter"/> took for this commit, whether the write succeeded or not.</summary>
    void Release(WriteSet writes);
}
