using TypedStore.Values;

namespace TypedStore.Storage;

/// <summary>
/// The core contract the rest of the runtime uses to talk to a key-value engine: ordered byte keys in named column
/// families, point reads (one key or many), writes, range deletes, atomic batches, bounded iterators and snapshots.
/// Implemented by the RocksDB core and by the in-memory engine; a single contract test suite runs against both so
/// they cannot drift. Engines are opened by a <see cref="StorageEngineProvider"/>.
/// </summary>
/// <remarks>
/// <para>Keys compare as unsigned bytes (memcmp order, shorter first on a common prefix).
/// Every member throws <see cref="ObjectDisposedException"/> after <see cref="Dispose()"/>;
/// implementations must never crash natively on use after dispose.</para>
/// <para>What not every engine can do is a capability (<see cref="TryGetCapability{TCapability}"/>): maintenance
/// (<see cref="IStorageMaintenance"/>) today, optimistic transactions later. The async members
/// (<see cref="TryGetAsync"/>, <see cref="GetManyAsync"/>, <see cref="WriteAsync"/>, <see cref="ReadPageAsync"/>) are
/// for engines that wait on a network; their default implementations run the synchronous members and complete
/// synchronously, without allocating, which is what the RocksDB and memory engines use.</para>
/// </remarks>
public abstract partial class StorageEngine : IDisposable
{
    /// <summary>Whether the engine was opened read-only.</summary>
    public abstract bool IsReadOnly { get; }

    /// <summary>The column families the engine was opened with, in the order they were requested.</summary>
    public abstract IReadOnlyList<StorageColumnFamily> ColumnFamilies { get; }

    /// <summary>Returns the column family with this name; throws <see cref="KeyNotFoundException"/> when it was not opened.</summary>
    public abstract StorageColumnFamily GetColumnFamily(string name);

    /// <summary>
    /// The column family named <paramref name="name"/>, requested by this open or only held by the store (an engine that
    /// must open every stored family, as RocksDB does read-write, can hand out those it was not asked for, so the runtime
    /// can clean up after a declaration that no longer names them). The default knows only <see cref="ColumnFamilies"/>.
    /// </summary>
    internal virtual bool TryGetStoredColumnFamily(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out StorageColumnFamily? columnFamily)
    {
        foreach (StorageColumnFamily candidate in ColumnFamilies)
        {
            if (candidate.Name == name)
            {
                columnFamily = candidate;
                return true;
            }
        }

        columnFamily = null;
        return false;
    }

    /// <summary>Drops a column family the store holds but this open did not request; engines that keep nothing between opens never have one.</summary>
    internal virtual void DropColumnFamily(StorageColumnFamily columnFamily)
        => throw new NotSupportedException($"{GetType().Name} cannot drop column family '{columnFamily.Name}'.");

    /// <summary>
    /// Reads the value of <paramref name="key"/> into a caller's fixed buffer with one engine call: the primitive under
    /// <see cref="TryGet"/>, which is what readers of values of unknown length should call.
    /// Returns -1 when the key is absent; otherwise the value's length. When the length is greater than
    /// <paramref name="destination"/>'s, the contents of <paramref name="destination"/> are unspecified and the
    /// caller retries with a buffer at least that long.
    /// </summary>
    public abstract int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null);

    /// <summary>
    /// Appends the value of <paramref name="key"/> to <paramref name="destination"/> (a pooled, growable buffer);
    /// returns <see langword="false"/>, appending nothing, when the key is absent. The one place values of unknown
    /// length are read: one <see cref="Get"/> into the buffer's free space, and a second only when the value is longer.
    /// </summary>
    /// <remarks>
    /// Engines whose values arrive whole (a remote engine) override this instead of retrying. Between the two calls
    /// a concurrent write may change or delete the value; the loop then reads again, or reports the key absent.
    /// </remarks>
    public virtual bool TryGet(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ValueBuffer destination, StorageSnapshot? snapshot = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        int length = Get(columnFamily, key, destination.GetSpan(), snapshot);
        while (length > destination.GetSpan().Length)
        {
            length = Get(columnFamily, key, destination.GetSpan(length), snapshot);
        }

        if (length < 0)
        {
            return false;
        }

        destination.Advance(length);
        return true;
    }

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

    /// <summary>Closes the engine and releases every native resource. Safe to call more than once.</summary>
    public void Dispose()
    {
        ReleaseSpareBatch();
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources; <paramref name="disposing"/> is <see langword="false"/> from a finalizer.</summary>
    protected abstract void Dispose(bool disposing);
}
