namespace TypedStore.Storage.Overlay;

/// <summary>
/// The snapshot's iterator merged with a transaction's pending writes, in key order, both directions: a pending put
/// shows its value, a pending delete or range delete hides the snapshot's key. Every snapshot key it stops on is
/// recorded as read.
/// </summary>
/// <remarks>
/// The pending writes are copied when the iterator is created (the bounded part of them), so writes the transaction
/// records while it iterates do not move it. The two sources never hold the same key at a stop: a snapshot key with a
/// pending write is skipped. Changing direction re-seeks at the current key, as RocksDB's own merging iterator does.
/// </remarks>
internal sealed class OverlayIterator : StorageIterator
{
    private readonly StorageIterator _inner;
    private readonly StorageColumnFamily _columnFamily;
    private readonly OverlayKeySet _readKeys;
    private readonly OverlayEntry[] _entries;
    private readonly OverlayRange[] _rangeDeletes;

    private int _entry;            // the pending write candidate
    private bool _forward = true;  // the direction of the last positioning
    private bool _onEntry;         // whether the current stop is a pending write
    private bool _valid;

    public OverlayIterator(StorageIterator inner, StorageColumnFamily columnFamily, OverlayKeySet readKeys, OverlayEntry[] entries, OverlayRange[] rangeDeletes)
    {
        _inner = inner;
        _columnFamily = columnFamily;
        _readKeys = readKeys;
        _entries = entries;
        _rangeDeletes = rangeDeletes;
    }

    public override bool IsValid => _valid;

    public override ReadOnlySpan<byte> Key
    {
        get
        {
            ThrowIfInvalid();
            return _onEntry ? _entries[_entry].Key : _inner.Key;
        }
    }

    public override ReadOnlySpan<byte> Value
    {
        get
        {
            ThrowIfInvalid();
            return _onEntry ? _entries[_entry].Value : _inner.Value;
        }
    }

    public override void SeekToFirst()
    {
        _inner.SeekToFirst();
        _entry = 0;
        SettleForward();
    }

    public override void SeekToLast()
    {
        _inner.SeekToLast();
        _entry = _entries.Length - 1;
        SettleBackward();
    }

    public override void Seek(ReadOnlySpan<byte> key)
    {
        _inner.Seek(key);
        _entry = LowerBound(key);
        SettleForward();
    }

    public override void SeekForPrev(ReadOnlySpan<byte> key)
    {
        _inner.SeekForPrev(key);
        _entry = UpperBound(key) - 1;
        SettleBackward();
    }

    public override void Next()
    {
        ThrowIfInvalid();
        if (!_forward)
        {
            byte[] current = Key.ToArray();
            Seek(current);
            if (_valid && Key.SequenceEqual(current))
            {
                Next();
            }

            return;
        }

        if (_onEntry)
        {
            _entry++;
        }
        else
        {
            _inner.Next();
        }

        SettleForward();
    }

    public override void Previous()
    {
        ThrowIfInvalid();
        if (_forward)
        {
            byte[] current = Key.ToArray();
            SeekForPrev(current);
            if (_valid && Key.SequenceEqual(current))
            {
                Previous();
            }

            return;
        }

        if (_onEntry)
        {
            _entry--;
        }
        else
        {
            _inner.Previous();
        }

        SettleBackward();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }
    }

    // Skips hidden snapshot keys and pending deletes, then stops on the smaller of the two candidates.
    private void SettleForward()
    {
        _forward = true;
        while (_inner.IsValid && IsShadowed(_inner.Key))
        {
            _inner.Next();
        }

        while (_entry < _entries.Length && _entries[_entry].Value is null)
        {
            _entry++;
        }

        bool hasEntry = _entry < _entries.Length;
        if (!_inner.IsValid)
        {
            Stop(onEntry: hasEntry, valid: hasEntry);
            return;
        }

        Stop(onEntry: hasEntry && _entries[_entry].Key.AsSpan().SequenceCompareTo(_inner.Key) < 0, valid: true);
    }

    private void SettleBackward()
    {
        _forward = false;
        while (_inner.IsValid && IsShadowed(_inner.Key))
        {
            _inner.Previous();
        }

        while (_entry >= 0 && _entries[_entry].Value is null)
        {
            _entry--;
        }

        bool hasEntry = _entry >= 0;
        if (!_inner.IsValid)
        {
            Stop(onEntry: hasEntry, valid: hasEntry);
            return;
        }

        Stop(onEntry: hasEntry && _entries[_entry].Key.AsSpan().SequenceCompareTo(_inner.Key) > 0, valid: true);
    }

    private void Stop(bool onEntry, bool valid)
    {
        _onEntry = onEntry;
        _valid = valid;
        if (valid && !onEntry)
        {
            _readKeys.Add(_columnFamily, _inner.Key);
        }
    }

    private bool IsShadowed(ReadOnlySpan<byte> key)
    {
        if (_entries.Length > 0 && Find(key) >= 0)
        {
            return true;
        }

        foreach (OverlayRange range in _rangeDeletes)
        {
            if (range.Covers(key))
            {
                return true;
            }
        }

        return false;
    }

    private int Find(ReadOnlySpan<byte> key) => OverlayEntrySearch.Find(_entries, key);

    // The first entry with a key >= key.
    private int LowerBound(ReadOnlySpan<byte> key) => OverlayEntrySearch.LowerBound(_entries, key);

    // The first entry with a key > key.
    private int UpperBound(ReadOnlySpan<byte> key)
    {
        int index = Find(key);
        return index >= 0 ? index + 1 : ~index;
    }

    private void ThrowIfInvalid()
    {
        if (!_valid)
        {
            throw new InvalidOperationException("The iterator is not positioned on an entry.");
        }
    }
}
