using TypedStore.Storage;

namespace TypedStore.Tests.Storage;

/// <summary>
/// A test decorator base: every engine member forwards to <see cref="Inner"/>, so a decorator that observes what
/// the table layer asks of its engine (recording, auditing) overrides only the members it observes.
/// Disposing the decorator disposes the inner engine.
/// </summary>
internal abstract class ForwardingStorageEngine(StorageEngine inner) : StorageEngine
{
    /// <summary>The engine every call is forwarded to.</summary>
    public StorageEngine Inner => inner;

    public override bool IsReadOnly => inner.IsReadOnly;

    public override IReadOnlyList<StorageColumnFamily> ColumnFamilies => inner.ColumnFamilies;

    public override StorageColumnFamily GetColumnFamily(string name) => inner.GetColumnFamily(name);

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
        => inner.Get(columnFamily, key, destination, snapshot);

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
        => inner.Contains(columnFamily, key, snapshot);

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
        => inner.Put(columnFamily, key, value, durability);

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
        => inner.Delete(columnFamily, key, durability);

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
        => inner.DeleteRange(columnFamily, startKey, endKey, durability);

    public override StorageWriteBatch CreateWriteBatch() => inner.CreateWriteBatch();

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
        => inner.Write(batch, durability);

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
        => inner.CreateIterator(columnFamily, lowerBound, upperBound, snapshot);

    public override StorageSnapshot CreateSnapshot() => inner.CreateSnapshot();

    // Transactions commit through the inner engine's optimistic write.
    internal override OptimisticWrite BeginOptimisticWrite(StorageSnapshot snapshot, WriteDurability durability)
        => inner.BeginOptimisticWrite(snapshot, durability);

    // Maintenance and any later capability are the inner engine's.
    public override TCapability? TryGetCapability<TCapability>()
        where TCapability : class
        => inner.TryGetCapability<TCapability>();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
    }
}
