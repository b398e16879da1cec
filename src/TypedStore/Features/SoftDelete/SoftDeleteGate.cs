namespace TypedStore.Features.SoftDelete;

/// <summary>
/// Keeps <c>PurgeDeleted</c> from racing the writes of a <c>SoftDelete</c> table. Purging decides from what it
/// read (a marker older than the cut-off) and then removes the row: a <c>Put</c> or <c>Restore</c> landing in
/// between would be lost. Writers share the gate; the purger holds it alone, one bounded chunk at a time.
/// Writers never wait for each other, and each write is still one atomic engine write without a read.
/// The lock lives as long as its table (the store's lifetime) and holds no native resource, so it is not disposed.
/// </summary>
internal sealed class SoftDeleteGate
{
    private static long s_nextOrder;

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>A process-wide order: a batch that writes several soft-delete tables enters their gates in this order, so two batches cannot deadlock.</summary>
    public long Order { get; } = Interlocked.Increment(ref s_nextOrder);

    /// <summary>Enters as one of any number of writers.</summary>
    public void EnterWrite() => _lock.EnterReadLock();

    /// <summary>Leaves after <see cref="EnterWrite"/>.</summary>
    public void ExitWrite() => _lock.ExitReadLock();

    /// <summary>Enters alone, waiting for writers to finish and keeping new ones out.</summary>
    public void EnterPurge() => _lock.EnterWriteLock();

    /// <summary>Leaves after <see cref="EnterPurge"/>.</summary>
    public void ExitPurge() => _lock.ExitWriteLock();

    /// <summary>Whether this thread holds the gate as the purger (its own writes then need no writer's entry).</summary>
    public bool IsPurgingOnThisThread => _lock.IsWriteLockHeld;

    /// <summary>Whether this thread holds the gate as a writer.</summary>
    public bool IsWritingOnThisThread => _lock.IsReadLockHeld;
}
