using System.Globalization;
using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// Every part type reads back as written, ascending and descending, between other parts (so a
/// reader that consumes one byte too many or too few fails), with edge values.
/// </summary>
public class KeyRoundTripTests
{
    private const int Before = 0x1234_5678;
    private const byte After = 0xAB;

    public static TheoryData<string> Strings => new()
    {
        string.Empty, "a", "abc", "\0", "\0\0\0", "a\0b", "\0a\0", "u1\0x", "\u007F", "\u0080", "\u00E9t\u00E9", "\u00FF",
        "\u07FF", "\u0800", "\uFFFF", "\uFFFD", "\uE000", "日本語のキー", "\U0001F600", "a\U0001F600b", "\U0010FFFF",
        new string('x', 300), new string('\0', 300), new string('\u00E9', 3000), string.Concat(Enumerable.Repeat("a\0\U0001F600", 200)),
    };

    public static TheoryData<byte[]> ByteArrays => new()
    {
        Array.Empty<byte>(), new byte[] { 0x00 }, new byte[] { 0xFF }, new byte[] { 0x00, 0xFF, 0x00, 0xFF }, new byte[] { 0xFF, 0x00 },
        new byte[] { 0x01, 0x02, 0x03 }, new byte[] { 0xFE, 0x01 }, Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(),
        Enumerable.Repeat((byte)0xFF, 1000).ToArray(), Enumerable.Repeat((byte)0x00, 1000).ToArray(),
    };

    public static TheoryData<long> Int64s => new() { long.MinValue, long.MinValue + 1, -1, 0, 1, 42, long.MaxValue - 1, long.MaxValue };

    public static TheoryData<ulong> UInt64s => new() { ulong.MinValue, 1, 0x8000_0000_0000_0000, ulong.MaxValue - 1, ulong.MaxValue };

    public static TheoryData<int> Int32s => new() { int.MinValue, int.MinValue + 1, -1, 0, 1, int.MaxValue };

    public static TheoryData<uint> UInt32s => new() { uint.MinValue, 1, 0x8000_0000, uint.MaxValue };

    public static TheoryData<short> Int16s => new() { short.MinValue, -1, 0, 1, short.MaxValue };

    public static TheoryData<ushort> UInt16s => new() { ushort.MinValue, 1, 0x8000, ushort.MaxValue };

    public static TheoryData<sbyte> SBytes => new() { sbyte.MinValue, -1, 0, 1, sbyte.MaxValue };

    public static TheoryData<byte> Bytes => new() { byte.MinValue, 1, 0x7F, 0x80, byte.MaxValue };

