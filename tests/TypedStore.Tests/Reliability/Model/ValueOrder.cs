using System.Text;

namespace TypedStore.Tests.Reliability.Model;

/// <summary>
/// The order rows must come back in, from the key values themselves (design §4), not from the key codec:
/// strings compare by their UTF-8 bytes, byte arrays as unsigned bytes, a proper prefix first; numbers numerically;
/// composite keys part by part.
/// </summary>
internal static class ValueOrder
{
    public static IComparer<string> Utf8 { get; } = Comparer<string>.Create(static (x, y) => Encoding.UTF8.GetBytes(x!).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y!)));

    public static IComparer<byte[]> Bytes { get; } = Comparer<byte[]>.Create(static (x, y) => x.AsSpan().SequenceCompareTo(y));

    public static IComparer<(string, long)> StringThenInt64 { get; } = Comparer<(string, long)>.Create(static (x, y) =>
    {
        int first = Utf8.Compare(x.Item1, y.Item1);
        return first != 0 ? first : x.Item2.CompareTo(y.Item2);
    });

    public static IComparer<(string, int)> StringThenInt32 { get; } = Comparer<(string, int)>.Create(static (x, y) =>
    {
        int first = Utf8.Compare(x.Item1, y.Item1);
        return first != 0 ? first : x.Item2.CompareTo(y.Item2);
    });

    /// <summary>Guids compare as their 16 bytes in RFC 9562 (big-endian) order, which is not <see cref="Guid.CompareTo(Guid)"/>'s.</summary>
    public static IComparer<(Guid, int)> GuidThenInt32 { get; } = Comparer<(Guid, int)>.Create(static (x, y) =>
    {
        int first = x.Item1.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(y.Item1.ToByteArray(bigEndian: true));
        return first != 0 ? first : x.Item2.CompareTo(y.Item2);
    });

    public static IComparer<(byte[], int)> BytesThenInt32 { get; } = Comparer<(byte[], int)>.Create(static (x, y) =>
    {
        int first = Bytes.Compare(x.Item1, y.Item1);
        return first != 0 ? first : x.Item2.CompareTo(y.Item2);
    });
}
