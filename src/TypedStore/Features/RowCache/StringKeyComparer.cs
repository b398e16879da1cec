using System.Buffers;
using TypedStore.Keys;

namespace TypedStore.Features.RowCache;

/// <summary>
/// Compares the keys of a row cache whose table is keyed by one ascending string (the generated codec says so:
/// <c>KeyIsOneString</c>): a read looks its row up by the string it was given, with no encoding, and an equal reference
/// is equal at once; a write's invalidation hands the encoded key, which is decoded onto the stack and compared by chars.
/// </summary>
/// <remarks>
/// One string is one encoded key and back (the encoding refuses unpaired surrogates; docs/key-encoding.md), so keying by
/// the string and invalidating by the bytes reach the same entry. Both sides hash with <see cref="string.GetHashCode()"/>
/// (Marvin, seeded per process), so keys chosen to collide cannot degrade the dictionary.
/// </remarks>
internal sealed class StringKeyComparer : IRowCacheKeyComparer<string>
{
    public static readonly StringKeyComparer Instance = new();

    // Keys up to this many bytes decode onto the stack; longer ones (rare: ids are short) into a pooled array.
    private const int StackChars = 256;

    private StringKeyComparer()
    {
    }

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj) => obj.GetHashCode();

    public bool Equals(ReadOnlySpan<byte> alternate, string other)
    {
        char[]? rented = null;
        Span<char> chars = alternate.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(alternate.Length));
        try
        {
            return chars[..Decode(alternate, chars)].SequenceEqual(other);
        }
        finally
        {
            Return(rented);
        }
    }

    public int GetHashCode(ReadOnlySpan<byte> alternate)
    {
        char[]? rented = null;
        Span<char> chars = alternate.Length <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(alternate.Length));
        try
        {
            return string.GetHashCode(chars[..Decode(alternate, chars)]);
        }
        finally
        {
            Return(rented);
        }
    }

    public string Create(ReadOnlySpan<byte> alternate)
    {
        var reader = new KeyReader(alternate);
        return reader.ReadString();
    }

    // An encoded key of n bytes decodes to at most n chars.
    private static int Decode(ReadOnlySpan<byte> encoded, Span<char> destination)
    {
        var reader = new KeyReader(encoded);
        int length = reader.ReadString(destination);
        return reader.IsAtEnd ? length : throw new KeyFormatException("A string-keyed row cache was given a key of more than one part.");
    }

    private static void Return(char[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}
