namespace TypedStore.Storage.Overlay;

/// <summary>
/// The keys a transaction read, per column family (content equality), each with its value at the snapshot when the read
/// that recorded it saw it whole (a point read: the value, or absent), so the commit's validation need not read the
/// snapshot again.
/// </summary>
internal sealed class OverlayKeySet
{
    private readonly Dictionary<StorageColumnFamily, Dictionary<byte[], SnapshotValue>> _keys = new();

    public int Count { get; private set; }

    /// <summary>Adds a key whose value the reader did not keep (an iterator's stop, an existence test that found it).</summary>
    public void Add(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key) => Add(columnFamily, key, default);

    /// <summary>Adds a key and what the snapshot holds for it (<see cref="SnapshotValue.Absent"/>, or a copy of the value).</summary>
    public void Add(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, SnapshotValue value)
    {
        if (!_keys.TryGetValue(columnFamily, out Dictionary<byte[], SnapshotValue>? keys))
        {
            keys = new Dictionary<byte[], SnapshotValue>(OverlayKeyComparer.Instance);
            _keys.Add(columnFamily, keys);
        }

        Dictionary<byte[], SnapshotValue>.AlternateLookup<ReadOnlySpan<byte>> lookup = keys.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (lookup.TryGetValue(key, out SnapshotValue known))
        {
            // Every read is of the same snapshot: a value learned later completes a key recorded without one.
            if (!known.IsKnown && value.IsKnown)
            {
                lookup[key] = value;
            }

            return;
        }

        keys.Add(key.ToArray(), value);
        Count++;
    }

    /// <summary>Whether <paramref name="key"/> of <paramref name="columnFamily"/> is in the set.</summary>
    public bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
        => _keys.TryGetValue(columnFamily, out Dictionary<byte[], SnapshotValue>? keys) && keys.GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(key);

    /// <summary>Every key, with its column family and what the snapshot holds for it when known.</summary>
    public IEnumerable<(StorageColumnFamily ColumnFamily, byte[] Key, SnapshotValue Value)> All()
    {
        foreach (KeyValuePair<StorageColumnFamily, Dictionary<byte[], SnapshotValue>> family in _keys)
        {
            foreach (KeyValuePair<byte[], SnapshotValue> key in family.Value)
            {
                yield return (family.Key, key.Key, key.Value);
            }
        }
    }
}
