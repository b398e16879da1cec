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

    /// <summary>Forgets every recorded operation so the batch can be reused.</summary>
    public abstract void Clear();

    /// <summary>Releases the batch.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is <see langword="false"/> from a finalizer.</summary>
    protected abstract void Dispose(bool disposing);
}
