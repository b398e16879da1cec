using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// What a feature does when a write set commits: take what must be held during the write (a soft-delete gate, the
/// change log's lock), add its own entries to the engine batch, and publish or release afterwards. One instance per
/// resource: every table of a store shares the change log's step, each soft-delete table has its own gate's step.
/// </summary>
/// <remarks>
/// Steps run on the committing thread, synchronously (the locks they take are thread-affine). <see cref="Release"/>
/// runs in a <see langword="finally"/> for every step whose <see cref="BeforeCommit"/> began, also when it threw, so it
/// must release only what this thread holds.
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

    /// <summary>
    /// Runs before the engine write. <paramref name="batch"/> holds every op of the set; it is <see langword="null"/>
    /// only when the set is one op written directly, which happens only when <see cref="AddsEntries"/> said no.
    /// </summary>
    void BeforeCommit(WriteSet writes, StorageWriteBatch? batch);

    /// <summary>Runs after the engine write succeeded.</summary>
    void AfterCommit(WriteSet writes);

    /// <summary>Releases what <see cref="BeforeCommit"/> took on this thread, whether the write succeeded or not.</summary>
    void Release(WriteSet writes);
}
