using Etcdserverpb;
using Mvccpb;
using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// An iterator on etcd: pages of <see cref="EtcdEngineOptions.PageSize"/> entries read at one revision (its snapshot's,
/// or the cluster's revision when it was created, held against compaction until it is disposed).
/// </summary>
/// <remarks>
/// The entries on hand are a window of the range, in ascending order, that covers [<c>_coverLow</c>, <c>_coverHigh</c>)
/// completely: every key of the range in that interval is in the window. Moves inside the window cost nothing; a move
/// past either side reads the next page in that direction (descending pages are sorted by the server). Creating the
/// iterator reads the first forward page, which pins the revision and is what most scans read first anyway.
/// </remarks>
internal sealed class EtcdIterator : StorageIterator
{
    private readonly EtcdStorageEngine _engine;
    private readonly EtcdColumnFamily _family;
    private readonly byte[] _lower;
    private readonly byte[] _upper;
    private readonly long _revision;
    private readonly bool _holdsRevision;
    private KeyValue[] _window = [];
    private byte[] _coverLow;
    private byte[] _coverHigh;
    private int _position = -1;
    private bool _disposed;

    public EtcdIterator(EtcdStorageEngine engine, EtcdColumnFamily family, byte[] lower, byte[] upper, long revision)
    {
        _engine = engine;
        _family = family;
        _lower = lower;
        _upper = upper;
        _coverLow = lower;
        _coverHigh = lower;
        RangeResponse first;
        engine.Live.BeginPending();
        try
        {
            first = EtcdStorageEngine.Wait(engine.ReadRangeAsync(family, lower, upper, descending: false, engine.Options.PageSize, revision, CancellationToken.None));
            if (revision == 0)
            {
                revision = first.Header.Revision;
                engine.Live.Hold(revision);
                _holdsRevision = true;
            }
        }
        finally
        {
            engine.Live.EndPending();
        }

        _revision = revision;
        Accept(first, lower, descending: false, end: upper);
    }

    public override bool IsValid
    {
        get
        {
            ThrowIfDisposed();
            return _position >= 0;
        }
    }

    public override ReadOnlySpan<byte> Key => Current.Key.Span[_family.Prefix.Length..];

    public override ReadOnlySpan<byte> Value => Current.Value.Span;

    private KeyValue Current
    {
        get
        {
            ThrowIfDisposed();
            if (_position < 0)
            {
                throw new InvalidOperationException("The iterator is not positioned on an entry.");
            }

            return _window[_position];
        }
    }

    public override void SeekToFirst() => SeekFull(_lower);

    public override void SeekToLast()
    {
        ThrowIfDisposed();

        // The window already reaches the range's end: its last entry is the last one (or the range is empty).
        if (_coverHigh.AsSpan().SequenceCompareTo(_upper) >= 0 && (_window.Length > 0 || _coverLow.AsSpan().SequenceCompareTo(_lower) <= 0))
        {
            _position = _window.Length - 1;
            return;
        }

        ReadBackward(_upper);
        _position = _window.Length - 1;
    }

    public override void Seek(ReadOnlySpan<byte> key) => SeekFull(Clamp(_family.FullKey(key)));

    public override void SeekForPrev(ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        byte[] target = _family.FullKey(key);
        if (target.AsSpan().SequenceCompareTo(_lower) < 0)
        {
            _position = -1;
            return;
        }

        // The last entry at or before target = the last one before target + 00 (exclusive), within the range.
        byte[] end = [.. target, 0x00];
        if (end.AsSpan().SequenceCompareTo(_upper) > 0)
        {
            end = _upper;
        }

        if (Covers(end, inclusiveHigh: true))
        {
            int index = LastBefore(end);
            if (index >= 0 || _coverLow.AsSpan().SequenceCompareTo(_lower) <= 0)
            {
                _position = index;
                return;
            }
        }

        ReadBackward(end);
        _position = _window.Length - 1;
    }

    public override void Next()
    {
        _ = Current;
        if (_position + 1 < _window.Length)
        {
            _position++;
            return;
        }

        if (_coverHigh.AsSpan().SequenceCompareTo(_upper) >= 0)
        {
            _position = -1;
            return;
        }

        ReadForward(_coverHigh);
        _position = _window.Length > 0 ? 0 : -1;
    }

    public override void Previous()
    {
        KeyValue current = Current;
        if (_position > 0)
        {
            _position--;
            return;
        }

        if (_coverLow.AsSpan().SequenceCompareTo(_lower) <= 0)
        {
            _position = -1;
            return;
        }

        ReadBackward(current.Key.ToByteArray());
        _position = _window.Length - 1;
    }

    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _window = [];
        if (_holdsRevision)
        {
            _engine.Live.Release(_revision);
        }
    }

    private void SeekFull(byte[] target)
    {
        ThrowIfDisposed();
        if (target.AsSpan().SequenceCompareTo(_upper) >= 0)
        {
            _position = -1;
            return;
        }

        if (Covers(target, inclusiveHigh: false))
        {
            int index = FirstAtOrAfter(target);
            if (index >= 0 || _coverHigh.AsSpan().SequenceCompareTo(_upper) >= 0)
            {
                _position = index;
                return;
            }
        }

        ReadForward(target);
        _position = _window.Length > 0 ? 0 : -1;
    }

    private byte[] Clamp(byte[] target) => target.AsSpan().SequenceCompareTo(_lower) < 0 ? _lower : target;

    // Whether [_coverLow, _coverHigh) contains the key (or, for an exclusive end, whether the window reaches it).
    private bool Covers(byte[] key, bool inclusiveHigh)
    {
        int low = key.AsSpan().SequenceCompareTo(_coverLow);
        int high = key.AsSpan().SequenceCompareTo(_coverHigh);
        return low >= 0 && (inclusiveHigh ? high <= 0 : high < 0);
    }

    private int FirstAtOrAfter(byte[] key)
    {
        for (int i = 0; i < _window.Length; i++)
        {
            if (_window[i].Key.Span.SequenceCompareTo(key) >= 0)
            {
                return i;
            }
        }

        return -1;
    }

    private int LastBefore(byte[] end)
    {
        for (int i = _window.Length - 1; i >= 0; i--)
        {
            if (_window[i].Key.Span.SequenceCompareTo(end) < 0)
            {
                return i;
            }
        }

        return -1;
    }

    private void ReadForward(byte[] start)
    {
        RangeResponse page = EtcdStorageEngine.Wait(_engine.ReadRangeAsync(_family, start, _upper, descending: false, _engine.Options.PageSize, _revision, CancellationToken.None));
        Accept(page, start, descending: false, end: _upper);
    }

    private void ReadBackward(byte[] end)
    {
        RangeResponse page = EtcdStorageEngine.Wait(_engine.ReadRangeAsync(_family, _lower, end, descending: true, _engine.Options.PageSize, _revision, CancellationToken.None));
        Accept(page, _lower, descending: true, end: end);
    }

    private void Accept(RangeResponse page, byte[] start, bool descending, byte[] end)
    {
        var entries = new KeyValue[page.Kvs.Count];
        page.Kvs.CopyTo(entries, 0);
        if (descending)
        {
            Array.Reverse(entries);
            _coverHigh = end;
            _coverLow = page.More && entries.Length > 0 ? entries[0].Key.ToByteArray() : _lower;
        }
        else
        {
            _coverLow = start;
            _coverHigh = page.More && entries.Length > 0 ? [.. entries[^1].Key.Span, 0x00] : _upper;
        }

        _window = entries;
    }

    private void ThrowIfDisposed()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _engine.ThrowIfDisposed();
    }
}
