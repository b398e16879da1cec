namespace TypedStore.Storage.Overlay;

/// <summary>Binary search over a transaction's pending entries of one column family, which are kept sorted by key.</summary>
internal static class OverlayEntrySearch
{
    /// <summary>The index of <paramref name="key"/> in <paramref name="entries"/>, or the bitwise complement of where it would go.</summary>
    public static int Find(ReadOnlySpan<OverlayEntry> entries, ReadOnlySpan<byte> key)
    {
        int low = 0;
        int high = entries.Length - 1;
        while (low <= high)
        {
            int middle = low + ((high - low) >> 1);
            int order = entries[middle].Key.AsSpan().SequenceCompareTo(key);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    /// <summary>The index of the first entry whose key is at least <paramref name="key"/>.</summary>
    public static int LowerBound(ReadOnlySpan<OverlayEntry> entries, ReadOnlySpan<byte> key)
    {
        int index = Find(entries, key);
        return index >= 0 ? index : ~index;
    }
}
