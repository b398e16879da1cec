using System.Buffers;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MessagePack;
using TypedStore.Tests.Keys;
using TypedStore.Values;

namespace TypedStore.Tests.Values;

/// <summary>
/// <see cref="ValueWriter"/> promises the bytes <see cref="MessagePackWriter"/> writes for the same call, wherever the
/// value is built (a tiny stack buffer, an empty one, a large one) and however often it grows. MessagePackWriter over an
/// <see cref="ArrayBufferWriter{T}"/> is the oracle; every call is described as a <see cref="WriteOp"/> so the same
/// sequence can be applied to both writers.
/// </summary>
public class ValueWriterTests
{
    private const int ScalarCases = 1_000;
    private const int StringCases = 500;
    private const int SequenceCases = 300;

    /// <summary>Initial buffers the sequence properties start from: empty, tiny (growth mid-sequence) and large.</summary>
    private static readonly int[] InitialSizes = [0, 1, 8, 4096, 1 << 16];

    // ---- 1. Byte parity, one call at a time ----

    [Fact]
    public void Integers_AtEveryFormBoundary_MatchMessagePackWriter()
    {
        var ops = new List<WriteOp>();
        foreach (Int128 boundary in ValueWriterGenerators.IntegerBoundaries)
        {
            for (Int128 value = boundary - 1; value <= boundary + 1; value++)
            {
                AddEveryIntegerOverload(ops, value);
            }
        }

        // Every type is exercised at its own extremes and across every form boundary it can represent.
        Assert.True(ops.Count > 300, $"only {ops.Count} integer writes");
        AssertEachMatches(ops);
    }

    [Theory]
    [InlineData(WriteKind.Int64, "0", "00")]
    [InlineData(WriteKind.Int64, "127", "7F")]
    [InlineData(WriteKind.Int64, "128", "CC 80")]
    [InlineData(WriteKind.Int64, "255", "CC FF")]
    [InlineData(WriteKind.Int64, "256", "CD 01 00")]
    [InlineData(WriteKind.Int64, "65535", "CD FF FF")]
    [InlineData(WriteKind.Int64, "65536", "CE 00 01 00 00")]
    [InlineData(WriteKind.Int64, "4294967295", "CE FF FF FF FF")]
    [InlineData(WriteKind.Int64, "4294967296", "CF 00 00 00 01 00 00 00 00")]
    [InlineData(WriteKind.UInt64, "18446744073709551615", "CF FF FF FF FF FF FF FF FF")]
    [InlineData(WriteKind.Int64, "-1", "FF")]
    [InlineData(WriteKind.Int64, "-32", "E0")]
    [InlineData(WriteKind.Int64, "-33", "D0 DF")]
    [InlineData(WriteKind.Int64, "-128", "D0 80")]
    [InlineData(WriteKind.Int64, "-129", "D1 FF 7F")]
    [InlineData(WriteKind.Int64, "-32768", "D1 80 00")]
    [InlineData(WriteKind.Int64, "-32769", "D2 FF FF 7F FF")]
    [InlineData(WriteKind.Int64, "-2147483648", "D2 80 00 00 00")]
    [InlineData(WriteKind.Int64, "-2147483649", "D3 FF FF FF FF 7F FF FF FF")]
    [InlineData(WriteKind.Int64, "-9223372036854775808", "D3 80 00 00 00 00 00 00 00")]
    [InlineData(WriteKind.Int16, "-129", "D1 FF 7F")]
    [InlineData(WriteKind.SByte, "-128", "D0 80")]
    [InlineData(WriteKind.Byte, "200", "CC C8")]
    [InlineData(WriteKind.UInt16, "300", "CD 01 2C")]
    [InlineData(WriteKind.Int32, "65536", "CE 00 01 00 00")]
    [InlineData(WriteKind.UInt32, "128", "CC 80")]
    public void Integers_HaveTheSpecifiedEncoding(WriteKind kind, string value, string hex)
    {
        // Pins the format independently of the oracle, so a harness that compared nothing could not pass.
        WriteOp op = WriteOp.Integer(kind, Int128.Parse(value, CultureInfo.InvariantCulture));

        Assert.Equal(hex, Hex.Format(Write([op], 8)));
        Assert.Equal(hex, Hex.Format(Oracle([op])));
    }

    [Fact]
    public void Chars_IncludingSurrogates_MatchMessagePackWriter()
    {
        char[] chars =
        [
            '\0', 'a', '\u007F', '\u0080', '\u00FF', '\u0100', '\u00E9', '\u65E5', '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF',
            '\uE000', '\uFFFD', '\uFFFE', '\uFFFF',
        ];

        AssertEachMatches(chars.Select(WriteOp.Char));
        Assert.Equal("CD D8 00", Hex.Format(Write([WriteOp.Char('\uD800')], 0))); // a code unit, not UTF-8
    }

    [Fact]
    public void Floats_IncludingNaNsZerosInfinitiesAndSubnormals_MatchMessagePackWriter()
    {
        AssertEachMatches(ValueWriterGenerators.InterestingSingles.Select(WriteOp.Single));
        AssertEachMatches(ValueWriterGenerators.InterestingDoubles.Select(WriteOp.Double));

        // The sign of zero and a NaN's payload are kept: the bits are written as they are.
        Assert.Equal("CA 80 00 00 00", Hex.Format(Write([WriteOp.Single(-0.0f)], 0)));
        Assert.Equal("CB 80 00 00 00 00 00 00 00", Hex.Format(Write([WriteOp.Double(-0.0)], 0)));
        Assert.Equal("CA 7F C0 12 34", Hex.Format(Write([WriteOp.Single(BitConverter.Int32BitsToSingle(0x7FC0_1234))], 0)));

        // A signalling NaN too. Its bits come from an array: the JIT folds a constant one through double, quieting it
        // before either writer sees it.
        int[] signalling = [0x7F80_0001];
        Assert.Equal("CA 7F 80 00 01", Hex.Format(Write([WriteOp.Single(BitConverter.Int32BitsToSingle(signalling[0]))], 0)));
        Assert.Equal("CB 00 00 00 00 00 00 00 01", Hex.Format(Write([WriteOp.Double(double.Epsilon)], 0)));
    }

    [Fact]
    public void NilAndBooleans_MatchMessagePackWriter()
    {
        AssertEachMatches([WriteOp.Nil(), WriteOp.Boolean(false), WriteOp.Boolean(true)]);
        Assert.Equal("C0 C2 C3", Hex.Format(Write([WriteOp.Nil(), WriteOp.Boolean(false), WriteOp.Boolean(true)], 1)));
    }

    [Fact]
    public void Headers_AtEveryCountBoundary_MatchMessagePackWriter()
    {
        int[] counts = [0, 1, 14, 15, 16, 17, 255, 256, 65534, 65535, 65536, 65537, int.MaxValue];
        AssertEachMatches(counts.Select(WriteOp.ArrayHeader));
        AssertEachMatches(counts.Select(WriteOp.MapHeader));

        // The bin header's payload is not written here, but MessagePackWriter reserves room for it: stay far below 2 GB.
        int[] lengths = [0, 1, 254, 255, 256, 257, 65534, 65535, 65536, 65537, 1 << 20];
        AssertEachMatches(lengths.Select(WriteOp.BinHeader));

        Assert.Equal("9F DC 00 10 DD 00 01 00 00", Hex.Format(Write([WriteOp.ArrayHeader(15), WriteOp.ArrayHeader(16), WriteOp.ArrayHeader(65536)], 0)));
        Assert.Equal("8F DE FF FF DF 7F FF FF FF", Hex.Format(Write([WriteOp.MapHeader(15), WriteOp.MapHeader(65535), WriteOp.MapHeader(int.MaxValue)], 0)));
        Assert.Equal("C4 FF C5 01 00 C6 00 01 00 00", Hex.Format(Write([WriteOp.BinHeader(255), WriteOp.BinHeader(256), WriteOp.BinHeader(65536)], 0)));
    }

