using System.Globalization;
using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// The byte examples of docs/key-encoding.md. Each expected value was derived by hand from the
/// rules (sign flip, IEEE transform, escapes, inversion), not captured from the codec's output;
/// the derivation is in the doc and, briefly, in the comments here.
/// </summary>
public class KeyEncodingDocumentedExamplesTests
{
    [Theory]
    [InlineData(int.MinValue, "00 00 00 00")]
    [InlineData(-1, "7F FF FF FF")] // 0xFFFFFFFF with the sign bit flipped
    [InlineData(0, "80 00 00 00")]
    [InlineData(1, "80 00 00 01")]
    [InlineData(int.MaxValue, "FF FF FF FF")]
    public void Int32_IsSignFlippedBigEndian(int value, string hex)
        => AssertBytes(hex, value, static (ref KeyWriter w, int v, bool d) => w.WriteInt32(v, d));

    [Fact]
    public void OtherIntegers_FollowTheSameRule()
    {
        AssertBytes("7F", (sbyte)-1, static (ref KeyWriter w, sbyte v, bool d) => w.WriteSByte(v, d));
        AssertBytes("80 01", (short)1, static (ref KeyWriter w, short v, bool d) => w.WriteInt16(v, d));
        AssertBytes("00 01", (ushort)1, static (ref KeyWriter w, ushort v, bool d) => w.WriteUInt16(v, d));
        AssertBytes("80 00 00 00 00 00 00 2A", 42L, static (ref KeyWriter w, long v, bool d) => w.WriteInt64(v, d));
        AssertBytes("00 00 00 00 00 00 00 2A", 42UL, static (ref KeyWriter w, ulong v, bool d) => w.WriteUInt64(v, d));
        AssertBytes("00 00 01 00", 256U, static (ref KeyWriter w, uint v, bool d) => w.WriteUInt32(v, d));
        AssertBytes("FF", (byte)0xFF, static (ref KeyWriter w, byte v, bool d) => w.WriteByte(v, d));
        AssertBytes("00", false, static (ref KeyWriter w, bool v, bool d) => w.WriteBoolean(v, d));
        AssertBytes("01", true, static (ref KeyWriter w, bool v, bool d) => w.WriteBoolean(v, d));
    }

