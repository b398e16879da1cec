namespace TypedStore.Etcd.Internal;

/// <summary>etcd's key order: unsigned bytes, shorter first on a common prefix.</summary>
internal sealed class ByteKeyComparer : IComparer<byte[]>
{
    public static readonly ByteKeyComparer Instance = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
