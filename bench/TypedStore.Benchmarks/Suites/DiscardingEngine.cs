using TypedStore.Storage;

namespace TypedStore.Benchmarks.Suites;

/// <summary>
/// An engine that does no storage work: writes are dropped and every read returns one fixed value. Under it,
/// a typed <c>Put</c> or <c>Get</c> costs exactly the typed layer's own CPU work plus one virtual call.
/// </summary>
internal sealed class DiscardingEngine : StorageEngine
{
    private readonly StorageColumnFamily[] _columnFamilies;
    private readonly byte[] _value;

    public DiscardingEngine(string columnFamily, byte[] value)
    {
        _columnFamilies = [new Family(columnFamily)];
        _value = value;
    }

    public override bool IsReadOnly => false;

    public override IReadOnlyList<StorageColumnFamily> ColumnFamilies => _columnFamilies;

    public override StorageColumnFamily GetColumnFamily(string name)
        => name == _columnFamilies[0].Name ? _columnFamilies[0] : throw new KeyNotFoundException(name);

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        if (_value.Length <= destination.Length)
        {
            _value.CopyTo(destination);
        }

        return _value.Length;
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null) => true;

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
    {
    }

    public override StorageWriteBatch CreateWriteBatch() => throw new NotSupportedException();

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default) => throw new NotSupportedException();

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null)
        => throw new NotSupportedException();

    public override StorageSnapshot CreateSnapshot() => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class Family(string name) : StorageColumnFamily(name, 0);
}
