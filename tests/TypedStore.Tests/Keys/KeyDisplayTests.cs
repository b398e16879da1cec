using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

public class KeyDisplayTests
{
    [Theory]
    [InlineData("75 31 00 01", @"u1\x00\x01")]
    [InlineData("", "")]
    [InlineData("20 7E", " ~")]
    [InlineData("1F 7F 80 FF", @"\x1F\x7F\x80\xFF")]
    [InlineData("5C", @"\\")] // a backslash is doubled so "\x00" in the output always means one byte
    [InlineData("22 27", "\"'")]
    public void Render_ShowsPrintableAsciiAndEscapesTheRest(string hex, string expected)
        => Assert.Equal(expected, KeyDisplay.Render(Hex.Parse(hex)));

    [Fact]
    public void Render_OfExactlyMaxLengthCharacters_IsNotCut()
    {
        string rendered = KeyDisplay.Render(Enumerable.Repeat((byte)'a', KeyDisplay.MaxLength).ToArray());
        Assert.Equal(new string('a', KeyDisplay.MaxLength), rendered);
    }

    [Theory]
    [InlineData((byte)'a', "a")]
    [InlineData((byte)0x00, @"\x00")]
    [InlineData((byte)'\\', @"\\")]
    public void Render_OfALongKey_IsCutAtAWholeByteAndSaysHowLongTheKeyIs(byte fill, string oneByte)
    {
        byte[] key = Enumerable.Repeat(fill, 1000).ToArray();
        string rendered = KeyDisplay.Render(key);

        Assert.True(rendered.Length <= KeyDisplay.MaxLength, $"{rendered.Length} characters");
        const string Suffix = "... (1000 bytes)";
        Assert.EndsWith(Suffix, rendered, StringComparison.Ordinal);
        string shown = rendered[..^Suffix.Length];
        Assert.Equal(0, shown.Length % oneByte.Length);
        Assert.Equal(string.Concat(Enumerable.Repeat(oneByte, shown.Length / oneByte.Length)), shown);
        Assert.True(KeyDisplay.MaxLength - rendered.Length < oneByte.Length, "cut more than needed");
    }
}
