using System.Runtime.InteropServices;

namespace TypedStore.Storage.Overlay;

/// <summary>
/// The pending writes of one column family: point writes in key order (a sorted list, binary-searched; a
/// transaction's writes are few enough that an insert's shift costs less than a tree's allocations) and range deletes
/// in record order.
/// </summary>
internal sealed class OverlayColumnFamily
{
    private readonly List<OverlayEntry> _entries = new();
    private readonly List<OverlayRange> _rangeDeletes = new();

    public bool IsEmpty => _entries.Count == 0 && _rangeDeletes.Count == 0;

    public OverlayRange[] RangeDeletes => _rangeDeletes.ToArray();

    public void Clear()
    {
        _entries.Clear();
        _rangeDeletes.Clear();
    }

    public void Set(ReadOnlySpan<byte> key, byte[]? value)
    {
        int index = Find(key);
        if (index >= 0)
        {
            _entries[index] = _entries[index] with { Value = value };
        }
        else
        {
            _entries.Insert(~index, new OverlayEntry(key.ToArray(), value));
        }
    }

    public void DeleteRange(ReadOnlySpan<byte> start, ReadOnlySpan<byte> end)
    {
        int from = LowerBound(start);
        int to = end.IsEmpty ? _entries.Count : LowerBound(end);
        if (to > from)
        {
            _entries.RemoveRange(from, to - from);
        }

        _rangeDeletes.Add(new OverlayRange(start.ToArray(), end.ToArray()));
    }

    public OverlayLookup Lookup(ReadOnlySpan<byte> key, out byte[]? value)
    {
        int index = Find(key);
        if (index >= 0)
        {
            value = _entries[index].Value;
            return OverlayLookup.Written;
        }

        value = null;
        foreach (OverlayRange range in _rangeDeletes)
        {
            if (range.Covers(key))
            {
                return OverlayLookup.RangeDeleted;
            }
        }

        return OverlayLookup.NotWritten;
    }

    /// <summary>The pending point writes (deletes included) with keys in [lower, upper), in key order; empty bounds are open.</summary>
    public OverlayEntry[] EntriesIn(ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper)
    {
        int from = lower.IsEmpty ? 0 : LowerBound(lower);
        int to = upper.IsEmpty ? _entries.Count : LowerBound(upper);
        return to > from ? _entries.GetRange(from, to - from).ToArray() : [];
    }

    private int Find(ReadOnlySpan<byte> key) => OverlayEntrySearch.Find(CollectionsMarshal.AsSpan(_entries), key);

    private int LowerBound(ReadOnlySpan<byte> key) => OverlayEntrySearch.LowerBound(CollectionsMarshal.AsSpan(_entries), key);
}
