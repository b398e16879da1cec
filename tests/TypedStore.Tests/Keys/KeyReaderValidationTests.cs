using System.Text;
using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// Damaged keys: each kind of damage is a <see cref="KeyFormatException"/> (a FormatException)
/// that says where, and a failed read leaves the reader where the bad part starts.
/// </summary>
public class KeyReaderValidationTests
{
    private delegate void ReaderAction(ref KeyReader reader);

    [Theory]
    [InlineData("", 8)] // ReadInt32 on nothing
    [InlineData("80 00 00", 8)]
    [InlineData("80 00 00 00 00 00 00", 10)] // 7 bytes for an Int64
    [InlineData("01 7F 22 E2 79 B0 7C C3 98 C4 DC 0C 0C 07 39", 18)] // 15 bytes for a Guid
    [InlineData("", 3)]
    public void TruncatedFixedWidthPart_Throws(string hex, int operation)
    {
        KeyFormatException e = ReadFails(hex, operation, descending: false);
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("61 62", false)] // no terminator at all
    [InlineData("61 00", false)] // a 00 with nothing after it
    [InlineData("61 FF", false)]
    [InlineData("9E 9D", true)]
    [InlineData("9E FF", true)]
    public void UnterminatedPart_Throws(string hex, bool descending)
    {
        foreach (int operation in new[] { 0, 1, 2 })
        {
            KeyFormatException e = ReadFails(hex, operation, descending);
            Assert.Contains("no terminator", e.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("61 00 02 00 01", false)] // 00 followed by neither 01 nor FF
    [InlineData("61 00 00 00 01", false)]
    [InlineData("61 FF 01 00 01", false)] // FF followed by something other than 00
    [InlineData("61 FF FF 00 01", false)]
    [InlineData("9E FF FD FF FE", true)] // inverted: 00 02
    [InlineData("9E 00 FE FF FE", true)] // inverted: FF 01
    [InlineData("61 00 01", true)] // an ascending part read as descending: un-inverted it is 9E FF FE, and FF FE is no escape
    public void BadEscape_Throws(string hex, bool descending)
    {
        foreach (int operation in new[] { 0, 1, 2 })
        {
            ReadFails(hex, operation, descending);
        }
    }

    [Theory]
    [InlineData("C3 28 00 01")] // a lead byte followed by a non-continuation byte
    [InlineData("FF 00 00 01")] // 0xFF, escaped correctly, is never UTF-8
    [InlineData("ED A0 80 00 01")] // UTF-8 form of the surrogate U+D800
    [InlineData("C0 AF 00 01")] // overlong '/'
    [InlineData("F0 9F 98 00 01")] // a 4-byte sequence cut short
    public void InvalidUtf8_ThrowsForStringsButIsFineAsBytes(string hex)
    {
        KeyFormatException e = ReadFails(hex, 0, descending: false);
        Assert.IsType<DecoderFallbackException>(e.InnerException);
        Assert.Contains("UTF-8", e.Message, StringComparison.Ordinal);

        var reader = new KeyReader(Hex.Parse(hex));
        _ = reader.ReadBytes();
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void InvalidUtf8_InADescendingOrLongString_Throws()
    {
        byte[] descending = Array.ConvertAll(Hex.Parse("C3 28 00 01"), b => (byte)~b);
        ReadFails(Hex.Format(descending), 0, descending: true);

        byte[] longAscending = [.. Enumerable.Repeat((byte)0x61, 400), 0xC3, 0x28, 0x00, 0x01];
        ReadFails(Hex.Format(longAscending), 0, descending: false);
    }

    [Theory]
    [InlineData("02", false)]
    [InlineData("FF", false)]
    [InlineData("FD", true)] // inverted 02
    public void BooleanOtherThan0Or1_Throws(string hex, bool descending) => ReadFails(hex, 3, descending);

    [Theory]
    [InlineData("7F FF FF FF FF FF FF FF")] // -0.0: the writer stores 0.0
    [InlineData("FF F8 00 00 00 00 00 01")] // a NaN other than the canonical one
    [InlineData("FF FF FF FF FF FF FF FF")]
    [InlineData("00 00 00 00 00 00 00 00")] // a negative NaN
    [InlineData("00 07 FF FF FF FF FF FF")] // negative quiet NaN
    public void NonCanonicalDouble_Throws(string hex) => ReadFails(hex, 13, descending: false);

    [Theory]
    [InlineData("7F FF FF FF")]
    [InlineData("FF C0 00 01")]
    [InlineData("00 00 00 00")]
    public void NonCanonicalSingle_Throws(string hex) => ReadFails(hex, 12, descending: false);

    [Theory]
    [InlineData("AB CA 28 75 F4 37 40 00", 14)] // DateTime.MaxValue.Ticks + 1
    [InlineData("7F FF FF FF FF FF FF FF", 14)] // ticks -1
    [InlineData("AB CA 28 75 F4 37 40 00", 15)]
    [InlineData("7F FF FF FF FF FF FF FF", 15)]
    [InlineData("80 37 B9 DB", 16)] // DateOnly.MaxValue.DayNumber (3652058 = 0x37B9DA) + 1
    [InlineData("7F FF FF FF", 16)] // day -1
    public void OutOfRangeDate_Throws(string hex, int operation) => ReadFails(hex, operation, descending: false);

    [Fact]
    public void LargestValidDates_AreAccepted()
    {
        var reader = new KeyReader(Hex.Parse("AB CA 28 75 F4 37 3F FF 80 37 B9 DA"));
        Assert.Equal(DateTime.MaxValue.Ticks, reader.ReadDateTime().Ticks);
        Assert.Equal(DateOnly.MaxValue, reader.ReadDateOnly());
    }

    [Fact]
    public void KeyFormatException_IsAFormatException() => Assert.IsAssignableFrom<FormatException>(new KeyFormatException("x"));

    [Fact]
    public void Failure_LeavesThePositionAtTheBadPart_AndTheMessageSaysWhere()
    {
        // An Int32, then a Boolean byte of 07.
        var reader = new KeyReader(Hex.Parse("80 00 00 01 07"));
        Assert.Equal(1, reader.ReadInt32());
        KeyFormatException e = Catch(ref reader, static (ref KeyReader r) => r.ReadBoolean());
        Assert.Equal(4, reader.Position);
        Assert.Contains("offset 4", e.Message, StringComparison.Ordinal);

        // The same bytes are still readable as what they are.
        Assert.Equal(7, reader.ReadByte());
        Assert.True(reader.IsAtEnd);
    }

    [Fact]
    public void BadEscape_MessageNamesTheEscapeOffset()
    {
        var reader = new KeyReader(Hex.Parse("80 00 00 01 61 62 00 07 00 01"));
        reader.ReadInt32();
        KeyFormatException e = Catch(ref reader, static (ref KeyReader r) => r.ReadString());
        Assert.Contains("offset 6", e.Message, StringComparison.Ordinal);
        Assert.Equal(4, reader.Position);
    }

    private static KeyFormatException ReadFails(string hex, int operation, bool descending)
    {
        var reader = new KeyReader(Hex.Parse(hex));
        try
        {
            KeyReaderOperations.Run(ref reader, operation, descending);
        }
        catch (Exception e)
        {
            Assert.Equal(0, reader.Position);
            return Assert.IsType<KeyFormatException>(e);
        }

        Assert.Fail($"{KeyReaderOperations.Name(operation)}(descending: {descending}) accepted {hex}.");
        return null!;
    }

    private static KeyFormatException Catch(ref KeyReader reader, ReaderAction action)
    {
        try
        {
            action(ref reader);
        }
        catch (Exception e)
        {
            return Assert.IsType<KeyFormatException>(e);
        }

        Assert.Fail("Expected KeyFormatException, nothing was thrown.");
        return null!;
    }
}
