using System.Text;
using TypedStore.Text;

namespace TypedStore.Tests.Text;

/// <summary>
/// <see cref="ShortAscii.TryNarrow"/> against a plain per-character reference, for every length around the
/// 8- and 16-character block sizes and every position of a refused character, so each block shape (scalar,
/// two overlapping halves, full blocks, the overlapping last block) sees a refusal at its start, middle and end.
/// </summary>
public class ShortAsciiTests
{
    private const int MaxLength = 50;

    public static TheoryData<int> Lengths()
    {
        var lengths = new TheoryData<int>();
        for (int length = 0; length <= MaxLength; length++)
        {
            lengths.Add(length);
        }

        return lengths;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void AcceptedStrings_AreNarrowedExactly(int length)
    {
        // Every accepted character somewhere: cycle through U+0001..U+007F (and U+0000 where it is accepted).
        string withoutZero = new(Enumerable.Range(0, length).Select(i => (char)(1 + ((i * 37) % 127))).ToArray());
        string withZero = new(Enumerable.Range(0, length).Select(i => (char)((i * 53) % 128)).ToArray());

        AssertNarrows(withoutZero, lowest: '\u0001');
        AssertNarrows(withoutZero, lowest: '\0');
        AssertNarrows(withZero, lowest: '\0');
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void A_RefusedCharacter_AtAnyPosition_IsRefused(int length)
    {
        char[] refusedForKeys = ['\0', '\u0080', '\u00FF', '\u0100', '\u07FF', '\uD800', '\uDC00', '\uFFFF'];
        for (int position = 0; position < length; position++)
        {
            foreach (char bad in refusedForKeys)
            {
                char[] chars = Enumerable.Repeat('a', length).ToArray();
                chars[position] = bad;
                string value = new(chars);

                Assert.False(ShortAscii.TryNarrow(value, new byte[length], lowest: '\u0001'), $"length {length}, U+{(int)bad:X4} at {position}");
                Assert.Equal(bad == '\0', ShortAscii.TryNarrow(value, new byte[length], lowest: '\0'));
            }
        }
    }

    [Fact]
    public void A_DestinationShorterThanTheString_IsRefused()
    {
        Assert.False(ShortAscii.TryNarrow("abcdefghijklmnopq", new byte[16], lowest: '\0'));
        Assert.True(ShortAscii.TryNarrow(string.Empty, Span<byte>.Empty, lowest: '\0'));
    }

    [Fact]
    public void BytesBeyondTheString_AreLeftAlone()
    {
        byte[] destination = Enumerable.Repeat((byte)0xEE, 40).ToArray();

        Assert.True(ShortAscii.TryNarrow("0123456789abcdefghijklm", destination, lowest: '\0'));

        Assert.Equal(Encoding.ASCII.GetBytes("0123456789abcdefghijklm"), destination[..23]);
        Assert.All(destination[23..], b => Assert.Equal(0xEE, b));
    }

    private static void AssertNarrows(string value, char lowest)
    {
        byte[] destination = Enumerable.Repeat((byte)0xEE, value.Length).ToArray();

        Assert.True(ShortAscii.TryNarrow(value, destination, lowest), $"\"{value}\" refused");
        Assert.Equal(Encoding.ASCII.GetBytes(value), destination);
    }
}
