namespace TypedStore.Storage;

/// <summary>Write batches the commit path reuses instead of creating one per commit.</summary>
public abstract partial class StorageEngine
{
    // A batch that held more ops than this is released rather than kept: its native buffer grew with it, and one
    // large import must not pin that memory for the engine's lifetime.
    private const int MaxReusedBatchCount = 1024;

    // One spare batch, cleared, handed out by RentWriteBatch. A featured table's every commit (soft delete, change feed,
    // indexes) writes a batch; reusing one skips a native allocation, its registration with the engine and the managed
    // wrapper per commit. Two threads committing at once: the second creates a batch, and the first one back keeps it.
    private StorageWriteBatch? _spareBatch;

    // Set before the engine releases its resources, so no batch is kept after that.
    private volatile bool _isDisposing;

    /// <summary>An empty batch of this engine: the spare one when it is free, else a new one. Give it back with <see cref="ReturnWriteBatch"/>.</summary>
    internal StorageWriteBatch RentWriteBatch() => Interlocked.Exchange(ref _spareBatch, null) ?? CreateWriteBatch();

    /// <summary>Takes back a batch of <see cref="RentWriteBatch"/>: cleared and kept as the spare, or released.</summary>
    internal void ReturnWriteBatch(StorageWriteBatch batch)
    {
        if (batch.Count <= MaxReusedBatchCount && !_isDisposing)
        {
            batch.Clear();
            if (Interlocked.CompareExchange(ref _spareBatch, batch, null) is null)
            {
                // Disposed while it was being returned: the engine no longer releases it, so release it here.
                if (_isDisposing && Interlocked.CompareExchange(ref _spareBatch, null, batch) == batch)
                {
                    batch.Dispose();
                }

                return;
            }
        }

        batch.Dispose();
    }

    /// <summary>Releases the spare batch; called first by <see cref="Dispose()"/>.</summary>
    private void ReleaseSpareBatch()
    {
        _isDisposing = true;
        Interlocked.Exchange(ref _spareBatch, null)?.Dispose();
    }
}