    [Fact]
    public void Bin_AtEveryLengthBoundary_MatchesMessagePackWriter()
    {
        int[] lengths = [0, 1, 255, 256, 65535, 65536];
        var ops = new List<WriteOp> { WriteOp.ByteArray(null) };
        foreach (int length in lengths)
        {
            byte[] bytes = ValueWriterGenerators.Pattern(length);
            ops.Add(WriteOp.ByteArray(bytes));
            ops.Add(WriteOp.ByteSpan(bytes));
        }

        AssertEachMatches(ops);
        Assert.Equal("C0", Hex.Format(Write([WriteOp.ByteArray(null)], 0)));
        Assert.Equal("C4 00", Hex.Format(Write([WriteOp.ByteSpan([])], 0)));
    }

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Bool_Matches(bool value) => AssertMatches(WriteOp.Boolean(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Byte_Matches(byte value) => AssertMatches(WriteOp.Byte(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void SByte_Matches(sbyte value) => AssertMatches(WriteOp.SByte(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Int16_Matches(short value) => AssertMatches(WriteOp.Int16(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void UInt16_Matches(ushort value) => AssertMatches(WriteOp.UInt16(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Int32_Matches(int value) => AssertMatches(WriteOp.Int32(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void UInt32_Matches(uint value) => AssertMatches(WriteOp.UInt32(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Int64_Matches(long value) => AssertMatches(WriteOp.Int64(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void UInt64_Matches(ulong value) => AssertMatches(WriteOp.UInt64(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Char_Matches(char value) => AssertMatches(WriteOp.Char(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Single_Matches(float value) => AssertMatches(WriteOp.Single(value));

    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Double_Matches(double value) => AssertMatches(WriteOp.Double(value));

    [Property(MaxTest = StringCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void Bin_Matches(byte[]? value)
    {
        AssertMatches(WriteOp.ByteArray(value));
        if (value is not null)
        {
            AssertMatches(WriteOp.ByteSpan(value));
        }
    }

    /// <summary>Any single call, headers and GetSpan/Advance included.</summary>
    [Property(MaxTest = ScalarCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void AnyOneCall_Matches(WriteOp op) => AssertMatches(op);

    // ---- 2. Strings ----

    public static TheoryData<string> StringCaseNames => new(ValueWriterGenerators.StringCases.Keys);

    [Theory]
    [MemberData(nameof(StringCaseNames))]
    public void String_Matches(string name)
    {
        // Cases are looked up by name: lone surrogates do not survive test-case serialization.
        AssertMatches(WriteOp.String(ValueWriterGenerators.StringCases[name]));
    }

    [Theory]
    [InlineData(10, "BE")] // 30 bytes: the worst case (33) reserved a str8 header, the value needs a fixstr
    [InlineData(11, "D9 21")] // 33 bytes: str8
    [InlineData(85, "D9 FF")] // 255 bytes: str8, though the worst case reserved str16
    [InlineData(86, "DA 01 02")] // 258 bytes: str16
    [InlineData(21845, "DA FF FF")] // 65535 bytes, counted exactly (above 16384 code units): str16
    [InlineData(21846, "DB 00 01 00 02")] // 65538 bytes: str32
    public void NonAsciiString_GetsTheHeaderOfItsEncodedLength(int count, string header)
    {
        string value = new('\u65E5', count); // 日, 3 bytes in UTF-8
        byte[] bytes = Write([WriteOp.String(value)], 16);

        Assert.Equal(header, Hex.Format(bytes.AsSpan(0, header.Length / 3 + 1)));
        Assert.Equal(Encoding.UTF8.GetBytes(value), bytes.AsSpan(header.Length / 3 + 1).ToArray());
        Assert.Equal(Oracle([WriteOp.String(value)]), bytes);
    }

    [Fact]
    public void LoneSurrogates_BecomeTheReplacementCharacter()
    {
        Assert.Equal("A3 EF BF BD", Hex.Format(Write([WriteOp.String("\uD800")], 0)));
        Assert.Equal("A5 61 EF BF BD 62", Hex.Format(Write([WriteOp.String("a\uDC00b")], 0)));
        Assert.Equal("A6 EF BF BD EF BF BD", Hex.Format(Write([WriteOp.String("\uDC00\uD800")], 0))); // a pair in the wrong order
        Assert.Equal("A4 F0 9F 98 80", Hex.Format(Write([WriteOp.String("\U0001F600")], 0)));
    }

    [Property(MaxTest = StringCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void AnyString_Matches(string? value) => AssertMatches(WriteOp.String(value));

    // ---- 3. Sequences of calls ----

    [Property(MaxTest = SequenceCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void AnySequence_FromAnyInitialBuffer_Matches(WriteOp[] ops)
    {
        (byte[] expected, int[] ends) = OracleWithEnds(ops);
        foreach (int size in InitialSizes)
        {
            AssertWritesStepByStep(ops, expected, ends, size);
        }
    }

    [Property(MaxTest = SequenceCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void AnySequence_AfterReset_Matches(WriteOp[] first, WriteOp[] second)
    {
        byte[] expected = Oracle(second);
        foreach (int size in InitialSizes)
        {
            Assert.Equal(expected, WriteResetWrite(first, second, size));
        }
    }

    [Fact]
    public void EveryInitialBufferSize_GivesTheSameBytes()
    {
        // A value that outgrows the stack buffer, the first rented array (1024) and the second, from every start size.
        WriteOp[] ops =
        [
            WriteOp.Int64(-1), WriteOp.String("a\0b"), WriteOp.String(new string('\u00E9', 100)), WriteOp.ByteArray(ValueWriterGenerators.Pattern(300)),
            WriteOp.Double(Math.PI), WriteOp.ArrayHeader(20), WriteOp.String(new string('x', 700)), WriteOp.UInt64(ulong.MaxValue),
            WriteOp.String(new string('\u65E5', 400)), WriteOp.Raw(ValueWriterGenerators.Pattern(77), 3), WriteOp.MapHeader(70000),
        ];
        byte[] expected = Oracle(ops);
        Assert.True(expected.Length > 2048, "the value must outgrow the first two rented arrays");

        for (int size = 0; size <= 600; size++)
        {
            Assert.Equal(expected, Write(ops, size));
        }

        Assert.Equal(expected, Write(ops, expected.Length)); // exactly full: no growth at all
    }

    // ---- 4. Growth, Reset, Dispose ----

    [Fact]
    public void Growth_KeepsEarlierBytes_AndWrittenSpanIsRightAfterEachGrowth()
    {
        var writer = new ValueWriter(stackalloc byte[1]);
        var expected = new ArrayBufferWriter<byte>();
        var oracle = new MessagePackWriter(expected);
        int growths = 0;
        int capacity = Capacity(ref writer);

        for (int i = 0; i < 5_000; i++)
        {
            long value = (i * 7919L) - 20_000_000; // a mix of every signed width
            writer.Write(value);
            oracle.Write(value);
            oracle.Flush();

            int now = Capacity(ref writer);
            if (now != capacity)
            {
                growths++;
                capacity = now;
                Assert.Equal(expected.WrittenCount, writer.Length);
                Assert.True(expected.WrittenSpan.SequenceEqual(writer.WrittenSpan), $"bytes differ right after growth {growths}");
            }
        }

        Assert.True(growths >= 4, $"only {growths} growths");
        Assert.Equal(expected.WrittenSpan.ToArray(), writer.WrittenSpan.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void Growth_InTheMiddleOfAString_KeepsTheBytesBeforeIt()
    {
        var writer = new ValueWriter(stackalloc byte[8]);
        writer.Write(1);
        writer.Write(-200);
        writer.Write(true);
        Assert.Equal("01 D1 FF 38 C3", Hex.Format(writer.WrittenSpan));

        writer.Write("h\u00E9llo, this string does not fit in eight bytes");

        Assert.Equal("01 D1 FF 38 C3", Hex.Format(writer.WrittenSpan[..5]));
        Assert.Equal(Oracle([WriteOp.Int32(1), WriteOp.Int32(-200), WriteOp.Boolean(true), WriteOp.String("h\u00E9llo, this string does not fit in eight bytes")]), writer.WrittenSpan.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void Reset_WritesFromTheStartAgain_InTheSameBuffer()
    {
        var writer = new ValueWriter(stackalloc byte[4]);
        writer.Write(new string('z', 3000)); // grows
        int capacity = Capacity(ref writer);

        writer.Reset();
        Assert.Equal(0, writer.Length);
        Assert.True(writer.WrittenSpan.IsEmpty);
        Assert.Equal(capacity, Capacity(ref writer)); // kept the rented array

        writer.Write(1);
        writer.Write("ab");
        Assert.Equal("01 A2 61 62", Hex.Format(writer.WrittenSpan));

        writer.Reset();
        writer.WriteNil();
        Assert.Equal("C0", Hex.Format(writer.WrittenSpan));
        writer.Dispose();
    }

    [Fact]
    public void Reset_OnTheStackBuffer_DoesNotGrow()
    {
        var writer = new ValueWriter(stackalloc byte[16]);
        writer.Write(uint.MaxValue);
        writer.Reset();
        writer.Write(ulong.MaxValue);

        Assert.Equal("CF FF FF FF FF FF FF FF FF", Hex.Format(writer.WrittenSpan));
        Assert.Equal(16, Capacity(ref writer));
        writer.Dispose();
    }

    [Fact]
    public void Dispose_LeavesTheWriterEmpty_AndMayBeRepeated()
    {
        var grown = new ValueWriter(stackalloc byte[2]);
        grown.Write(ValueWriterGenerators.Pattern(5000));
        Assert.Equal(5003, grown.Length);
        grown.Dispose();
        Assert.Equal(0, grown.Length);
        Assert.True(grown.WrittenSpan.IsEmpty);
        grown.Dispose();
        Assert.Equal(0, grown.Length);

        var onStack = new ValueWriter(stackalloc byte[16]);
        onStack.Write(5);
        onStack.Dispose();
        Assert.Equal(0, onStack.Length);
        Assert.True(onStack.WrittenSpan.IsEmpty);
    }

    [Fact]
    public void OneMegabyteBin_IsWritten()
    {
        byte[] data = new byte[1 << 20];
        new Random(20_260_708).NextBytes(data);

        var writer = new ValueWriter(stackalloc byte[64]);
        writer.Write(7);
        writer.Write(data);

        Assert.Equal(1 + 5 + data.Length, writer.Length);
        Assert.Equal("07 C6 00 10 00 00", Hex.Format(writer.WrittenSpan[..6]));
        Assert.True(writer.WrittenSpan[6..].SequenceEqual(data));
        Assert.Equal(Oracle([WriteOp.Int32(7), WriteOp.ByteArray(data)]), writer.WrittenSpan.ToArray());
        writer.Dispose();
    }

    [Fact]
    public void InitialBufferContents_AreNeverRead()
    {
        Span<byte> initial = stackalloc byte[64];
        initial.Fill(0xAA);
        var writer = new ValueWriter(initial);
        writer.Write("\u00E9\u00E9"); // non-ASCII: encoded after a reserved header, then moved
        writer.Write(0);

        Assert.Equal("A4 C3 A9 C3 A9 00", Hex.Format(writer.WrittenSpan));
        writer.Dispose();
    }

    // ---- 5. GetSpan / Advance ----

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    public void GetSpan_ReturnsAtLeastTheHint_AndAdvanceCommitsExactlyThat(int initialSize)
    {
        int[] hints = [0, 1, 7, 8, 9, 63, 64, 65, 1023, 1024, 1025, 5000];
        foreach (int hint in hints)
        {
            Span<byte> initial = new byte[initialSize];
            var writer = new ValueWriter(initial);
            writer.Write(-100); // D0 9C
            writer.Write(300); // CD 01 2C

            Span<byte> span = writer.GetSpan(hint);
            Assert.True(span.Length >= hint, $"GetSpan({hint}) returned {span.Length} bytes from a {initialSize}-byte buffer");
            Assert.Equal(5, writer.Length); // GetSpan commits nothing
            Assert.Equal("D0 9C CD 01 2C", Hex.Format(writer.WrittenSpan)); // and keeps what was written when it grows

            ValueWriterGenerators.Pattern(hint).CopyTo(span);
            writer.Advance(hint);
            writer.WriteNil();

            Assert.Equal(5 + hint + 1, writer.Length);
            Assert.True(writer.WrittenSpan[5..^1].SequenceEqual(ValueWriterGenerators.Pattern(hint)));
            Assert.Equal(0xC0, writer.WrittenSpan[^1]);
            writer.Dispose();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(2000)]
    public void Advance_PastTheEnd_Throws_AndLeavesTheLength(int hint)
    {
        var writer = new ValueWriter(stackalloc byte[8]);
        writer.Write(1000); // 3 bytes
        int free = writer.GetSpan(hint).Length;

        foreach (int count in new[] { free + 1, free + 1000, int.MaxValue, -1, int.MinValue })
        {
            ArgumentOutOfRangeException? error = AdvanceError(ref writer, count);
            Assert.True(error is not null, $"Advance({count}) with {free} free bytes did not throw");
            Assert.Equal("count", error.ParamName);
            Assert.Equal(3, writer.Length);
        }

        writer.Advance(free); // exactly to the end is allowed
        Assert.Equal(3 + free, writer.Length);
        Assert.NotNull(AdvanceError(ref writer, 1));
        Assert.Equal(3 + free, writer.Length);
        writer.Dispose();
    }

    [Fact]
    public void GetSpan_NegativeHint_Throws_AndLeavesTheLength()
    {
        var writer = new ValueWriter(stackalloc byte[8]);
        writer.Write(true);

        foreach (int hint in new[] { -1, int.MinValue })
        {
            ArgumentOutOfRangeException? error = GetSpanError(ref writer, hint);
            Assert.True(error is not null, $"GetSpan({hint}) did not throw");
            Assert.Equal("sizeHint", error.ParamName);
            Assert.Equal(1, writer.Length);
        }

        Assert.Equal("C3", Hex.Format(writer.WrittenSpan));
        writer.Dispose();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void NegativeHeaderCounts_Throw_AndWriteNothing(int count)
    {
        var writer = new ValueWriter(stackalloc byte[8]);
        writer.Write(true);

        Assert.Equal("count", HeaderError(ref writer, HeaderKind.Array, count)?.ParamName);
        Assert.Equal("count", HeaderError(ref writer, HeaderKind.Map, count)?.ParamName);
        Assert.Equal("length", HeaderError(ref writer, HeaderKind.Bin, count)?.ParamName);

        Assert.Equal("C3", Hex.Format(writer.WrittenSpan));
        writer.Dispose();
    }

    private enum HeaderKind
    {
        Array,
        Map,
        Bin,
    }

    private static ArgumentOutOfRangeException? HeaderError(ref ValueWriter writer, HeaderKind kind, int count)
    {
        try
        {
            switch (kind)
            {
                case HeaderKind.Array:
                    writer.WriteArrayHeader(count);
                    break;
                case HeaderKind.Map:
                    writer.WriteMapHeader(count);
                    break;
                default:
                    writer.WriteBinHeader(count);
                    break;
            }

            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e;
        }
    }

    // ---- 6. Reading back ----

    [Fact]
    public void MixedValues_ReadBackWithMessagePackReader()
    {
        byte[] bin = ValueWriterGenerators.Pattern(300);
        var writer = new ValueWriter(stackalloc byte[8]);
        writer.WriteArrayHeader(3);
        writer.Write(sbyte.MinValue);
        writer.Write(ushort.MaxValue);
        writer.Write(long.MinValue);
        writer.WriteMapHeader(2);
        writer.Write("k\u00E9y");
        writer.Write(ulong.MaxValue);
        writer.Write((string?)null);
        writer.Write(-0.0);
        writer.Write(float.NaN);
        writer.Write('\uFFFF');
        writer.Write(bin);
        writer.Write((byte[]?)null);
        writer.Write(false);
        writer.Write(short.MinValue);
        writer.Write(uint.MaxValue);
        writer.Write(int.MinValue);
        writer.Write((byte)200);
        writer.Write("\U0001F600");
        byte[] bytes = writer.WrittenSpan.ToArray();
        writer.Dispose();

        var reader = new MessagePackReader(bytes);
        Assert.Equal(3, reader.ReadArrayHeader());
        Assert.Equal(sbyte.MinValue, reader.ReadSByte());
        Assert.Equal(ushort.MaxValue, reader.ReadUInt16());
        Assert.Equal(long.MinValue, reader.ReadInt64());
        Assert.Equal(2, reader.ReadMapHeader());
        Assert.Equal("k\u00E9y", reader.ReadString());
        Assert.Equal(ulong.MaxValue, reader.ReadUInt64());
        Assert.True(reader.TryReadNil());
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(reader.ReadDouble()));
        Assert.True(float.IsNaN(reader.ReadSingle()));
        Assert.Equal('\uFFFF', reader.ReadChar());
        Assert.Equal(bin, reader.ReadBytes()!.Value.ToArray());
        Assert.Null(reader.ReadBytes());
        Assert.False(reader.ReadBoolean());
        Assert.Equal(short.MinValue, reader.ReadInt16());
        Assert.Equal(uint.MaxValue, reader.ReadUInt32());
        Assert.Equal(int.MinValue, reader.ReadInt32());
        Assert.Equal((byte)200, reader.ReadByte());
        Assert.Equal("\U0001F600", reader.ReadString());
        Assert.True(reader.End);
    }

    [Fact]
    public void LongValues_BuiltAcrossGrowth_ReadBack()
    {
        string text = string.Concat(Enumerable.Repeat("\u65E5\u672C a \U0001F600 ", 5000)); // 45000 code units, counted exactly
        byte[] bin = ValueWriterGenerators.Pattern(70_000);
        var writer = new ValueWriter(stackalloc byte[1]);
        writer.Write(text);
        writer.Write(bin);
        writer.Write(new string('q', 65536));
        byte[] bytes = writer.WrittenSpan.ToArray();
        writer.Dispose();

        var reader = new MessagePackReader(bytes);
        Assert.Equal(text, reader.ReadString());
        Assert.Equal(bin, reader.ReadBytes()!.Value.ToArray());
        Assert.Equal(new string('q', 65536), reader.ReadString());
        Assert.True(reader.End);
    }

    [Property(MaxTest = SequenceCases, QuietOnSuccess = true, Arbitrary = [typeof(ValueWriterArbitraries)])]
    public void AnySequenceOfValues_ReadsBack(WriteOp[] ops)
    {
        WriteOp[] values = Array.FindAll(ops, op => op.IsValue);
        var reader = new MessagePackReader(Write(values, 8));
        foreach (WriteOp op in values)
        {
            op.AssertReadBack(ref reader);
        }

        Assert.True(reader.End);
    }

    // ---- Guarding the generators: a property over values that never occur proves nothing ----

    [Fact]
    public void Generators_ProduceEveryFormat()
    {
        WriteOp[] ops = ValueWriterGenerators.Ops.Sample(5_000, new Rnd(20_260_708), 20);
        var seen = new HashSet<string>();
        foreach (WriteOp op in ops)
        {
            seen.Add(op.Kind.ToString());
            if (op.Kind is not WriteKind.Raw and not WriteKind.BinHeader)
            {
                seen.Add(FormatOf(Write([op], 0)[0]));
            }

            if (op.Value is string s && !IsWellFormed(s))
            {
                seen.Add("lone surrogate");
            }
        }

        string[] expected =
        [
            .. Enum.GetNames<WriteKind>(), "positive fixint", "negative fixint", "fixmap", "fixarray", "fixstr", "nil", "false", "true",
            "bin8", "bin16", "bin32", "float32", "float64", "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64",
            "str8", "str16", "str32", "array16", "array32", "map16", "map32", "lone surrogate",
        ];
        Assert.All(expected, label => Assert.Contains(label, seen));
    }

    // ---- Helpers ----

    private static void AddEveryIntegerOverload(List<WriteOp> ops, Int128 value)
    {
        foreach (WriteKind kind in (WriteKind[])[WriteKind.Byte, WriteKind.SByte, WriteKind.Int16, WriteKind.UInt16, WriteKind.Int32, WriteKind.UInt32, WriteKind.Int64, WriteKind.UInt64, WriteKind.Char])
        {
            if (WriteOp.Fits(kind, value))
            {
                ops.Add(WriteOp.Integer(kind, value));
            }
        }
    }

    private static void AssertMatches(WriteOp op)
    {
        byte[] expected = Oracle([op]);
        foreach (int size in (int[])[0, 1, 64])
        {
            byte[] actual = Write([op], size);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{op} from a {size}-byte buffer:\n  MessagePackWriter {Describe(expected)}\n  ValueWriter       {Describe(actual)}");
        }
    }

    private static void AssertEachMatches(IEnumerable<WriteOp> ops)
    {
        var failures = new List<string>();
        foreach (WriteOp op in ops)
        {
            byte[] expected = Oracle([op]);
            byte[] actual = Write([op], 0);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                failures.Add($"{op}: MessagePackWriter {Describe(expected)}, ValueWriter {Describe(actual)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static string Describe(byte[] bytes)
        => bytes.Length <= 48 ? Hex.Format(bytes) : $"{Hex.Format(bytes.AsSpan(0, 24))} ... ({bytes.Length} bytes)";

    /// <summary>What MessagePackWriter writes for <paramref name="ops"/>.</summary>
    private static byte[] Oracle(IEnumerable<WriteOp> ops) => OracleWithEnds(ops).Bytes;

    /// <summary>The oracle's bytes and where each call's bytes end in them.</summary>
    private static (byte[] Bytes, int[] Ends) OracleWithEnds(IEnumerable<WriteOp> ops)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        var ends = new List<int>();
        foreach (WriteOp op in ops)
        {
            op.Apply(ref writer);
            writer.Flush();
            ends.Add(buffer.WrittenCount);
        }

        writer.Flush();
        return (buffer.WrittenSpan.ToArray(), ends.ToArray());
    }

    /// <summary>What <see cref="ValueWriter"/> writes for <paramref name="ops"/>, starting in a buffer of <paramref name="initialSize"/> bytes of garbage.</summary>
    private static byte[] Write(WriteOp[] ops, int initialSize)
    {
        var writer = new ValueWriter(InitialBuffer(initialSize));
        foreach (WriteOp op in ops)
        {
            op.Apply(ref writer);
        }

        byte[] bytes = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return bytes;
    }

    /// <summary>Checks Length and every byte so far after each call, so growth in the middle of a sequence is seen where it happens.</summary>
    private static void AssertWritesStepByStep(WriteOp[] ops, byte[] expected, int[] ends, int initialSize)
    {
        Span<byte> initial = initialSize <= 4096 ? stackalloc byte[initialSize] : new byte[initialSize];
        initial.Fill(0xAA);
        var writer = new ValueWriter(initial);
        for (int i = 0; i < ops.Length; i++)
        {
            ops[i].Apply(ref writer);
            Assert.True(
                writer.Length == ends[i] && writer.WrittenSpan.SequenceEqual(expected.AsSpan(0, ends[i])),
                $"after call {i} ({ops[i]}) from a {initialSize}-byte buffer:\n  MessagePackWriter {Describe(expected[..ends[i]])}\n  ValueWriter       {Describe(writer.WrittenSpan.ToArray())}");
        }

        Assert.Equal(expected.Length, writer.Length);
        writer.Dispose();
        Assert.Equal(0, writer.Length);
    }

    private static byte[] WriteResetWrite(WriteOp[] first, WriteOp[] second, int initialSize)
    {
        var writer = new ValueWriter(InitialBuffer(initialSize));
        foreach (WriteOp op in first)
        {
            op.Apply(ref writer);
        }

        writer.Reset();
        Assert.Equal(0, writer.Length);
        foreach (WriteOp op in second)
        {
            op.Apply(ref writer);
        }

        byte[] bytes = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return bytes;
    }

    private static byte[] InitialBuffer(int size)
    {
        byte[] buffer = new byte[size];
        buffer.AsSpan().Fill(0xAA);
        return buffer;
    }

    /// <summary>How many bytes the writer holds before it must grow.</summary>
    private static int Capacity(ref ValueWriter writer) => writer.Length + writer.GetSpan(0).Length;

    private static ArgumentOutOfRangeException? AdvanceError(ref ValueWriter writer, int count)
    {
        try
        {
            writer.Advance(count);
            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e;
        }
    }

    private static ArgumentOutOfRangeException? GetSpanError(ref ValueWriter writer, int sizeHint)
    {
        try
        {
            writer.GetSpan(sizeHint);
            return null;
        }
        catch (ArgumentOutOfRangeException e)
        {
            return e;
        }
    }

    private static bool IsWellFormed(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string FormatOf(byte code) => code switch
    {
        <= 0x7F => "positive fixint",
        <= 0x8F => "fixmap",
        <= 0x9F => "fixarray",
        <= 0xBF => "fixstr",
        0xC0 => "nil",
        0xC2 => "false",
        0xC3 => "true",
        0xC4 => "bin8",
        0xC5 => "bin16",
        0xC6 => "bin32",
        0xCA => "float32",
        0xCB => "float64",
        0xCC => "uint8",
        0xCD => "uint16",
        0xCE => "uint32",
        0xCF => "uint64",
        0xD0 => "int8",
        0xD1 => "int16",
        0xD2 => "int32",
        0xD3 => "int64",
        0xD9 => "str8",
        0xDA => "str16",
        0xDB => "str32",
        0xDC => "array16",
        0xDD => "array32",
        0xDE => "map16",
        0xDF => "map32",
        >= 0xE0 => "negative fixint",
        _ => $"other {code:X2}",
    };
}

/// <summary>One <see cref="ValueWriter"/> method.</summary>
public enum WriteKind
{
    Nil,
    Boolean,
    Byte,
    SByte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Char,
    Single,
    Double,
    ByteArray,
    ByteSpan,
    String,
    ArrayHeader,
    MapHeader,
    BinHeader,

    /// <summary>GetSpan(length + slack), copy, Advance(length); <c>WriteRaw</c> on MessagePackWriter.</summary>
    Raw,
}

/// <summary>Bytes written through GetSpan/Advance, asking for <see cref="Slack"/> more bytes than are used.</summary>
public sealed record RawWrite(byte[] Bytes, int Slack);

/// <summary>
/// One call, as data, so the same sequence can be applied to <see cref="ValueWriter"/> and <see cref="MessagePackWriter"/>
/// (both ref structs, which lambdas cannot capture). <see cref="Value"/> holds the argument in the overload's exact type.
/// </summary>
public sealed record WriteOp(WriteKind Kind, object? Value)
{
    public static WriteOp Nil() => new(WriteKind.Nil, null);

    public static WriteOp Boolean(bool value) => new(WriteKind.Boolean, value);

    public static WriteOp Byte(byte value) => new(WriteKind.Byte, value);

    public static WriteOp SByte(sbyte value) => new(WriteKind.SByte, value);

    public static WriteOp Int16(short value) => new(WriteKind.Int16, value);

    public static WriteOp UInt16(ushort value) => new(WriteKind.UInt16, value);

    public static WriteOp Int32(int value) => new(WriteKind.Int32, value);

    public static WriteOp UInt32(uint value) => new(WriteKind.UInt32, value);

    public static WriteOp Int64(long value) => new(WriteKind.Int64, value);

    public static WriteOp UInt64(ulong value) => new(WriteKind.UInt64, value);

    public static WriteOp Char(char value) => new(WriteKind.Char, value);

    public static WriteOp Single(float value) => new(WriteKind.Single, value);

    public static WriteOp Double(double value) => new(WriteKind.Double, value);

    public static WriteOp ByteArray(byte[]? value) => new(WriteKind.ByteArray, value);

    public static WriteOp ByteSpan(byte[] value) => new(WriteKind.ByteSpan, value);

    public static WriteOp String(string? value) => new(WriteKind.String, value);

    public static WriteOp ArrayHeader(int count) => new(WriteKind.ArrayHeader, count);

    public static WriteOp MapHeader(int count) => new(WriteKind.MapHeader, count);

    public static WriteOp BinHeader(int length) => new(WriteKind.BinHeader, length);

    public static WriteOp Raw(byte[] bytes, int slack) => new(WriteKind.Raw, new RawWrite(bytes, slack));

    /// <summary>Whether <paramref name="value"/> is representable by the integer overload <paramref name="kind"/>.</summary>
    public static bool Fits(WriteKind kind, Int128 value) => kind switch
    {
        WriteKind.Byte => value >= byte.MinValue && value <= byte.MaxValue,
        WriteKind.SByte => value >= sbyte.MinValue && value <= sbyte.MaxValue,
        WriteKind.Int16 => value >= short.MinValue && value <= short.MaxValue,
        WriteKind.UInt16 or WriteKind.Char => value >= ushort.MinValue && value <= ushort.MaxValue,
        WriteKind.Int32 => value >= int.MinValue && value <= int.MaxValue,
        WriteKind.UInt32 => value >= uint.MinValue && value <= uint.MaxValue,
        WriteKind.Int64 => value >= long.MinValue && value <= long.MaxValue,
        WriteKind.UInt64 => value >= ulong.MinValue && value <= ulong.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an integer overload"),
    };

    /// <summary>The integer overload <paramref name="kind"/> called with <paramref name="value"/>.</summary>
    public static WriteOp Integer(WriteKind kind, Int128 value) => kind switch
    {
        WriteKind.Byte => Byte((byte)value),
        WriteKind.SByte => SByte((sbyte)value),
        WriteKind.Int16 => Int16((short)value),
        WriteKind.UInt16 => UInt16((ushort)value),
        WriteKind.Char => Char((char)(ushort)value),
        WriteKind.Int32 => Int32((int)value),
        WriteKind.UInt32 => UInt32((uint)value),
        WriteKind.Int64 => Int64((long)value),
        WriteKind.UInt64 => UInt64((ulong)value),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not an integer overload"),
    };

    /// <summary>A value MessagePackReader can read back (not a bare header or raw bytes).</summary>
    public bool IsValue => Kind is not (WriteKind.ArrayHeader or WriteKind.MapHeader or WriteKind.BinHeader or WriteKind.Raw);

    public void Apply(ref ValueWriter writer)
    {
        switch (Kind)
        {
            case WriteKind.Nil: writer.WriteNil(); break;
            case WriteKind.Boolean: writer.Write((bool)Value!); break;
            case WriteKind.Byte: writer.Write((byte)Value!); break;
            case WriteKind.SByte: writer.Write((sbyte)Value!); break;
            case WriteKind.Int16: writer.Write((short)Value!); break;
            case WriteKind.UInt16: writer.Write((ushort)Value!); break;
            case WriteKind.Int32: writer.Write((int)Value!); break;
            case WriteKind.UInt32: writer.Write((uint)Value!); break;
            case WriteKind.Int64: writer.Write((long)Value!); break;
            case WriteKind.UInt64: writer.Write((ulong)Value!); break;
            case WriteKind.Char: writer.Write((char)Value!); break;
            case WriteKind.Single: writer.Write((float)Value!); break;
            case WriteKind.Double: writer.Write((double)Value!); break;
            case WriteKind.ByteArray: writer.Write((byte[]?)Value); break;
            case WriteKind.ByteSpan: writer.Write(new ReadOnlySpan<byte>((byte[])Value!)); break;
            case WriteKind.String: writer.Write((string?)Value); break;
            case WriteKind.ArrayHeader: writer.WriteArrayHeader((int)Value!); break;
            case WriteKind.MapHeader: writer.WriteMapHeader((int)Value!); break;
            case WriteKind.BinHeader: writer.WriteBinHeader((int)Value!); break;
            case WriteKind.Raw:
                var raw = (RawWrite)Value!;
                int hint = raw.Bytes.Length + raw.Slack;
                Span<byte> span = writer.GetSpan(hint);
                Assert.True(span.Length >= hint, $"GetSpan({hint}) returned {span.Length} bytes");
                raw.Bytes.CopyTo(span);
                writer.Advance(raw.Bytes.Length);
                break;
            default: throw new InvalidOperationException(Kind.ToString());
        }
    }

    public void Apply(ref MessagePackWriter writer)
    {
        switch (Kind)
        {
            case WriteKind.Nil: writer.WriteNil(); break;
            case WriteKind.Boolean: writer.Write((bool)Value!); break;
            case WriteKind.Byte: writer.Write((byte)Value!); break;
            case WriteKind.SByte: writer.Write((sbyte)Value!); break;
            case WriteKind.Int16: writer.Write((short)Value!); break;
            case WriteKind.UInt16: writer.Write((ushort)Value!); break;
            case WriteKind.Int32: writer.Write((int)Value!); break;
            case WriteKind.UInt32: writer.Write((uint)Value!); break;
            case WriteKind.Int64: writer.Write((long)Value!); break;
            case WriteKind.UInt64: writer.Write((ulong)Value!); break;
            case WriteKind.Char: writer.Write((char)Value!); break;
            case WriteKind.Single: writer.Write((float)Value!); break;
            case WriteKind.Double: writer.Write((double)Value!); break;
            case WriteKind.ByteArray: writer.Write((byte[]?)Value); break;
            case WriteKind.ByteSpan: writer.Write(new ReadOnlySpan<byte>((byte[])Value!)); break;
            case WriteKind.String: writer.Write((string?)Value); break;
            case WriteKind.ArrayHeader: writer.WriteArrayHeader((int)Value!); break;
            case WriteKind.MapHeader: writer.WriteMapHeader((int)Value!); break;
            case WriteKind.BinHeader: writer.WriteBinHeader((int)Value!); break;
            case WriteKind.Raw: writer.WriteRaw(((RawWrite)Value!).Bytes); break;
            default: throw new InvalidOperationException(Kind.ToString());
        }
    }

    /// <summary>Reads this value with the matching MessagePackReader method and checks it is the value written.</summary>
    public void AssertReadBack(ref MessagePackReader reader)
    {
        switch (Kind)
        {
            case WriteKind.Nil: Assert.True(reader.TryReadNil(), ToString()); break;
            case WriteKind.Boolean: Assert.Equal((bool)Value!, reader.ReadBoolean()); break;
            case WriteKind.Byte: Assert.Equal((byte)Value!, reader.ReadByte()); break;
            case WriteKind.SByte: Assert.Equal((sbyte)Value!, reader.ReadSByte()); break;
            case WriteKind.Int16: Assert.Equal((short)Value!, reader.ReadInt16()); break;
            case WriteKind.UInt16: Assert.Equal((ushort)Value!, reader.ReadUInt16()); break;
            case WriteKind.Int32: Assert.Equal((int)Value!, reader.ReadInt32()); break;
            case WriteKind.UInt32: Assert.Equal((uint)Value!, reader.ReadUInt32()); break;
            case WriteKind.Int64: Assert.Equal((long)Value!, reader.ReadInt64()); break;
            case WriteKind.UInt64: Assert.Equal((ulong)Value!, reader.ReadUInt64()); break;
            case WriteKind.Char: Assert.Equal((char)Value!, reader.ReadChar()); break;
            case WriteKind.Single: Assert.Equal(BitConverter.SingleToInt32Bits((float)Value!), BitConverter.SingleToInt32Bits(reader.ReadSingle())); break;
            case WriteKind.Double: Assert.Equal(BitConverter.DoubleToInt64Bits((double)Value!), BitConverter.DoubleToInt64Bits(reader.ReadDouble())); break;
            case WriteKind.ByteArray or WriteKind.ByteSpan: Assert.Equal((byte[]?)Value, reader.ReadBytes()?.ToArray()); break;
            case WriteKind.String:
                // Lenient UTF-8: what comes back is the string with each unpaired surrogate replaced by U+FFFD.
                string? expected = Value is string s ? Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(s)) : null;
                Assert.Equal(expected, reader.ReadString());
                break;
            default: throw new InvalidOperationException($"{Kind} is not read back");
        }
    }

    public override string ToString() => Value switch
    {
        null => $"{Kind}(null)",
        string s => $"{Kind}(\"{Escape(s)}\", {s.Length} chars)",
        byte[] b => $"{Kind}({b.Length} bytes)",
        RawWrite r => $"{Kind}({r.Bytes.Length} bytes, slack {r.Slack})",
        float f => $"{Kind}({f.ToString("R", CultureInfo.InvariantCulture)}, bits {BitConverter.SingleToInt32Bits(f):X8})",
        double d => $"{Kind}({d.ToString("R", CultureInfo.InvariantCulture)}, bits {BitConverter.DoubleToInt64Bits(d):X16})",
        char c => $"{Kind}(U+{(int)c:X4})",
        IFormattable v => $"{Kind}({v.ToString(null, CultureInfo.InvariantCulture)})",
        _ => $"{Kind}({Value})",
    };

    private static string Escape(string s)
    {
        var text = new StringBuilder();
        foreach (char c in s.Length <= 40 ? s : s[..40])
        {
            text.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}");
        }

        return s.Length <= 40 ? text.ToString() : text.Append("...").ToString();
    }
}

/// <summary>
/// Generators biased towards where a MessagePack writer goes wrong: every integer form boundary and its neighbours, every
/// width with equal weight (uniform 64-bit values would almost never be small), float bit patterns (NaN payloads,
/// subnormals, ±0, ±Inf), lone and paired surrogates, strings whose UTF-8 length crosses a header boundary, and
/// collection and bin sizes around 15/16, 255/256 and 65535/65536.
/// </summary>
public static class ValueWriterGenerators
{
    /// <summary>Where an integer's encoding changes form, and each type's extremes; tests also take ±1 around each.</summary>
    public static readonly Int128[] IntegerBoundaries =
    [
        0, 127, 128, 255, 256, sbyte.MaxValue, short.MaxValue, 32768, ushort.MaxValue, 65536, int.MaxValue, 1L << 31, uint.MaxValue,
        1L << 32, long.MaxValue, (Int128)long.MaxValue + 1, ulong.MaxValue, -1, -32, -33, sbyte.MinValue, -129, short.MinValue, -32769,
        int.MinValue, (long)int.MinValue - 1, long.MinValue,
    ];

    public static readonly float[] InterestingSingles =
    [
        float.NaN, -float.NaN, BitConverter.Int32BitsToSingle(0x7F80_0001), BitConverter.Int32BitsToSingle(0x7FC0_1234),
        BitConverter.Int32BitsToSingle(unchecked((int)0xFFFF_FFFF)), 0.0f, -0.0f, float.PositiveInfinity, float.NegativeInfinity,
        float.Epsilon, -float.Epsilon, BitConverter.Int32BitsToSingle(0x007F_FFFF), BitConverter.Int32BitsToSingle(0x0080_0000),
        float.MaxValue, float.MinValue, 1.0f, -1.0f, 0.1f, 16777217f,
    ];

    public static readonly double[] InterestingDoubles =
    [
        double.NaN, -double.NaN, BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), BitConverter.Int64BitsToDouble(0x7FF8_0000_0000_1234),
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFFF_FFFF_FFFF_FFFF)), 0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity,
        double.Epsilon, -double.Epsilon, BitConverter.Int64BitsToDouble(0x000F_FFFF_FFFF_FFFF), 2.2250738585072014E-308,
        double.MaxValue, double.MinValue, 1.0, -1.0, 0.1, 9007199254740993.0,
    ];

    /// <summary>Explicit strings, by name.</summary>
    public static readonly IReadOnlyDictionary<string, string?> StringCases = BuildStringCases();

    private static readonly char[] InterestingChars =
        ['\0', '\u007F', '\u0080', '\u00FF', '\u0100', '\uD7FF', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFFFD', '\uFFFF'];

    private static readonly string[] StringAtoms =
    [
        "a", "Z", "\0", "~", "\u007F", "\u0080", "\u00E9", "\u07FF", "\u0800", "\u65E5", "\uFFFD", "\uFFFF", "\U0001F600", "\U0010FFFF",
        "\uD800", "\uDBFF", "\uDC00", "\uDFFF",
    ];

    /// <summary>Counts around the fixstr/str8/str16 boundaries for repeated 1-, 2-, 3- and 4-byte atoms.</summary>
    private static readonly int[] RepeatCounts = [0, 1, 10, 11, 15, 16, 31, 32, 33, 63, 64, 84, 85, 86, 127, 128, 254, 255, 256];

    private static readonly int[] LongLengths = [16383, 16384, 16385, 21845, 21846, 32768, 65535, 65536];

    private static readonly int[] HeaderCounts = [0, 1, 15, 16, 17, 255, 256, 65535, 65536, 65537, int.MaxValue];

    private static readonly int[] BinLengths = [0, 1, 255, 256, 65535, 65536];

    private static readonly Gen<ulong> AnyBits = Gen.Zip(
        Gen.Choose(int.MinValue, int.MaxValue),
        Gen.Choose(int.MinValue, int.MaxValue),
        (high, low) => ((ulong)(uint)high << 32) | (uint)low);

    private static readonly Gen<byte> RandomBytes = Gen.Choose(0, 255).Select(b => (byte)b);

    public static Gen<byte> UInt8s { get; } = Unsigned(8).Select(v => (byte)v);

    public static Gen<sbyte> Int8s { get; } = Signed(8).Select(v => (sbyte)v);

    public static Gen<short> Int16s { get; } = Signed(16).Select(v => (short)v);

    public static Gen<ushort> UInt16s { get; } = Unsigned(16).Select(v => (ushort)v);

    public static Gen<int> Int32s { get; } = Signed(32).Select(v => (int)v);

    public static Gen<uint> UInt32s { get; } = Unsigned(32).Select(v => (uint)v);

    public static Gen<long> Int64s { get; } = Signed(64);

    public static Gen<ulong> UInt64s { get; } = Unsigned(64);

    public static Gen<char> Chars { get; } = Gen.Frequency(
        (1, Gen.Elements(InterestingChars)),
        (2, Unsigned(16).Select(v => (char)v)));

    public static Gen<float> Singles { get; } = Gen.Frequency(
        (2, Gen.Elements(InterestingSingles)),
        (3, AnyBits.Select(b => BitConverter.Int32BitsToSingle((int)b))),
        (1, Gen.Choose(-1000, 1000).Select(i => i / 8f)));

    public static Gen<double> Doubles { get; } = Gen.Frequency(
        (2, Gen.Elements(InterestingDoubles)),
        (3, AnyBits.Select(b => BitConverter.Int64BitsToDouble((long)b))),
        (1, Gen.Choose(-1000, 1000).Select(i => i / 8.0)));

    public static Gen<string?> Strings { get; } = Gen.Frequency(
        (1, Gen.Constant<string?>(null)),
        (2, Gen.Elements(StringCases.Values)),
        (6, Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements(StringAtoms), n)).Select(atoms => (string?)string.Concat(atoms))),
        (2, Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c), n)).Select(chars => (string?)new string(chars))),
        (3, Gen.Zip(Gen.Elements(StringAtoms), Gen.Elements(RepeatCounts), (atom, count) => (string?)string.Concat(Enumerable.Repeat(atom, count)))),
        (3, Gen.Zip(Gen.Choose(0, 300), Gen.Elements(StringAtoms), (asciiLength, tail) => (string?)(new string('x', asciiLength) + tail))),
        (1, Gen.Zip(Gen.Elements("x", "\u00E9", "\u65E5", "\U0001F600", "\uD800"), Gen.Elements(LongLengths), (atom, units) => (string?)Repeat(atom, units))));

    public static Gen<byte[]> NonNullByteArrays { get; } = Gen.Frequency(
        (1, Gen.Elements(BinLengths).Select(Pattern)),
        (4, Gen.Choose(0, 300).SelectMany(n => Gen.ArrayOf(RandomBytes, n))));

    public static Gen<byte[]?> ByteArrays { get; } = Gen.Frequency(
        (1, Gen.Constant<byte[]?>(null)),
        (8, NonNullByteArrays.Select(b => (byte[]?)b)));

    /// <summary>Non-negative element counts, boundaries and small counts weighted up.</summary>
    public static Gen<int> Counts { get; } = Gen.Frequency(
        (2, Gen.Elements(HeaderCounts)),
        (2, Gen.Choose(0, 40)),
        (1, Gen.Choose(0, int.MaxValue)));

    /// <summary>Bin header lengths: MessagePackWriter reserves room for the payload too, so these stay small enough to allocate.</summary>
    public static Gen<int> BinHeaderLengths { get; } = Gen.Frequency(
        (2, Gen.Elements(BinLengths)),
        (2, Gen.Choose(0, 300)),
        (1, Gen.Choose(0, 200_000)));

    public static Gen<WriteOp> Ops { get; } = Gen.OneOf(
        Gen.Constant(WriteOp.Nil()),
        Gen.Elements(false, true).Select(WriteOp.Boolean),
        UInt8s.Select(WriteOp.Byte),
        Int8s.Select(WriteOp.SByte),
        Int16s.Select(WriteOp.Int16),
        UInt16s.Select(WriteOp.UInt16),
        Int32s.Select(WriteOp.Int32),
        UInt32s.Select(WriteOp.UInt32),
        Int64s.Select(WriteOp.Int64),
        UInt64s.Select(WriteOp.UInt64),
        Chars.Select(WriteOp.Char),
        Singles.Select(WriteOp.Single),
        Doubles.Select(WriteOp.Double),
        ByteArrays.Select(WriteOp.ByteArray),
        NonNullByteArrays.Select(WriteOp.ByteSpan),
        Strings.Select(WriteOp.String),
        Strings.Select(WriteOp.String),
        Counts.Select(WriteOp.ArrayHeader),
        Counts.Select(WriteOp.MapHeader),
        BinHeaderLengths.Select(WriteOp.BinHeader),
        Gen.Zip(NonNullByteArrays, Gen.Elements(0, 1, 100, 3000), WriteOp.Raw));

    public static Gen<WriteOp[]> OpSequences { get; } = Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Ops, n));

    /// <summary>Deterministic, non-constant bytes.</summary>
    public static byte[] Pattern(int length)
    {
        byte[] bytes = new byte[length];
        for (int i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)((i * 31) + (i >> 8));
        }

        return bytes;
    }

    /// <summary>
    /// Unsigned values of at most <paramref name="bits"/> bits: boundaries, or a random bit length (so every encoded width is
    /// as likely as any other) filled with random bits.
    /// </summary>
    private static Gen<ulong> Unsigned(int bits)
    {
        ulong max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        ulong[] boundaries = [.. IntegerBoundaries.SelectMany(b => (Int128[])[b - 1, b, b + 1]).Where(b => b >= 0 && b <= max).Select(b => (ulong)b)];
        return Gen.Frequency(
            (1, Gen.Elements(boundaries)),
            (3, Gen.Zip(Gen.Choose(0, bits), AnyBits, (width, random) => width == 0 ? 0 : random >> (64 - width))));
    }

    /// <summary>Signed values of at most <paramref name="bits"/> bits, built like <see cref="Unsigned"/>; negatives as often as not.</summary>
    private static Gen<long> Signed(int bits)
    {
        long min = bits == 64 ? long.MinValue : -(1L << (bits - 1));
        long max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        long[] boundaries = [.. IntegerBoundaries.SelectMany(b => (Int128[])[b - 1, b, b + 1]).Where(b => b >= min && b <= max).Select(b => (long)b)];
        Gen<long> magnitudes = Gen.Zip(Gen.Choose(0, bits - 1), AnyBits, (width, random) => width == 0 ? 0 : (long)(random >> (64 - width)));
        return Gen.Frequency(
            (1, Gen.Elements(boundaries)),
            (3, Gen.Zip(magnitudes, Gen.Elements(false, true), (magnitude, negative) => negative ? ~magnitude : magnitude)));
    }

    /// <summary><paramref name="atom"/> repeated to about <paramref name="codeUnits"/> UTF-16 code units.</summary>
    private static string Repeat(string atom, int codeUnits) => string.Concat(Enumerable.Repeat(atom, Math.Max(1, codeUnits / atom.Length)));

    private static Dictionary<string, string?> BuildStringCases()
    {
        var cases = new Dictionary<string, string?>
        {
            ["null"] = null,
            ["empty"] = string.Empty,
            ["NUL"] = "\0",
            ["NULs inside"] = "a\0b\0\0c",
            ["40 NULs"] = new string('\0', 40),
            ["e acute"] = "\u00E9",
            ["Japanese"] = "\u65E5\u672C",
            ["emoji pair"] = "\U0001F600",
            ["emoji inside ASCII"] = "a\U0001F600b",
            ["U+10FFFF"] = "\U0010FFFF",
            ["U+FFFF"] = "\uFFFF",
            ["lone high"] = "\uD800",
            ["lone high DBFF"] = "\uDBFF",
            ["lone low"] = "\uDC00",
            ["lone low DFFF"] = "\uDFFF",
            ["lone high then ASCII"] = "\uD800a",
            ["ASCII then lone high"] = "a\uD83D",
            ["low then high"] = "\uDC00\uD800",
            ["31 ASCII then lone high"] = new string('a', 31) + "\uD83D",
            ["non-ASCII then 40000 ASCII"] = "\u00E9" + new string('a', 40000),
            ["29 ASCII + e acute (31 B, fixstr; str8 reserved)"] = new string('a', 29) + "\u00E9",
            ["30 ASCII + e acute (32 B, str8)"] = new string('a', 30) + "\u00E9",
            ["253 ASCII + e acute (255 B, str8; str16 reserved)"] = new string('a', 253) + "\u00E9",
            ["254 ASCII + e acute (256 B, str16)"] = new string('a', 254) + "\u00E9",
            ["15 e acute (30 B)"] = new string('\u00E9', 15),
            ["16 e acute (32 B)"] = new string('\u00E9', 16),
            ["127 e acute (254 B)"] = new string('\u00E9', 127),
            ["128 e acute (256 B)"] = new string('\u00E9', 128),
            ["10 nichi (30 B, fixstr; str8 reserved)"] = new string('\u65E5', 10),
            ["11 nichi (33 B, str8)"] = new string('\u65E5', 11),
            ["85 nichi (255 B)"] = new string('\u65E5', 85),
            ["86 nichi (258 B)"] = new string('\u65E5', 86),
            ["16384 e acute (worst case reserved)"] = new string('\u00E9', 16384),
            ["16385 e acute (counted exactly)"] = new string('\u00E9', 16385),
            ["16384 nichi"] = new string('\u65E5', 16384),
            ["21845 nichi (65535 B)"] = new string('\u65E5', 21845),
            ["21846 nichi (65538 B, str32)"] = new string('\u65E5', 21846),
            ["65533 ASCII + e acute (65535 B)"] = new string('a', 65533) + "\u00E9",
            ["65534 ASCII + e acute (65536 B, str32)"] = new string('a', 65534) + "\u00E9",
            ["16384 ASCII + lone high (counted exactly)"] = new string('a', 16384) + "\uD800",
            ["8193 emoji (16386 code units)"] = string.Concat(Enumerable.Repeat("\U0001F600", 8193)),
        };

        foreach (int length in (int[])[1, 31, 32, 255, 256, 65535, 65536])
        {
            cases[$"{length} ASCII"] = string.Create(length, 0, (span, _) =>
            {
                for (int i = 0; i < span.Length; i++)
                {
                    span[i] = (char)(' ' + (i % 95));
                }
            });
        }

        return cases;
    }
}

/// <summary>Lets FsCheck properties in <see cref="ValueWriterTests"/> take these types with the generators above.</summary>
public static class ValueWriterArbitraries
{
    public static Arbitrary<byte> Bytes() => Arb.From(ValueWriterGenerators.UInt8s);

    public static Arbitrary<sbyte> SBytes() => Arb.From(ValueWriterGenerators.Int8s);

    public static Arbitrary<short> Int16s() => Arb.From(ValueWriterGenerators.Int16s);

    public static Arbitrary<ushort> UInt16s() => Arb.From(ValueWriterGenerators.UInt16s);

    public static Arbitrary<int> Int32s() => Arb.From(ValueWriterGenerators.Int32s);

    public static Arbitrary<uint> UInt32s() => Arb.From(ValueWriterGenerators.UInt32s);

    public static Arbitrary<long> Int64s() => Arb.From(ValueWriterGenerators.Int64s);

    public static Arbitrary<ulong> UInt64s() => Arb.From(ValueWriterGenerators.UInt64s);

    public static Arbitrary<char> Chars() => Arb.From(ValueWriterGenerators.Chars);

    public static Arbitrary<float> Singles() => Arb.From(ValueWriterGenerators.Singles);

    public static Arbitrary<double> Doubles() => Arb.From(ValueWriterGenerators.Doubles);

    public static Arbitrary<string?> Strings() => Arb.From(ValueWriterGenerators.Strings);

    public static Arbitrary<byte[]?> ByteArrays() => Arb.From(ValueWriterGenerators.ByteArrays);

    public static Arbitrary<WriteOp> Ops() => Arb.From(ValueWriterGenerators.Ops);

    public static Arbitrary<WriteOp[]> OpSequences() => Arb.From(ValueWriterGenerators.OpSequences);
}
