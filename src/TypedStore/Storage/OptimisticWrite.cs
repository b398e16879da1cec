namespace TypedStore.Storage;

/// <summary>
/// One write an engine applies only when none of a set of keys changed since a snapshot, checked atomically with every
/// other write the engine takes (direct puts, batches, other optimistic writes): the commit of a transaction. Begun by
/// <see cref="StorageEngine.BeginOptimisticWrite"/>.
/// </summary>
/// <remarks>
/// Use: <see cref="Validate(StorageColumnFamily, ReadOnlySpan{byte})"/> every key the transaction read or wrote, then record the writes into <see cref="Batch"/>,
/// then <see cref="TryCommit"/> once. "Changed" means written by anyone after the snapshot, whatever the value written
/// (the memory engine compares versions; RocksDB compares sequence numbers).
/// </remarks>
internal abstract class OptimisticWrite : IDisposable
{
    /// <summary>The writes to apply; the pipeline's commit steps add to it like to any engine batch.</summary>
    public abstract StorageWriteBatch Batch { get; }

    /// <summary>Adds a key that must be unchanged since the snapshot when the write commits. Call before recording writes.</summary>
    public abstract void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key);

    /// <summary>
    /// <see cref="Validate(StorageColumnFamily, ReadOnlySpan{byte})"/> for a key whose value at the snapshot the caller
    /// already read (<paramref name="found"/>, and then <paramref name="snapshotValue"/>): an engine that compares values
    /// uses it instead of reading the snapshot again.
    /// </summary>
    public virtual void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, bool found, ReadOnlySpan<byte> snapshotValue)
        => Validate(columnFamily, key);

    /// <summary>Applies <see cref="Batch"/> atomically when no validated key changed; otherwise writes nothing and returns <see langword="false"/>.</summary>
    public abstract bool TryCommit();

    /// <summary>
    /// The async form of <see cref="TryCommit"/>, for an engine whose commit is a network round trip. The default runs
    /// <see cref="TryCommit"/> and returns a completed task (failures through the task); a token already cancelled
    /// gives a cancelled task and commits nothing.
    /// </summary>
    public virtual ValueTask<bool> TryCommitAsync(CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<bool>(cancellationToken);
        }

        try
        {
            return new ValueTask<bool>(TryCommit());
        }
        catch (Exception error)
        {
            return ValueTask.FromException<bool>(error);
        }
    }

    /// <summary>Releases what the write holds (its batch).</summary>
    public abstract void Dispose();
}
