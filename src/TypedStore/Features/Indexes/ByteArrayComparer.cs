namespace TypedStore.Features.Indexes;

/// <summary>Compares byte arrays by content (entry and row keys as dictionary keys).</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    public int GetHashCode(byte[] obj)
    {
        HashCode hash = default;
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }

    /// <summary>Byte order, which is the order of encoded keys.</summary>
    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
