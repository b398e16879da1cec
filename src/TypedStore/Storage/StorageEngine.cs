namespace TypedStore.Storage;

/// <summary>
/// The small contract the rest of the runtime uses to talk to a key-value engine: ordered
/// byte keys in named column families, point reads and writes, atomic batches, bounded
/// iterators and snapshots. Implemented by the RocksDB core and by the in-memory engine; a
/// single contract test suite runs against both so they cannot drift.
/// </summary>
/// <remarks>
/// Keys compare as unsigned bytes (memcmp order, shorter first on a common prefix).
/// Every member throws <see cref="ObjectDisposedException"/> after <see cref="Dispose()"/>;
/// implementations must never crash natively on use after dispose.
/// </remarks>
public abstract class StorageEngine : IDisposable
{
    /// <summary>Whether the engine was opened read-only.</summary>
    public abstract bool IsReadOnly { get; }

    /// <summary>The column families the engine was opened with, in the order they were requested.</summary>
    public abstract IReadOnlyList<StorageColumnFamily> ColumnFamilies { get; }

    /// <summary>Returns the column family with this name; throws <see cref="KeyNotFoundException"/> when it was not opened.</summary>
    public abstract StorageColumnFamily GetColumnFamily(string name);

    /// <summary>
    /// Reads the value of <paramref name="key"/> into <paramref name="destination"/> with one engine call.
    /// Returns -1 when the key is absent; otherwise the value's length. When the length is greater than
    /// <paramref name="destination"/>'s, the contents of <paramref name="destination"/> are unspecified and the
    /// caller retries with a buffer at least that long.
    /// </summary>
    public abstract int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null);

    /// <summary>Whether <paramref name="key"/> is present.</summary>
    public abstract bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null);

    /// <summary>Writes one key (insert or replace).</summary>
    public abstract void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default);

    /// <summary>Removes one key (no error when absent).</summary>
    public abstract void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default);

    /// <summary>Removes every key in [<paramref name="startKey"/>, <paramref name="endKey"/>).</summary>
    public abstract void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default);

    /// <summary>Creates an empty batch; nothing is visible until <see cref="Write"/>.</summary>
    public abstract StorageWriteBatch CreateWriteBatch();

    /// <summary>Applies every operation of <paramref name="batch"/> atomically, in order.</summary>
    public abstract void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default);

    /// <summary>
    /// Creates an iterator over one column family, limited to keys in
    /// [<paramref name="lowerBound"/>, <paramref name="upperBound"/>) when given (an empty span means unbounded).
    /// The iterator starts unpositioned: call one of its Seek methods first.
    /// </summary>
    public abstract StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null);

    /// <summary>Captures a consistent, read-only view of every column family as of now.</summary>
    public abstract StorageSnapshot CreateSnapshot();

    /// <summary>Flushes in-memory writes of every column family to table files (no-op for the memory engine).</summary>
    public abstract void Flush();

    /// <summary>Compacts the keys in [<paramref name="startKey"/>, <paramref name="endKey"/>) (empty means unbounded).</summary>
    public abstract void CompactRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey = default, ReadOnlySpan<byte> endKey = default);

    /// <summary>Writes a consistent copy of the whole store to <paramref name="directory"/>, which must not exist yet.</summary>
    public abstract void CreateCheckpoint(string directory);

    /// <summary>Reads an engine property (e.g. <c>rocksdb.estimate-num-keys</c>) of one column family; <see langword="null"/> when unknown.</summary>
    public abstract string? GetProperty(StorageColumnFamily columnFamily, string name);

    /// <summary>The engine's estimate of the number of keys in a column family (exact for the memory engine).</summary>
    public abstract long EstimateKeyCount(StorageColumnFamily columnFamily);

    /// <summary>Closes the engine and releases every native resource. Safe to call more than once.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is <see langword="false"/> from a finalizer.</summary>
    protected abstract void Dispose(bool disposing);
}