    [Theory]
    [InlineData(double.NegativeInfinity, "00 0F FF FF FF FF FF FF")] // FFF0... negative: every bit flipped
    [InlineData(-2.5, "3F FB FF FF FF FF FF FF")] // C004000000000000 inverted
    [InlineData(-1.0, "40 0F FF FF FF FF FF FF")] // BFF0000000000000 inverted
    [InlineData(0.0, "80 00 00 00 00 00 00 00")]
    [InlineData(double.Epsilon, "80 00 00 00 00 00 00 01")]
    [InlineData(1.0, "BF F0 00 00 00 00 00 00")] // 3FF0000000000000 with the sign bit set
    [InlineData(1.5, "BF F8 00 00 00 00 00 00")]
    [InlineData(double.PositiveInfinity, "FF F0 00 00 00 00 00 00")]
    [InlineData(double.NaN, "FF F8 00 00 00 00 00 00")] // one NaN: 7FF8000000000000 with the sign bit set
    public void Double_IsIeeeBitsTransformed(double value, string hex)
        => AssertBytes(hex, value, static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d));

    [Fact]
    public void Double_NegativeZeroIsPositiveZero()
        => AssertBytes("80 00 00 00 00 00 00 00", -0.0, static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d));

    [Fact]
    public void Double_EveryNaNHasTheOneEncoding()
    {
        AssertBytes("FF F8 00 00 00 00 00 00", BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_0000), static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d));
        AssertBytes("FF F8 00 00 00 00 00 00", BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d));
        AssertBytes("FF F8 00 00 00 00 00 00", BitConverter.Int64BitsToDouble(unchecked((long)0xFFFF_FFFF_FFFF_FFFF)), static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d));
    }

    [Theory]
    [InlineData(1.0f, "BF 80 00 00")]
    [InlineData(-1.0f, "40 7F FF FF")]
    [InlineData(-0.0f, "80 00 00 00")]
    [InlineData(float.NaN, "FF C0 00 00")]
    public void Single_IsIeeeBitsTransformed(float value, string hex)
        => AssertBytes(hex, value, static (ref KeyWriter w, float v, bool d) => w.WriteSingle(v, d));

    [Fact]
    public void DateTime_IsUtcTicksSignFlipped()
    {
        // 2024-01-01 is day 738885; 738885 * 864000000000 = 638396640000000000 = 0x08DC0A5C9900C000.
        AssertBytes("88 DC 0A 5C 99 00 C0 00", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d));
        AssertBytes("80 00 00 00 00 00 00 00", DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d));

        // DateTime.MaxValue.Ticks = 3155378975999999999 = 0x2BCA2875F4373FFF.
        AssertBytes("AB CA 28 75 F4 37 3F FF", DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc), static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d));
    }

    [Fact]
    public void DateTimeOffset_KeepsOnlyTheInstant()
    {
        var plusTwo = new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        var utc = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        AssertBytes("88 DC 0A 5C 99 00 C0 00", plusTwo, static (ref KeyWriter w, DateTimeOffset v, bool d) => w.WriteDateTimeOffset(v, d));
        AssertBytes("88 DC 0A 5C 99 00 C0 00", utc, static (ref KeyWriter w, DateTimeOffset v, bool d) => w.WriteDateTimeOffset(v, d));

        var reader = new KeyReader(Hex.Parse("88 DC 0A 5C 99 00 C0 00"));
        DateTimeOffset read = reader.ReadDateTimeOffset();
        Assert.Equal(TimeSpan.Zero, read.Offset);
        Assert.Equal(utc.UtcTicks, read.UtcTicks);
    }

    [Fact]
    public void DateOnlyAndTimeSpan_AreTheirNumbers()
    {
        // DayNumber 738885 = 0x000B4645; one second = 10 000 000 ticks = 0x989680.
        AssertBytes("80 0B 46 45", new DateOnly(2024, 1, 1), static (ref KeyWriter w, DateOnly v, bool d) => w.WriteDateOnly(v, d));
        AssertBytes("80 00 00 00 00 98 96 80", TimeSpan.FromSeconds(1), static (ref KeyWriter w, TimeSpan v, bool d) => w.WriteTimeSpan(v, d));
    }

    [Fact]
    public void Guid_IsRfc9562ByteOrder()
    {
        // The RFC's version-7 example: the bytes are the hex digits in reading order.
        Guid v7 = Guid.Parse("017F22E2-79B0-7CC3-98C4-DC0C0C07398F", CultureInfo.InvariantCulture);
        AssertBytes("01 7F 22 E2 79 B0 7C C3 98 C4 DC 0C 0C 07 39 8F", v7, static (ref KeyWriter w, Guid v, bool d) => w.WriteGuid(v, d));
        Assert.Equal(Hex.Parse("E2 22 7F 01 B0 79 C3 7C 98 C4 DC 0C 0C 07 39 8F"), v7.ToByteArray()); // what we avoid
    }

    [Theory]
    [InlineData("", "00 01")]
    [InlineData("a", "61 00 01")]
    [InlineData("ab", "61 62 00 01")]
    [InlineData("a\0b", "61 00 FF 62 00 01")]
    [InlineData("a\0", "61 00 FF 00 01")]
    [InlineData("\u00E9", "C3 A9 00 01")]
    [InlineData("\U0001F600", "F0 9F 98 80 00 01")]
    [InlineData("u1", "75 31 00 01")]
    [InlineData("u10", "75 31 30 00 01")]
    [InlineData("u1\0x", "75 31 00 FF 78 00 01")]
    [InlineData("u1:x", "75 31 3A 78 00 01")]
    public void String_IsEscapedUtf8WithTerminator(string value, string hex)
        => AssertBytes(hex, value, static (ref KeyWriter w, string v, bool d) => w.WriteString(v, d));

    [Fact]
    public void Bytes_AreEscapedWithTerminator()
    {
        AssertBytes("00 FF FF 00 00 01", new byte[] { 0x00, 0xFF }, static (ref KeyWriter w, byte[] v, bool d) => w.WriteBytes(v, d));
        AssertBytes("00 01", Array.Empty<byte>(), static (ref KeyWriter w, byte[] v, bool d) => w.WriteBytes(v, d));
    }

    [Theory]
    [InlineData("a", "9E FF FE")]
    [InlineData("", "FF FE")]
    [InlineData("u1", "8A CE FF FE")]
    [InlineData("u10", "8A CE CF FF FE")]
    [InlineData("a\0", "9E FF 00 FF FE")]
    public void DescendingString_IsEveryByteInverted(string value, string hex)
        => AssertBytes(hex, value, static (ref KeyWriter w, string v, bool d) => w.WriteString(v, d), descending: true);

    [Fact]
    public void DescendingLong_IsEveryByteInverted()
    {
        AssertBytes("7F FF FF FF FF FF FF D5", 42L, static (ref KeyWriter w, long v, bool d) => w.WriteInt64(v, d), descending: true);
        AssertBytes("7F FF FF FF FF FF FF D4", 43L, static (ref KeyWriter w, long v, bool d) => w.WriteInt64(v, d), descending: true);
    }

    [Fact]
    public void DescendingDouble_PutsNaNFirstAndNegativeInfinityLast()
    {
        AssertBytes("00 07 FF FF FF FF FF FF", double.NaN, static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d), descending: true);
        AssertBytes("FF F0 00 00 00 00 00 00", double.NegativeInfinity, static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d), descending: true);
    }

    [Fact]
    public void CompositeKey_IsItsPartsConcatenated()
    {
        var writer = new KeyWriter(stackalloc byte[32]);
        writer.WriteString("u1");
        writer.WriteInt64(42);
        Assert.Equal(Hex.Parse("75 31 00 01 80 00 00 00 00 00 00 2A"), writer.WrittenSpan.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void PrefixUpperBound_OfUserU1_IsTheLastByteIncremented()
    {
        Span<byte> bound = stackalloc byte[4];
        Assert.True(KeyRange.TryGetPrefixUpperBound(Hex.Parse("75 31 00 01"), bound, out int written));
        Assert.Equal(Hex.Parse("75 31 00 02"), bound[..written].ToArray());
    }

    [Fact]
    public void Display_ShowsPrintableAsciiAndHexEscapes()
        => Assert.Equal(@"u1\x00\x01", KeyDisplay.Render(Hex.Parse("75 31 00 01")));

    [Fact]
    public void MaxKeyLength_Is8KiB() => Assert.Equal(8192, KeyLimits.MaxKeyLength);

    private static void AssertBytes<T>(string expectedHex, T value, PartWriter<T> write, bool descending = false)
    {
        byte[] actual = KeyPartCodec.Encode(value, write, descending);
        Assert.Equal(expectedHex, Hex.Format(actual));
    }
}
