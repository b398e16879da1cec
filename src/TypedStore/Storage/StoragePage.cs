using System.Buffers;
using TypedStore.Values;

namespace TypedStore.Storage;

/// <summary>
/// One page of entries read by <see cref="StorageEngine.ReadPageAsync"/>: keys and values copied into pooled buffers
/// the page owns, so a page can be reused for the next one without allocating. Not thread-safe.
/// </summary>
public sealed class StoragePage : IDisposable
{
    // Per entry: where its key starts in _bytes, the key's length, the value's length (the value follows the key).
    private const int SlotsPerEntry = 3;

    private readonly ValueBuffer _bytes = new();
    private int[] _entries = ArrayPool<int>.Shared.Rent(16 * SlotsPerEntry);

    /// <summary>The number of entries on the page.</summary>
    public int Count { get; private set; }

    /// <summary>Whether the range holds more entries past this page (in the direction it was read).</summary>
    public bool HasMore { get; set; }

    /// <summary>The key of the last entry, where the next page continues from; empty when the page is empty.</summary>
    public ReadOnlySpan<byte> LastKey => Count == 0 ? default : GetKey(Count - 1);

    /// <summary>The key of entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetKey(int index)
    {
        int slot = Slot(index);
        return _bytes.WrittenSpan.Slice(_entries[slot], _entries[slot + 1]);
    }

    /// <summary>The value of entry <paramref name="index"/>.</summary>
    public ReadOnlySpan<byte> GetValue(int index)
    {
        int slot = Slot(index);
        return _bytes.WrittenSpan.Slice(_entries[slot] + _entries[slot + 1], _entries[slot + 2]);
    }

    /// <summary>The value of entry <paramref name="index"/> as memory (a row is decoded from memory, not a span).</summary>
    internal ReadOnlyMemory<byte> GetValueMemory(int index)
    {
        int slot = Slot(index);
        return _bytes.WrittenMemory.Slice(_entries[slot] + _entries[slot + 1], _entries[slot + 2]);
    }

    /// <summary>The bytes the page's keys and values take (what a pool keeps when it keeps the page).</summary>
    internal int ByteCount => _bytes.WrittenCount;

    /// <summary>Appends an entry (engines call this while filling the page).</summary>
    public void Add(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        int slot = Count * SlotsPerEntry;
        if (slot + SlotsPerEntry > _entries.Length)
        {
            int[] grown = ArrayPool<int>.Shared.Rent(_entries.Length * 2);
            _entries.AsSpan(0, slot).CopyTo(grown);
            ArrayPool<int>.Shared.Return(_entries);
            _entries = grown;
        }

        _entries[slot] = _bytes.WrittenCount;
        _entries[slot + 1] = key.Length;
        _entries[slot + 2] = value.Length;
        key.CopyTo(_bytes.GetSpan(key.Length));
        _bytes.Advance(key.Length);
        value.CopyTo(_bytes.GetSpan(value.Length));
        _bytes.Advance(value.Length);
        Count++;
    }

    /// <summary>Empties the page, keeping its buffers.</summary>
    public void Clear()
    {
        _bytes.Clear();
        Count = 0;
        HasMore = false;
    }

    /// <summary>Returns the buffers to the pool; the page must not be used afterwards.</summary>
    public void Dispose()
    {
        _bytes.Dispose();
        int[] entries = _entries;
        _entries = [];
        Count = 0;
        if (entries.Length > 0)
        {
            ArrayPool<int>.Shared.Return(entries);
        }
    }

    private int Slot(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return index * SlotsPerEntry;
    }
}
