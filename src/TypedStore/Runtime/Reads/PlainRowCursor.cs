using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Runtime.Reads;

/// <summary>
/// <see cref="IRowCursor"/> over a column family holding rows only: each entry is a row, never deleted. The key and
/// value (or only its header) are copied, as the caller reads them as memory after the iterator moved on.
/// </summary>
internal sealed class PlainRowCursor : IRowCursor
{
    private readonly StorageIterator _iterator;
    private readonly bool _reverse;
    private readonly bool _copyValues;
    private readonly ValueBuffer _value = new();
    private byte[] _key = new byte[128];
    private int _keyLength;
    private bool _started;

    /// <summary>Takes ownership of <paramref name="iterator"/> (unpositioned; the cursor seeks to the first or last entry).</summary>
    public PlainRowCursor(StorageIterator iterator, bool reverse, bool copyValues)
    {
        _iterator = iterator;
        _reverse = reverse;
        _copyValues = copyValues;
    }

    /// <inheritdoc/>
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> Value => _value.WrittenMemory;

    /// <inheritdoc/>
    public bool HasRow => true;

    /// <inheritdoc/>
    public bool IsDeleted => false;

    /// <inheritdoc/>
    public long DeletedUtcTicks => 0;

    /// <inheritdoc/>
    public ReadOnlySpan<byte> NextUnreadKey => _iterator.IsValid ? _iterator.Key : default;

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (!_started)
        {
            _started = true;
            _iterator.SeekToStart(_reverse);
        }

        if (!_iterator.IsValid)
        {
            return false;
        }

        ReadOnlySpan<byte> key = _iterator.Key;
        if (_key.Length < key.Length)
        {
            _key = new byte[Math.Max(key.Length, _key.Length * 2)];
        }

        key.CopyTo(_key);
        _keyLength = key.Length;

        // Without values, the header is enough; a value shorter than a header is left whole for the reader of the
        // header to reject as corrupt.
        ReadOnlySpan<byte> value = _iterator.Value;
        ReadOnlySpan<byte> kept = _copyValues || value.Length < ValueEnvelope.HeaderLength ? value : value[..ValueEnvelope.HeaderLength];
        _value.Clear();
        kept.CopyTo(_value.GetSpan(kept.Length));
        _value.Advance(kept.Length);

        if (_reverse)
        {
            _iterator.Previous();
        }
        else
        {
            _iterator.Next();
        }

        return true;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _iterator.Dispose();
        _value.Dispose();
    }
}
