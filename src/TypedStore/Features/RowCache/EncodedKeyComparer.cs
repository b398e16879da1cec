namespace TypedStore.Features.RowCache;

/// <summary>
/// Compares encoded row keys by their bytes: the cache is keyed by exactly what the engine is keyed by, so two key
/// structs that encode to the same bytes (a <see cref="DateTime"/> part given as Local and as UTC for one instant) are
/// one entry, and the write path invalidates with the bytes it writes, without decoding them. The span side lets a
/// read look its key up from a stack buffer (no array per Get); an array is made only when a row is inserted.
/// </summary>
/// <remarks>
/// The hash is <see cref="HashCode"/>'s, seeded per process, so keys chosen to collide cannot degrade the dictionary.
/// </remarks>
internal sealed class EncodedKeyComparer : IRowCacheKeyComparer<byte[]>
{
    public static readonly EncodedKeyComparer Instance = new();

    private EncodedKeyComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

    /// <summary>The hash of an encoded key (also what picks its stripe in <see cref="RowCache{TRow, TCacheKey}"/>).</summary>
    public static int Hash(ReadOnlySpan<byte> key)
    {
        HashCode hash = default;
        hash.AddBytes(key);
        return hash.ToHashCode();
    }
}
