namespace TypedStore.Storage.Overlay;

/// <summary>A set of keys per column family (content equality): the keys a transaction read.</summary>
internal sealed class OverlayKeySet
{
    private readonly Dictionary<StorageColumnFamily, HashSet<byte[]>> _keys = new();

    public int Count { get; private set; }

    public void Add(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        if (!_keys.TryGetValue(columnFamily, out HashSet<byte[]>? keys))
        {
            keys = new HashSet<byte[]>(OverlayKeyComparer.Instance);
            _keys.Add(columnFamily, keys);
        }

        if (keys.GetAlternateLookup<ReadOnlySpan<byte>>().Contains(key))
        {
            return;
        }

        keys.Add(key.ToArray());
        Count++;
    }

    /// <summary>Whether <paramref name="key"/> of <paramref name="columnFamily"/> is in the set.</summary>
    public bool Contains(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
        => _keys.TryGetValue(columnFamily, out HashSet<byte[]>? keys) && keys.GetAlternateLookup<ReadOnlySpan<byte>>().Contains(key);

    /// <summary>Every key, with its column family.</summary>
    public IEnumerable<(StorageColumnFamily ColumnFamily, byte[] Key)> All()
    {
        foreach (KeyValuePair<StorageColumnFamily, HashSet<byte[]>> family in _keys)
        {
            foreach (byte[] key in family.Value)
            {
                yield return (family.Key, key);
            }
        }
    }
}
