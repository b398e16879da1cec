using TypedStore.Keys;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Features.SoftDelete;

/// <summary>
/// Walks a <c>SoftDelete</c> table's rows together with their deletion markers, forward or backward, in one
/// pass of one engine iterator (a marker is its row's immediate successor: see <see cref="DeletionMarker"/>).
/// Each step yields one row with its deleted state, or a marker whose row is gone (an "orphan", left by
/// deleting a key that had no row, or by a range removal of expired rows).
/// </summary>
/// <remarks>
/// Looking one entry ahead moves the engine iterator, which invalidates its spans, so the current key (and the
/// value, or only its header when <c>copyValues</c> is off) are copied into buffers this cursor owns.
/// Not thread-safe.
/// </remarks>
internal sealed class SoftDeleteCursor : IRowCursor
{
    private readonly string _table;
    private readonly StorageIterator _iterator;
    private readonly bool _reverse;
    private readonly bool _copyValues;
    private readonly ValueBuffer _value = new();
    private byte[] _key = new byte[128];
    private int _keyLength;
    private byte[] _markerKey = new byte[128];
    private bool _started;

    /// <summary>Takes ownership of <paramref name="iterator"/> (unpositioned; the cursor seeks to the first or last entry).</summary>
    public SoftDeleteCursor(string table, StorageIterator iterator, bool reverse, bool copyValues)
    {
        _table = table;
        _iterator = iterator;
        _reverse = reverse;
        _copyValues = copyValues;
    }

    /// <summary>The row's key (for an orphan marker, the key of the row it marked).</summary>
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>The row's stored value (only its header when values are not copied); empty for an orphan marker.</summary>
    public ReadOnlyMemory<byte> Value => _value.WrittenMemory;

    /// <summary>Whether the step found a row; <see langword="false"/> for an orphan marker.</summary>
    public bool HasRow { get; private set; }

    /// <summary>Whether the row is marked deleted (always <see langword="true"/> for an orphan marker).</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>When the marker was written, in UTC ticks; meaningful when <see cref="IsDeleted"/>.</summary>
    public long DeletedUtcTicks { get; private set; }

    /// <summary>
    /// The key of the next entry the cursor has not consumed yet, for resuming a walk in a later iterator;
    /// empty at the end. Only forward walks resume.
    /// </summary>
    public ReadOnlySpan<byte> NextUnreadKey => _iterator.IsValid ? _iterator.Key : default;

    /// <summary>Moves to the next row or orphan marker; <see langword="false"/> at the end.</summary>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            _iterator.SeekToStart(_reverse);
        }

        return _reverse ? MoveBackward() : MoveForward();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _iterator.Dispose();
        _value.Dispose();
    }

    private bool MoveForward()
    {
        if (!_iterator.IsValid)
        {
            return false;
        }

        ReadOnlySpan<byte> value = _iterator.Value;
        if (DeletionMarker.IsMarkerValue(value))
        {
            // A marker that follows its row is consumed with the row below, so this one has no row.
            ReadOnlySpan<byte> markerKey = _iterator.Key;
            long ticks = ReadMarkerTicks(markerKey, value);
            CopyKey(markerKey[..^1]);
            SetOrphan(ticks);
            _iterator.Next();
            return true;
        }

        CopyKey(_iterator.Key);
        CopyValue(value);
        HasRow = true;
        IsDeleted = false;
        _iterator.Next();
        if (_iterator.IsValid && DeletionMarker.IsMarkerValue(_iterator.Value) && DeletionMarker.IsMarkerOf(_iterator.Key, Key))
        {
            IsDeleted = true;
            DeletedUtcTicks = ReadMarkerTicks(_iterator.Key, _iterator.Value);
            _iterator.Next();
        }

        return true;
    }

    private bool MoveBackward()
    {
        if (!_iterator.IsValid)
        {
            return false;
        }

        ReadOnlySpan<byte> value = _iterator.Value;
        if (!DeletionMarker.IsMarkerValue(value))
        {
            CopyKey(_iterator.Key);
            CopyValue(value);
            HasRow = true;
            IsDeleted = false;
            _iterator.Previous();
            return true;
        }

        // Backward, the marker comes first: its row, if any, is the entry just before it.
        ReadOnlySpan<byte> markerKey = _iterator.Key;
        EnsureCapacity(ref _markerKey, markerKey.Length);
        markerKey.CopyTo(_markerKey);
        int markerLength = markerKey.Length;
        long deletedTicks = ReadMarkerTicks(markerKey, value);
        _iterator.Previous();

        ReadOnlySpan<byte> marker = _markerKey.AsSpan(0, markerLength);
        if (_iterator.IsValid && !DeletionMarker.IsMarkerValue(_iterator.Value) && DeletionMarker.IsMarkerOf(marker, _iterator.Key))
        {
            CopyKey(_iterator.Key);
            CopyValue(_iterator.Value);
            HasRow = true;
            IsDeleted = true;
            DeletedUtcTicks = deletedTicks;
            _iterator.Previous();
            return true;
        }

        CopyKey(marker[..^1]);
        HasRow = false;
        IsDeleted = true;
        DeletedUtcTicks = deletedTicks;
        _value.Clear();
        return true;
    }

    private void SetOrphan(long deletedTicks)
    {
        HasRow = false;
        IsDeleted = true;
        DeletedUtcTicks = deletedTicks;
        _value.Clear();
    }

    private void CopyKey(ReadOnlySpan<byte> key)
    {
        EnsureCapacity(ref _key, key.Length);
        key.CopyTo(_key);
        _keyLength = key.Length;
    }

    private void CopyValue(ReadOnlySpan<byte> value)
    {
        // Without values, the header is enough for _updated; a value shorter than a header is left whole for
        // the reader of the header to reject as corrupt.
        ReadOnlySpan<byte> kept = _copyValues || value.Length < ValueEnvelope.HeaderLength ? value : value[..ValueEnvelope.HeaderLength];
        _value.Clear();
        kept.CopyTo(_value.GetSpan(kept.Length));
        _value.Advance(kept.Length);
    }

    private long ReadMarkerTicks(ReadOnlySpan<byte> markerKey, ReadOnlySpan<byte> markerValue)
    {
        if (!DeletionMarker.TryReadDeletedTicks(markerValue, out long ticks) || markerKey.IsEmpty || markerKey[^1] != DeletionMarker.KeySuffix)
        {
            string rendered = KeyDisplay.Render(markerKey);
            throw new CorruptDataException($"Table '{_table}': the deletion marker with key {rendered} is corrupt (a {markerValue.Length}-byte value that is not a valid marker).")
            {
                Table = _table,
                Key = rendered,
            };
        }

        return ticks;
    }

    private static void EnsureCapacity(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
        }
    }
}
