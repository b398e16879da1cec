namespace TypedStore.Storage;

/// <summary>
/// A list of writes across column families of one engine, applied atomically by
/// <see cref="StorageEngine.Write"/>. Not thread-safe. Throws <see cref="ObjectDisposedException"/> after dispose.
/// </summary>
public abstract class StorageWriteBatch : IDisposable
{
    /// <summary>Number of operations recorded.</summary>
    public abstract int Count { get; }

    /// <summary>Records an insert-or-replace.</summary>
    public abstract void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value);

    /// <summary>Records a delete.</summary>
    public abstract void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key);

    /// <summary>Records a delete of every key in [<paramref name="startKey"/>, <paramref name="endKey"/>).</summary>
    public abstract void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey);

    /// <summary>Forgets every recorded operation, and every save point, so the batch can be reused.</summary>
    public abstract void Clear();

    /// <summary>
    /// Marks the batch's current end as a save point. Save points nest: <see cref="RollbackToSavePoint"/> and
    /// <see cref="PopSavePoint"/> act on the most recent one. Cheap and allocation-free once the batch has held a
    /// few save points, so a caller may set one per recorded write.
    /// </summary>
    public abstract void SetSavePoint();

    /// <summary>
    /// Removes every operation recorded since the most recent save point, leaving the batch (and <see cref="Count"/>)
    /// exactly as it was when that save point was set, and forgets the save point.
    /// </summary>
    /// <exception cref="InvalidOperationException">No save point is set.</exception>
    public abstract void RollbackToSavePoint();

    /// <summary>Forgets the most recent save point and keeps every operation recorded since it.</summary>
    /// <exception cref="InvalidOperationException">No save point is set.</exception>
    public abstract void PopSavePoint();

    /// <summary>Releases the batch.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is <see langword="false"/> from a finalizer.</summary>
    protected abstract void Dispose(bool disposing);
}
