using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <summary>
/// The async form of a forward row cursor (<c>RowReader.OpenCursor</c>): walks a key range of a table's column family
/// a page at a time through <see cref="PagedEntries"/> (the engine's <see cref="StorageEngine.ReadPageAsync"/>) and
/// yields each row, merged with its deletion marker on a <c>SoftDelete</c> table, or a marker whose row is gone (an
/// orphan), exactly as <see cref="SoftDeleteCursor"/> and the plain cursor do over an iterator. What the async bulk
/// writes read first: a range delete's rows (a change feed records each), <c>PurgeDeletedAsync</c>'s markers.
/// </summary>
/// <remarks>
/// A row is the last entry of its page when its marker may be the first of the next: the walk then reads that page
/// before it hands the row out (the page continues right after the row's key, where the marker is). The current key is
/// copied into a buffer the walk owns, since the page is reused. One walk, one pass; not thread-safe. Disposing returns
/// the page's pooled buffers.
/// </remarks>
internal sealed class RangeRowWalk : IDisposable
{
    private readonly string _table;
    private readonly PagedEntries _entries;
    private readonly bool _markers;
    private byte[] _key = new byte[128];
    private int _keyLength;

    // The next entry of the page read last to consume; past the page's end when the next page is due.
    private int _index;
    private bool _ended;

    /// <param name="table">The table's name, for a corrupt marker's error.</param>
    /// <param name="engine">The engine to read.</param>
    /// <param name="columnFamily">The table's column family.</param>
    /// <param name="lower">The inclusive start (empty: the first key).</param>
    /// <param name="upper">The exclusive end (empty: past the last key).</param>
    /// <param name="markers">Whether the column family holds deletion markers beside the rows (a <c>SoftDelete</c> table).</param>
    /// <param name="snapshot">The snapshot every page is read at; <see langword="null"/>: each page sees its own moment.</param>
    /// <param name="pageEntries">How many entries the first page asks for (pages double up to <see cref="PagedEntries.MaxPageEntries"/>).</param>
    public RangeRowWalk(string table, StorageEngine engine, StorageColumnFamily columnFamily, byte[] lower, byte[] upper, bool markers, StorageSnapshot? snapshot, int pageEntries)
    {
        _table = table;
        _markers = markers;
        _entries = new PagedEntries(engine, columnFamily, lower, upper, reverse: false, snapshot, pageEntries);
        _index = int.MaxValue;
    }

    /// <summary>The row's key (for an orphan marker, the key of the row it marked).</summary>
    public ReadOnlySpan<byte> Key => _key.AsSpan(0, _keyLength);

    /// <summary>Whether the step found a row; <see langword="false"/> for an orphan marker.</summary>
    public bool HasRow { get; private set; }

    /// <summary>Whether the row is marked deleted (always <see langword="true"/> for an orphan marker).</summary>
    public bool IsDeleted { get; private set; }

    /// <summary>When the marker was written, in UTC ticks; meaningful when <see cref="IsDeleted"/>.</summary>
    public long DeletedUtcTicks { get; private set; }

    /// <summary>
    /// Where a later walk resumes to see nothing this one consumed: the first key past the current row and everything
    /// kept beside it (its marker). <see langword="null"/> when no key can follow it.
    /// </summary>
    public byte[]? ResumeKey()
    {
        byte[] next = new byte[_keyLength];
        return KeyRange.TryGetPrefixUpperBound(Key, next, out int written) ? next.AsSpan(0, written).ToArray() : null;
    }

    /// <summary>Moves to the next row or orphan marker; <see langword="false"/> at the end of the range.</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return false;
        }

        StoragePage page = _entries.Page;
        if (_index >= page.Count)
        {
            if (!await _entries.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                _ended = true;
                return false;
            }

            _index = 0;
        }

        ReadOnlySpan<byte> value = page.GetValue(_index);
        if (_markers && DeletionMarker.IsMarkerValue(value))
        {
            // A marker that follows its row is consumed with the row below, so this one has no row.
            ReadOnlySpan<byte> markerKey = page.GetKey(_index);
            DeletedUtcTicks = ReadMarkerTicks(markerKey, value);
            CopyKey(markerKey[..^1]);
            HasRow = false;
            IsDeleted = true;
            _index++;
            return true;
        }

        CopyKey(page.GetKey(_index));
        HasRow = true;
        IsDeleted = false;
        _index++;
        if (!_markers)
        {
            return true;
        }

        if (_index >= page.Count && page.HasMore)
        {
            // The row ends the page: its marker, if any, starts the next one (which continues right after the row's key).
            _index = await _entries.ReadNextAsync(cancellationToken).ConfigureAwait(false) ? 0 : int.MaxValue;
        }

        if (_index < page.Count && DeletionMarker.IsMarkerValue(page.GetValue(_index)) && DeletionMarker.IsMarkerOf(page.GetKey(_index), Key))
        {
            IsDeleted = true;
            DeletedUtcTicks = ReadMarkerTicks(page.GetKey(_index), page.GetValue(_index));
            _index++;
        }

        return true;
    }

    public void Dispose() => _entries.Dispose();

    private void CopyKey(ReadOnlySpan<byte> key)
    {
        if (_key.Length < key.Length)
        {
            _key = new byte[Math.Max(key.Length, _key.Length * 2)];
        }

        key.CopyTo(_key);
        _keyLength = key.Length;
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
}
