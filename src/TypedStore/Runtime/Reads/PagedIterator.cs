using TypedStore.Storage;
using TypedStore.Storage.Overlay;

namespace TypedStore.Runtime.Reads;

/// <summary>
/// A <see cref="StorageIterator"/> over pages read with <see cref="StorageEngine.ReadPageAsync"/>, so the synchronous
/// row cursors (<see cref="RowReader.OpenCursor"/>: a soft-delete table's row and marker merged, or rows alone) run
/// unchanged on an async engine: before each cursor step the caller awaits <see cref="LoadAheadAsync"/> for the entries
/// that step may look at (a row and the marker beside it: two), and the step then moves over loaded entries only.
/// </summary>
/// <remarks>
/// <para>The iterator walks in one direction, fixed at construction: forward it answers <see cref="SeekToFirst"/> and
/// <see cref="Next"/>, in reverse <see cref="SeekToLast"/> and <see cref="Previous"/>; seeking to a key is not
/// supported (a walk over pages never jumps). Moving past the loaded entries while the range holds more is a bug of the
/// caller, reported by <see cref="IsValid"/> with <see cref="InvalidOperationException"/> rather than taken for the
/// end of the range.</para>
/// <para>Two pages are held: the one the position is on and the one after it, so a step that looks one entry past
/// the end of a page finds it loaded. Pages grow from the first page's size up to <see cref="MaxPageEntries"/>; each
/// continues from the last key of the page before (forward: that key followed by 0x00, the next possible key; in
/// reverse: below that key), as <c>PagedEntries</c> does. Read through one snapshot for one consistent walk.</para>
/// </remarks>
internal sealed class PagedIterator : StorageIterator
{
    /// <summary>The most entries one page asks for.</summary>
    public const int MaxPageEntries = Tables.PagedEntries.MaxPageEntries;

    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _columnFamily;
    private readonly ReadOnlyMemory<byte> _lower;
    private readonly ReadOnlyMemory<byte> _upper;
    private readonly bool _reverse;
    private readonly StorageSnapshot? _snapshot;
    private StoragePage _current = new();
    private StoragePage _ahead = new();
    private bool _aheadLoaded;
    private bool _anyLoaded;
    private bool _exhausted;
    private int _index;
    private int _pageEntries;
    private byte[] _resume = [];
    private bool _started;
    private bool _disposed;

    /// <param name="engine">The engine read.</param>
    /// <param name="columnFamily">The column family walked.</param>
    /// <param name="lower">The inclusive lower bound (empty: open); must stay unchanged while the iterator lives.</param>
    /// <param name="upper">The exclusive upper bound (empty: open); must stay unchanged while the iterator lives.</param>
    /// <param name="reverse">Whether the walk runs from the last key to the first.</param>
    /// <param name="snapshot">The view read, or <see langword="null"/> for the latest state of each page's moment.</param>
    /// <param name="firstPageEntries">How many entries the first page asks for (at least two, so a row and its marker fit).</param>
    public PagedIterator(StorageEngine engine, StorageColumnFamily columnFamily, ReadOnlyMemory<byte> lower, ReadOnlyMemory<byte> upper, bool reverse, StorageSnapshot? snapshot, int firstPageEntries)
    {
        _engine = engine;
        _columnFamily = columnFamily;
        _lower = lower;
        _upper = upper;
        _reverse = reverse;
        _snapshot = snapshot;
        _pageEntries = Math.Clamp(firstPageEntries, 2, MaxPageEntries);
    }

