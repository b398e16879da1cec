using TypedStore.Keys;

namespace TypedStore.Tables;

/// <summary>
/// The iterate bounds of a prefix: [prefix, upper) where upper is the smallest key greater than every key
/// starting with the prefix. Arrays, because a lazy scan outlives the caller's stack buffer.
/// An empty array means unbounded on that side.
/// </summary>
internal readonly struct KeyBounds
{
    private KeyBounds(byte[] lower, byte[] upper)
    {
        Lower = lower;
        Upper = upper;
    }

    public byte[] Lower { get; }

    public byte[] Upper { get; }

    /// <summary>
    /// An exclusive end above every key that starts with a prefix of only 0xFF bytes (the prefixes <see cref="ForPrefix"/>
    /// gives no upper bound): 0xFF bytes, one more than <see cref="KeyLimits.MaxKeyLength"/>. Every key at or after such
    /// a prefix starts with it, and none is longer than that limit, so each one compares below this end.
    /// </summary>
    public static byte[] BeyondLongestKey { get; } = CreateBeyondLongestKey();

    /// <summary>The range [<paramref name="lower"/>, <paramref name="upper"/>) as it is (a query's range).</summary>
    public static KeyBounds Of(byte[] lower, byte[] upper) => new(lower, upper);

    public static KeyBounds ForPrefix(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty)
        {
            return new KeyBounds([], []);
        }

        byte[] upper = new byte[prefix.Length];
        return KeyRange.TryGetPrefixUpperBound(prefix, upper, out int written)
            ? new KeyBounds(prefix.ToArray(), upper.AsSpan(0, written).ToArray())
            : new KeyBounds(prefix.ToArray(), []);
    }

    private static byte[] CreateBeyondLongestKey()
    {
        byte[] end = new byte[KeyLimits.MaxKeyLength + 1];
        end.AsSpan().Fill(0xFF);
        return end;
    }
}
