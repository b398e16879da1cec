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
}
