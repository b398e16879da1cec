using TypedStore.Keys;

namespace TypedStore.Queries;

/// <summary>
/// What a query reads: the half-open byte range [<see cref="Lower"/>, <see cref="Upper"/>) of one column family's keys,
/// the direction, and whether soft-deleted rows are included. Every bound a query was given has already been turned
/// into these two ends, so the readers never reason about bounds, prefixes or descending parts.
/// </summary>
/// <remarks>
/// Nothing here is about rows: the same range serves a table's own keys and (issue 12, part 2) an index's keys whose
/// rows are then read by primary key.
/// </remarks>
internal readonly struct QueryRange
{
    public QueryRange(byte[] lower, byte[] upper, bool reverse, bool includeDeleted)
    {
        Lower = lower;
        Upper = upper;
        Reverse = reverse;
        IncludeDeleted = includeDeleted;
    }

    /// <summary>The inclusive start; empty: the first key of the column family.</summary>
    public byte[] Lower { get; }

    /// <summary>The exclusive end; empty: past the last key of the column family.</summary>
    public byte[] Upper { get; }

    /// <summary>Whether the range is read from its end to its start.</summary>
    public bool Reverse { get; }

    /// <summary>Whether soft-deleted rows are read too.</summary>
    public bool IncludeDeleted { get; }

    /// <summary>
    /// Whether no key can lie in the range (its start is at or past its end). Engines refuse reversed iterator bounds,
    /// and an empty range needs no engine call at all.
    /// </summary>
    public bool IsEmpty => Upper.Length > 0 && Lower.AsSpan().SequenceCompareTo(Upper) >= 0;

    /// <summary>Whether <paramref name="key"/> lies in the range.</summary>
    public bool Contains(ReadOnlySpan<byte> key)
        => key.SequenceCompareTo(Lower) >= 0 && (Upper.Length == 0 || key.SequenceCompareTo(Upper) < 0);

    /// <summary>The same range, starting just after <paramref name="key"/> (a forward page's continuation).</summary>
    public QueryRange After(ReadOnlySpan<byte> key)
    {
        // Keys are self-delimiting, so the smallest byte string above every string starting with the key is the first
        // position after the row (and after a soft-delete marker, which is the key plus one byte). A key of only 0xFF
        // bytes has none: nothing can follow it, and [end, end) is empty.
        byte[] lower = new byte[key.Length];
        if (!KeyRange.TryGetPrefixUpperBound(key, lower, out int written))
        {
            byte[] end = Upper.Length > 0 ? Upper : Tables.KeyBounds.BeyondLongestKey;
            return new QueryRange(end, end, Reverse, IncludeDeleted);
        }

        return new QueryRange(lower.AsSpan(0, written).ToArray(), Upper, Reverse, IncludeDeleted);
    }

    /// <summary>The same range, ending just before <paramref name="key"/> (a reverse page's continuation).</summary>
    public QueryRange Before(ReadOnlySpan<byte> key) => new(Lower, key.ToArray(), Reverse, IncludeDeleted);
}