    /// <summary>Name (xunit needs distinct rows; NaNs all print alike), value written, value expected back (-0.0 and every NaN are canonicalised).</summary>
    public static TheoryData<string, double, double> Doubles => new()
    {
        { "0", 0.0, 0.0 }, { "-0", -0.0, 0.0 }, { "1", 1.0, 1.0 }, { "-1", -1.0, -1.0 },
        { "Epsilon", double.Epsilon, double.Epsilon }, { "-Epsilon", -double.Epsilon, -double.Epsilon },
        { "MaxValue", double.MaxValue, double.MaxValue }, { "MinValue", double.MinValue, double.MinValue },
        { "+Inf", double.PositiveInfinity, double.PositiveInfinity }, { "-Inf", double.NegativeInfinity, double.NegativeInfinity },
        { "NaN", double.NaN, double.NaN }, { "positive NaN", -double.NaN, double.NaN },
        { "signalling NaN", BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), double.NaN },
        { "pi", Math.PI, Math.PI }, { "-1e-300", -1e-300, -1e-300 },
    };

    public static TheoryData<string, float, float> Singles => new()
    {
        { "0", 0f, 0f }, { "-0", -0f, 0f }, { "1", 1f, 1f }, { "-1", -1f, -1f }, { "Epsilon", float.Epsilon, float.Epsilon },
        { "MaxValue", float.MaxValue, float.MaxValue }, { "MinValue", float.MinValue, float.MinValue },
        { "+Inf", float.PositiveInfinity, float.PositiveInfinity }, { "-Inf", float.NegativeInfinity, float.NegativeInfinity },
        { "NaN", float.NaN, float.NaN }, { "positive NaN", -float.NaN, float.NaN },
        { "signalling NaN", BitConverter.Int32BitsToSingle(0x7F80_0001), float.NaN },
    };

    public static TheoryData<Guid> Guids => new()
    {
        Guid.Empty, Guid.AllBitsSet, Guid.Parse("017F22E2-79B0-7CC3-98C4-DC0C0C07398F", CultureInfo.InvariantCulture),
        Guid.Parse("00112233-4455-6677-8899-AABBCCDDEEFF", CultureInfo.InvariantCulture), Guid.CreateVersion7(),
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void String_RoundTrips(string value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, string v, bool d) => w.WriteString(v, d), static (ref KeyReader r, bool d) => r.ReadString(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(ByteArrays))]
    public void Bytes_RoundTrip(byte[] value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, byte[] v, bool d) => w.WriteBytes(v, d), static (ref KeyReader r, bool d) => r.ReadBytes(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(ByteArrays))]
    public void BytesSpan_WritesTheSameAsArray(byte[] value)
    {
        byte[] fromArray = KeyPartCodec.Encode(value, static (ref KeyWriter w, byte[] v, bool d) => w.WriteBytes(v, d));
        byte[] fromSpan = KeyPartCodec.Encode(value, static (ref KeyWriter w, byte[] v, bool d) => w.WriteBytes(v.AsSpan(), d));
        Assert.Equal(fromArray, fromSpan);
    }

    [Theory]
    [MemberData(nameof(Strings))]
    public void SkipString_MovesPastThePart(string value)
    {
        Span<byte> buffer = stackalloc byte[64];
        foreach (bool descending in new[] { false, true })
        {
            var writer = new KeyWriter(buffer);
            writer.WriteString(value, descending);
            writer.WriteByte(After);
            byte[] key = writer.WrittenSpan.ToArray();
            writer.Dispose();

            var reader = new KeyReader(key);
            reader.SkipString(descending);
            Assert.Equal(After, reader.ReadByte());
            Assert.True(reader.IsAtEnd);
        }
    }

    [Fact]
    public void Boolean_RoundTrips()
    {
        AssertRoundTrip(false, false, static (ref KeyWriter w, bool v, bool d) => w.WriteBoolean(v, d), static (ref KeyReader r, bool d) => r.ReadBoolean(d), Assert.Equal);
        AssertRoundTrip(true, true, static (ref KeyWriter w, bool v, bool d) => w.WriteBoolean(v, d), static (ref KeyReader r, bool d) => r.ReadBoolean(d), Assert.Equal);
    }

    [Theory]
    [MemberData(nameof(Int64s))]
    public void Int64_RoundTrips(long value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, long v, bool d) => w.WriteInt64(v, d), static (ref KeyReader r, bool d) => r.ReadInt64(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(UInt64s))]
    public void UInt64_RoundTrips(ulong value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, ulong v, bool d) => w.WriteUInt64(v, d), static (ref KeyReader r, bool d) => r.ReadUInt64(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(Int32s))]
    public void Int32_RoundTrips(int value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, int v, bool d) => w.WriteInt32(v, d), static (ref KeyReader r, bool d) => r.ReadInt32(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(UInt32s))]
    public void UInt32_RoundTrips(uint value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, uint v, bool d) => w.WriteUInt32(v, d), static (ref KeyReader r, bool d) => r.ReadUInt32(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(Int16s))]
    public void Int16_RoundTrips(short value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, short v, bool d) => w.WriteInt16(v, d), static (ref KeyReader r, bool d) => r.ReadInt16(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(UInt16s))]
    public void UInt16_RoundTrips(ushort value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, ushort v, bool d) => w.WriteUInt16(v, d), static (ref KeyReader r, bool d) => r.ReadUInt16(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(SBytes))]
    public void SByte_RoundTrips(sbyte value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, sbyte v, bool d) => w.WriteSByte(v, d), static (ref KeyReader r, bool d) => r.ReadSByte(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(Bytes))]
    public void Byte_RoundTrips(byte value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, byte v, bool d) => w.WriteByte(v, d), static (ref KeyReader r, bool d) => r.ReadByte(d), Assert.Equal);

    [Theory]
    [MemberData(nameof(Doubles))]
    public void Double_RoundTripsCanonically(string name, double value, double expected)
        => AssertRoundTrip(value, expected, static (ref KeyWriter w, double v, bool d) => w.WriteDouble(v, d), static (ref KeyReader r, bool d) => r.ReadDouble(d), (e, a) => AssertSameDouble(e, a, name));

    [Theory]
    [MemberData(nameof(Singles))]
    public void Single_RoundTripsCanonically(string name, float value, float expected)
        => AssertRoundTrip(value, expected, static (ref KeyWriter w, float v, bool d) => w.WriteSingle(v, d), static (ref KeyReader r, bool d) => r.ReadSingle(d), (e, a) => AssertSameSingle(e, a, name));

    [Theory]
    [MemberData(nameof(Guids))]
    public void Guid_RoundTrips(Guid value)
        => AssertRoundTrip(value, value, static (ref KeyWriter w, Guid v, bool d) => w.WriteGuid(v, d), static (ref KeyReader r, bool d) => r.ReadGuid(d), Assert.Equal);

    [Fact]
    public void DateTime_Utc_RoundTripsAsUtc()
    {
        foreach (DateTime value in new[]
        {
            DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc), DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
            DateTime.UnixEpoch, new DateTime(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Utc).AddTicks(9_999),
        })
        {
            AssertRoundTrip(value, value, static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d), static (ref KeyReader r, bool d) => r.ReadDateTime(d), AssertSameUtcInstant);
        }
    }

    [Fact]
    public void DateTime_Local_ReadsBackAsTheSameInstantInUtc()
    {
        var local = new DateTime(2024, 6, 1, 12, 30, 0, DateTimeKind.Local);
        AssertRoundTrip(local, local.ToUniversalTime(), static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d), static (ref KeyReader r, bool d) => r.ReadDateTime(d), AssertSameUtcInstant);

        // And it is the same key as that UTC instant.
        Assert.Equal(
            KeyPartCodec.Encode(local.ToUniversalTime(), static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d)),
            KeyPartCodec.Encode(local, static (ref KeyWriter w, DateTime v, bool d) => w.WriteDateTime(v, d)));
    }

    [Fact]
    public void DateTimeOffset_RoundTripsTheInstantWithOffsetZero()
    {
        var value = new DateTimeOffset(2024, 1, 1, 2, 0, 0, TimeSpan.FromHours(2));
        AssertRoundTrip(value, new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), static (ref KeyWriter w, DateTimeOffset v, bool d) => w.WriteDateTimeOffset(v, d), static (ref KeyReader r, bool d) => r.ReadDateTimeOffset(d), AssertSameOffsetAndInstant);
        AssertRoundTrip(DateTimeOffset.MinValue, DateTimeOffset.MinValue, static (ref KeyWriter w, DateTimeOffset v, bool d) => w.WriteDateTimeOffset(v, d), static (ref KeyReader r, bool d) => r.ReadDateTimeOffset(d), AssertSameOffsetAndInstant);
        AssertRoundTrip(DateTimeOffset.MaxValue, DateTimeOffset.MaxValue, static (ref KeyWriter w, DateTimeOffset v, bool d) => w.WriteDateTimeOffset(v, d), static (ref KeyReader r, bool d) => r.ReadDateTimeOffset(d), AssertSameOffsetAndInstant);
    }

    [Fact]
    public void DateOnly_RoundTrips()
    {
        foreach (DateOnly value in new[] { DateOnly.MinValue, new DateOnly(2024, 2, 29), DateOnly.MaxValue })
        {
            AssertRoundTrip(value, value, static (ref KeyWriter w, DateOnly v, bool d) => w.WriteDateOnly(v, d), static (ref KeyReader r, bool d) => r.ReadDateOnly(d), Assert.Equal);
        }
    }

    [Fact]
    public void TimeSpan_RoundTrips()
    {
        foreach (TimeSpan value in new[] { TimeSpan.MinValue, TimeSpan.FromTicks(-1), TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.MaxValue })
        {
            AssertRoundTrip(value, value, static (ref KeyWriter w, TimeSpan v, bool d) => w.WriteTimeSpan(v, d), static (ref KeyReader r, bool d) => r.ReadTimeSpan(d), Assert.Equal);
        }
    }

    [Fact]
    public void Version7Guids_SortByCreationTime()
    {
        DateTimeOffset start = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
        byte[]? previous = null;
        for (int ms = 0; ms < 50; ms++)
        {
            byte[] key = KeyPartCodec.Encode(Guid.CreateVersion7(start.AddMilliseconds(ms)), static (ref KeyWriter w, Guid v, bool d) => w.WriteGuid(v, d));
            if (previous is not null)
            {
                Assert.True(previous.AsSpan().SequenceCompareTo(key) < 0, $"{Hex.Format(previous)} !< {Hex.Format(key)}");
            }

            previous = key;
        }
    }

    [Fact]
    public void ManyParts_RoundTripInOrder()
    {
        var writer = new KeyWriter(stackalloc byte[16]); // small on purpose: forces growth mid-key
        writer.WriteString("tenant\0a");
        writer.WriteInt64(-5, descending: true);
        writer.WriteBytes(new byte[] { 0xFF, 0x00 });
        writer.WriteDouble(-0.0);
        writer.WriteGuid(Guid.AllBitsSet, descending: true);
        writer.WriteBoolean(true, descending: true);
        writer.WriteString(string.Empty, descending: true);
        writer.WriteDateOnly(new DateOnly(2000, 1, 1));
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();

        var reader = new KeyReader(key);
        Assert.Equal("tenant\0a", reader.ReadString());
        Assert.Equal(-5, reader.ReadInt64(descending: true));
        Assert.Equal(new byte[] { 0xFF, 0x00 }, reader.ReadBytes());
        AssertSameDouble(0.0, reader.ReadDouble(), "-0.0");
        Assert.Equal(Guid.AllBitsSet, reader.ReadGuid(descending: true));
        Assert.True(reader.ReadBoolean(descending: true));
        Assert.Equal(string.Empty, reader.ReadString(descending: true));
        Assert.Equal(new DateOnly(2000, 1, 1), reader.ReadDateOnly());
        Assert.True(reader.IsAtEnd);
        Assert.Equal(key.Length, reader.Position);
    }

    /// <summary>
    /// Writes [Int32 Before][value][Byte After], ascending and descending, and reads it back; also
    /// checks the descending part is the ascending part with every byte inverted (design §4).
    /// </summary>
    private static void AssertRoundTrip<T>(T value, T expected, PartWriter<T> write, PartReader<T> read, Action<T, T> assertEqual)
    {
        byte[] ascendingPart = KeyPartCodec.Encode(value, write, descending: false);
        byte[] descendingPart = KeyPartCodec.Encode(value, write, descending: true);
        Assert.Equal(KeyPartCodec.Inverted(ascendingPart), descendingPart);

        Span<byte> buffer = stackalloc byte[64];
        foreach (bool descending in new[] { false, true })
        {
            var writer = new KeyWriter(buffer);
            writer.WriteInt32(Before);
            write(ref writer, value, descending);
            writer.WriteByte(After);
            byte[] key = writer.WrittenSpan.ToArray();
            writer.Dispose();

            Assert.Equal(4 + ascendingPart.Length + 1, key.Length);
            var reader = new KeyReader(key);
            Assert.Equal(Before, reader.ReadInt32());
            T actual = read(ref reader, descending);
            Assert.Equal(4 + ascendingPart.Length, reader.Position);
            Assert.Equal(After, reader.ReadByte());
            Assert.True(reader.IsAtEnd);
            assertEqual(expected, actual);
        }
    }

    /// <summary>Bit-exact, so -0.0 read back as -0.0 fails; any NaN reads back as the positive quiet NaN (documented).</summary>
    private static void AssertSameDouble(double expected, double actual, string name)
    {
        long expectedBits = double.IsNaN(expected) ? 0x7FF8_0000_0000_0000 : BitConverter.DoubleToInt64Bits(expected);
        long actualBits = BitConverter.DoubleToInt64Bits(actual);
        Assert.True(expectedBits == actualBits, $"{name}: expected bits 0x{expectedBits:X16}, read 0x{actualBits:X16}");
    }

    private static void AssertSameSingle(float expected, float actual, string name)
    {
        int expectedBits = float.IsNaN(expected) ? 0x7FC0_0000 : BitConverter.SingleToInt32Bits(expected);
        int actualBits = BitConverter.SingleToInt32Bits(actual);
        Assert.True(expectedBits == actualBits, $"{name}: expected bits 0x{expectedBits:X8}, read 0x{actualBits:X8}");
    }

    private static void AssertSameUtcInstant(DateTime expected, DateTime actual)
    {
        Assert.Equal(DateTimeKind.Utc, actual.Kind);
        Assert.Equal(expected.ToUniversalTime().Ticks, actual.Ticks);
    }

    private static void AssertSameOffsetAndInstant(DateTimeOffset expected, DateTimeOffset actual)
    {
        Assert.Equal(expected.UtcTicks, actual.UtcTicks);
        Assert.Equal(expected.Offset, actual.Offset);
    }
}