    /// <inheritdoc/>
    public override bool IsValid
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_index < _current.Count)
            {
                return true;
            }

            if (!_exhausted)
            {
                throw new InvalidOperationException("The paged iterator was moved past the entries it loaded; await LoadAheadAsync before each step.");
            }

            return false;
        }
    }

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Key => _current.GetKey(Position());

    /// <inheritdoc/>
    public override ReadOnlySpan<byte> Value => _current.GetValue(Position());

    /// <summary>
    /// Makes sure at least <paramref name="entries"/> entries (at most two) from the position on are loaded, or every
    /// entry left in the range; completes synchronously when they already are or the engine answers at once.
    /// </summary>
    public ValueTask LoadAheadAsync(int entries, CancellationToken cancellationToken)
    {
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (Loaded() < entries && !_exhausted)
            {
                ValueTask read = ReadNextPage(cancellationToken);
                if (!read.IsCompletedSuccessfully)
                {
                    return LoadAfter(read, entries, cancellationToken);
                }

                read.GetAwaiter().GetResult();
                PageRead();
            }

            return default;
        }
        catch (Exception error)
        {
            return ValueTask.FromException(error);
        }
    }

    /// <inheritdoc/>
    public override void SeekToFirst()
    {
        ThrowIfMovedAgainst(reverse: false);
        ThrowIfStarted();
    }

    /// <inheritdoc/>
    public override void SeekToLast()
    {
        ThrowIfMovedAgainst(reverse: true);
        ThrowIfStarted();
    }

    /// <inheritdoc/>
    public override void Seek(ReadOnlySpan<byte> key) => throw new NotSupportedException("A paged iterator walks its range in order; it does not seek.");

    /// <inheritdoc/>
    public override void SeekForPrev(ReadOnlySpan<byte> key) => throw new NotSupportedException("A paged iterator walks its range in order; it does not seek.");

    /// <inheritdoc/>
    public override void Next()
    {
        ThrowIfMovedAgainst(reverse: false);
        Step();
    }

    /// <inheritdoc/>
    public override void Previous()
    {
        ThrowIfMovedAgainst(reverse: true);
        Step();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _current.Dispose();
        _ahead.Dispose();
    }

    // Entries loaded from the position on.
    private int Loaded() => Math.Max(_current.Count - _index, 0) + (_aheadLoaded ? _ahead.Count : 0);

    private async ValueTask LoadAfter(ValueTask read, int entries, CancellationToken cancellationToken)
    {
        await read.ConfigureAwait(false);
        PageRead();
        while (Loaded() < entries && !_exhausted)
        {
            await ReadNextPage(cancellationToken).ConfigureAwait(false);
            PageRead();
        }
    }

    // Reads the next page of the range: into the current page when the position is past it (nothing there is needed
    // any more), else into the page ahead. The page continues from the last key of the page read before it.
    private ValueTask ReadNextPage(CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> lower = _lower;
        ReadOnlyMemory<byte> upper = _upper;
        if (_anyLoaded)
        {
            StoragePage latest = _aheadLoaded ? _ahead : _current;
            ReadOnlySpan<byte> last = latest.LastKey;
            int length = _reverse ? last.Length : last.Length + 1;
            if (_resume.Length < length)
            {
                _resume = new byte[Math.Max(length, 64)];
            }

            last.CopyTo(_resume);
            if (_reverse)
            {
                upper = _resume.AsMemory(0, length);
            }
            else
            {
                _resume[last.Length] = 0;
                lower = _resume.AsMemory(0, length);
            }
        }

        if (_aheadLoaded)
        {
            // Two loaded pages always hold the two entries a step looks at (pages ask for at least two).
            throw new InvalidOperationException("The paged iterator already holds a page ahead.");
        }

        if (_index >= _current.Count)
        {
            _index = 0;
        }
        else
        {
            _aheadLoaded = true;
        }

        StoragePage target = _aheadLoaded ? _ahead : _current;
        int entries = _pageEntries;
        _pageEntries = Math.Min(entries * 2, MaxPageEntries);
        return OverlaySnapshot.ReadPageThroughAsync(_engine, _columnFamily, lower, upper, _reverse, entries, target, _snapshot, cancellationToken);
    }

    private void PageRead()
    {
        StoragePage latest = _aheadLoaded ? _ahead : _current;
        _anyLoaded = true;
        _exhausted = !latest.HasMore || latest.Count == 0;
        if (_aheadLoaded && _ahead.Count == 0)
        {
            _aheadLoaded = false;
        }
    }

    private void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_index >= _current.Count)
        {
            throw new InvalidOperationException("The paged iterator is not positioned on an entry.");
        }

        _index++;
        if (_index >= _current.Count && _aheadLoaded)
        {
            (_current, _ahead) = (_ahead, _current);
            _aheadLoaded = false;
            _index = 0;
        }
    }

    private int Position()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_index >= _current.Count)
        {
            throw new InvalidOperationException("The paged iterator is not positioned on an entry.");
        }

        return _index;
    }

    private void ThrowIfMovedAgainst(bool reverse)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (reverse != _reverse)
        {
            throw new NotSupportedException($"A paged iterator opened {(_reverse ? "in reverse" : "forward")} moves only that way.");
        }
    }

    private void ThrowIfStarted()
    {
        if (_started)
        {
            throw new InvalidOperationException("A paged iterator starts once, at the first entry of its walk.");
        }

        _started = true;
    }
}
