using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Features.Indexes;

/// <summary>
/// Keys of one column family collected one after another, then read together with one
/// <see cref="StorageEngine.GetManyAsync"/>: what an index step reads ahead at an async commit
/// (<see cref="IndexCommitReads"/>). Its buffers are kept between commits, so a warmed commit allocates nothing here.
/// Not thread-safe: used only by the commit holding the table's index gate.
/// </summary>
internal sealed class PackedReads
{
    // Buffers that grew past this are let go on Clear, so one huge commit does not pin memory for the table's lifetime.
    private const int RetainedBytes = 64 * 1024;

    private ValueBuffer _keys = new();
    private ValueBuffer _values = new();
    private int[] _keyLengths = new int[8];
    private int[] _keyOffsets = new int[8];
    private int[] _valueLengths = new int[8];
    private int[] _valueOffsets = new int[8];

    /// <summary>The number of keys collected.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a key to read; returns its slot.</summary>
    public int Add(ReadOnlySpan<byte> key)
    {
        key.CopyTo(_keys.GetSpan(key.Length));
        return TakeSlot(key.Length);
    }

    /// <summary>Adds a key, then the same key followed by <paramref name="suffix"/> (a row and its deletion marker); returns the first slot.</summary>
    public int AddWithSuffixed(ReadOnlySpan<byte> key, byte suffix)
    {
        int slot = Add(key);
        Span<byte> suffixed = _keys.GetSpan(key.Length + 1);
        key.CopyTo(suffixed);
        suffixed[key.Length] = suffix;
        TakeSlot(key.Length + 1);
        return slot;
    }

    // The key of `length` bytes just copied past the written ones becomes the next slot.
    private int TakeSlot(int length)
    {
        if (Count == _keyLengths.Length)
        {
            int size = Count * 2;
            Array.Resize(ref _keyLengths, size);
            Array.Resize(ref _keyOffsets, size);
            Array.Resize(ref _valueLengths, size);
            Array.Resize(ref _valueOffsets, size);
        }

        _keyOffsets[Count] = _keys.WrittenCount;
        _keyLengths[Count] = length;
        _keys.Advance(length);
        return Count++;
    }

    /// <summary>Reads every key collected (at the latest state) with one engine call; nothing when none was collected.</summary>
    public async ValueTask ReadAsync(StorageEngine engine, StorageColumnFamily columnFamily, CancellationToken cancellationToken)
    {
        if (Count == 0)
        {
            return;
        }

        _values.Clear();
        await engine.GetManyAsync(
            columnFamily, _keys.WrittenMemory, _keyLengths.AsMemory(0, Count), _values, _valueLengths.AsMemory(0, Count), snapshot: null, cancellationToken).ConfigureAwait(false);
        int offset = 0;
        for (int i = 0; i < Count; i++)
        {
            _valueOffsets[i] = offset;
            offset += Math.Max(_valueLengths[i], 0);
        }
    }

    /// <summary>The key of <paramref name="slot"/>.</summary>
    public ReadOnlySpan<byte> Key(int slot) => _keys.WrittenSpan.Slice(_keyOffsets[slot], _keyLengths[slot]);

    /// <summary>Whether the key of <paramref name="slot"/> was found (after <see cref="ReadAsync"/>).</summary>
    public bool Found(int slot) => _valueLengths[slot] >= 0;

    /// <summary>The value read for <paramref name="slot"/> (empty when not found).</summary>
    public ReadOnlySpan<byte> Value(int slot) => Found(slot) ? _values.WrittenSpan.Slice(_valueOffsets[slot], _valueLengths[slot]) : default;

    /// <summary>Forgets every key and value, keeping the buffers unless they grew large.</summary>
    public void Clear()
    {
        Count = 0;
        _keys = Trimmed(_keys);
        _values = Trimmed(_values);
    }

    private static ValueBuffer Trimmed(ValueBuffer buffer)
    {
        if (buffer.WrittenCount <= RetainedBytes)
        {
            buffer.Clear();
            return buffer;
        }

        buffer.Dispose();
        return new ValueBuffer();
    }
}
