using TypedStore.Storage;

namespace TypedStore.Tests.Tables;

/// <summary>
/// An engine double that keeps the last value written, in preallocated buffers, so it allocates nothing
/// itself: whatever a measurement sees allocated comes from the table layer.
/// </summary>
internal sealed class SingleValueEngine : StorageEngine
{
    private readonly ColumnFamily[] _columnFamilies;
    private readonly byte[] _key = new byte[1024];
    private readonly byte[] _value = new byte[64 * 1024];
    private int _keyLength = -1;
    private int _valueLength;

    public SingleValueEngine(params string[] columnFamilies)
    {
        _columnFamilies = columnFamilies.Select((name, i) => new ColumnFamily(name, i)).ToArray();
    }

    public int Puts { get; private set; }

    public WriteDurability LastDurability { get; private set; }

    public override bool IsReadOnly => false;

    public override IReadOnlyList<StorageColumnFamily> ColumnFamilies => _columnFamilies;

    public override StorageColumnFamily GetColumnFamily(string name) => _columnFamilies.Single(c => c.Name == name);

    public override int Get(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, Span<byte> destination, StorageSnapshot? snapshot = null)
    {
        if (_keyLength < 0 || !key.SequenceEqual(_key.AsSpan(0, _keyLength)))
        {
            return -1;
        }

        if (_valueLength <= destination.Length)
        {
            _value.AsSpan(0, _valueLength).CopyTo(destination);
        }

        return _valueLength;
    }

    public override bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, StorageSnapshot? snapshot = null)
        => _keyLength >= 0 && key.SequenceEqual(_key.AsSpan(0, _keyLength));

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
    {
        key.CopyTo(_key);
        value.CopyTo(_value);
        _keyLength = key.Length;
        _valueLength = value.Length;
        LastDurability = durability;
        Puts++;
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
    {
        _keyLength = -1;
        LastDurability = durability;
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default) => throw new NotSupportedException();

    public override StorageWriteBatch CreateWriteBatch() => throw new NotSupportedException();

    public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default) => throw new NotSupportedException();

    public override StorageIterator CreateIterator(StorageColumnFamily columnFamily, ReadOnlySpan<byte> lowerBound = default, ReadOnlySpan<byte> upperBound = default, StorageSnapshot? snapshot = null) => throw new NotSupportedException();

    public override StorageSnapshot CreateSnapshot() => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
    }

    private sealed class ColumnFamily(string name, int index) : StorageColumnFamily(name, index);
}
