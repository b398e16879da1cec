using FsCheck;
using FsCheck.Fluent;

namespace TypedStore.Tests.Keys;

/// <summary>
/// FsCheck generators for key tuples, biased towards the values where order-preserving encodings
/// go wrong: extremes, ±0.0, NaNs (several payloads), infinities, empty strings and arrays,
/// embedded 0x00/0xFF, strings that are prefixes of one another, characters around the UTF-8
/// length boundaries and above U+FFFF. Uniform random values are mixed in, not relied on.
/// </summary>
public static class KeyTupleGenerators
{
    private static readonly string[] InterestingStrings =
    [
        "", "a", "b", "ab", "u1", "u10", "u1\0x", "u1:x", "u2", "\0", "\0\0", "a\0", "a\0b", "\u0001", "\u007F",
        "\u0080", "\u00E9", "\u00FF", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF",
        "\U0001F600", "\U00010000", "\U0010FFFF", "a\U0001F600", "a\uFFFF",
    ];

    private static readonly string[] StringAtoms =
        ["\0", "a", "b", "0", "1", ":", "\u0001", "\u00E9", "\u07FF", "\u0800", "\uE000", "\uFFFF", "\U0001F600", "\U00010000"];

    private static readonly string[] NearStringSuffixes = ["\0", "\0\0", "\0x", "0", ":", "a", "\u0001", "\uFFFF", "\U0001F600", "\uE000"];

    private static readonly byte[][] InterestingByteArrays =
    [
        [], [0x00], [0xFF], [0x00, 0x00], [0xFF, 0xFF], [0x00, 0xFF], [0xFF, 0x00], [0x01], [0xFE], [0x00, 0x01], [0x7F], [0x80],
    ];

    private static readonly long[] InterestingInt64s =
        [long.MinValue, long.MinValue + 1, -256, -1, 0, 1, 255, 256, int.MinValue, int.MaxValue, (long)int.MaxValue + 1, long.MaxValue - 1, long.MaxValue];

    private static readonly int[] InterestingInt32s = [int.MinValue, int.MinValue + 1, -256, -1, 0, 1, 255, 256, int.MaxValue - 1, int.MaxValue];

    private static readonly double[] InterestingDoubles =
    [
        double.NaN,
        -double.NaN,
        BitConverter.Int64BitsToDouble(0x7FF0_0000_0000_0001), // signalling NaN
        BitConverter.Int64BitsToDouble(unchecked((long)0xFFFF_FFFF_FFFF_FFFF)), // negative NaN, all payload bits
        0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon,
        double.MaxValue, double.MinValue, 1.0, -1.0, 0.1, -0.1, 2.2250738585072014E-308, // smallest normal
    ];

    private static readonly DateTime[] InterestingDateTimes =
    [
        DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc),
        DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc),
        DateTime.UnixEpoch,
        new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    ];

    /// <summary>Any 64 bits.</summary>
    private static readonly Gen<long> AnyInt64 = Gen.Zip(
        Gen.Choose(int.MinValue, int.MaxValue),
        Gen.Choose(int.MinValue, int.MaxValue),
        (high, low) => ((long)high << 32) | (uint)low);

    private static readonly Gen<byte> Bytes = Gen.Frequency(
        (3, Gen.Elements<byte>(0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF)),
        (2, Gen.Choose(0, 255).Select(b => (byte)b)));

    private static readonly Gen<string> StringAtom = Gen.Frequency(
        (6, Gen.Elements(StringAtoms)),
        (1, Gen.Choose(0, 0xFFFF - 0x800).Select(c => ((char)(c < 0xD800 ? c : c + 0x800)).ToString())), // BMP, no surrogates
        (1, Gen.Choose(0x10000, 0x10FFFF).Select(char.ConvertFromUtf32)));

    public static Gen<string> Strings { get; } = Gen.Frequency(
        (3, Gen.Elements(InterestingStrings)),
        (4, Gen.Choose(0, 6).SelectMany(n => Gen.ArrayOf(StringAtom, n)).Select(string.Concat)),
        (1, Gen.Choose(7, 40).SelectMany(n => Gen.ArrayOf(StringAtom, n)).Select(string.Concat)));

    public static Gen<byte[]> ByteArrays { get; } = Gen.Frequency(
        (2, Gen.Elements(InterestingByteArrays)),
        (4, Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(Bytes, n))));

    public static Gen<long> Int64s { get; } = Gen.Frequency(
        (2, Gen.Elements(InterestingInt64s)),
        (2, Gen.Choose(-3, 3).Select(i => (long)i)),
        (2, AnyInt64));

    public static Gen<int> Int32s { get; } = Gen.Frequency(
        (2, Gen.Elements(InterestingInt32s)),
        (2, Gen.Choose(-3, 3)),
        (2, Gen.Choose(int.MinValue, int.MaxValue)));

    /// <summary>Random bit patterns reach subnormals and NaN payloads; small quarters collide often.</summary>
    public static Gen<double> Doubles { get; } = Gen.Frequency(
        (3, Gen.Elements(InterestingDoubles)),
        (2, Gen.Choose(-8, 8).Select(i => i / 4.0)),
        (2, AnyInt64.Select(BitConverter.Int64BitsToDouble)));

    public static Gen<Guid> Guids { get; } = Gen.Frequency(
        (1, Gen.Elements(Guid.Empty, Guid.AllBitsSet)),
        (2, Gen.ArrayOf(Bytes, 16).Select(b => new Guid(b))),
        (3, Gen.Zip(Gen.Choose(0, 2000), Gen.ArrayOf(Bytes, 10), Version7)));

    public static Gen<DateTime> DateTimes { get; } = Gen.Frequency(
        (1, Gen.Elements(InterestingDateTimes)),
        (2, Gen.Zip(Gen.Choose(-3, 3), Gen.Elements(DateTimeKind.Utc, DateTimeKind.Local), (delta, kind) => new DateTime(638396640000000000 + delta, kind))),
        (2, Gen.Zip(AnyInt64, Gen.Elements(DateTimeKind.Utc, DateTimeKind.Local), (bits, kind) => new DateTime(bits & 0x1FFF_FFFF_FFFF_FFFF, kind))));

    public static Gen<KeyPartSpec> PartSpecs { get; } = Gen.Zip(
        Gen.Elements(Enum.GetValues<KeyPartKind>()),
        Gen.Elements(false, true),
        (kind, descending) => new KeyPartSpec(kind, descending));

    public static Gen<KeyPartSpec[]> Schemas { get; } = Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(PartSpecs, n));

    public static Gen<object> ValuesOf(KeyPartKind kind) => kind switch
    {
        KeyPartKind.String => Strings.Select(v => (object)v),
        KeyPartKind.Bytes => ByteArrays.Select(v => (object)v),
        KeyPartKind.Int64 => Int64s.Select(v => (object)v),
        KeyPartKind.Int32 => Int32s.Select(v => (object)v),
        KeyPartKind.Double => Doubles.Select(v => (object)v),
        KeyPartKind.Boolean => Gen.Elements(false, true).Select(v => (object)v),
        KeyPartKind.Guid => Guids.Select(v => (object)v),
        KeyPartKind.DateTime => DateTimes.Select(v => (object)v),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static Gen<KeyTuple> TuplesOf(IReadOnlyList<KeyPartSpec> schema)
        => Gen.CollectToArray(schema, part => ValuesOf(part.Kind)).Select(values => new KeyTuple(schema, values));

    /// <summary>
    /// Pairs of tuples under one schema. Independent random tuples almost never tie on their first
    /// part, so most pairs are related: equal, or equal up to part k where the right tuple holds a
    /// value next to the left one (±1, the next double, a string extended by "\0" or truncated...).
    /// </summary>
    public static Gen<KeyTuplePair> Pairs { get; } =
        from schema in Schemas
        from left in TuplesOf(schema)
        from right in Gen.Frequency(
            (1, Gen.Constant(left)),
            (5, RelatedTo(left)),
            (2, TuplesOf(schema)))
        select new KeyTuplePair(left, right);

    private static Gen<KeyTuple> RelatedTo(KeyTuple tuple) =>
        from k in Gen.Choose(0, tuple.Values.Count - 1)
        from near in NextTo(tuple.Schema[k].Kind, tuple.Values[k])
        from rest in Gen.CollectToArray(tuple.Schema.Skip(k + 1), part => ValuesOf(part.Kind))
        select new KeyTuple(tuple.Schema, [.. tuple.Values.Take(k), near, .. rest]);

    private static Gen<object> NextTo(KeyPartKind kind, object value) => Gen.Frequency(
        (4, NearValues(kind, value)),
        (1, ValuesOf(kind)));

    private static Gen<object> NearValues(KeyPartKind kind, object value)
    {
        switch (kind)
        {
            case KeyPartKind.String:
                string s = (string)value;
                return Gen.Frequency(
                    (3, Gen.Elements(NearStringSuffixes).Select(suffix => (object)(s + suffix))),
                    (2, Gen.Choose(0, s.Length).Select(n => (object)TruncateWhole(s, n))));
            case KeyPartKind.Bytes:
                byte[] b = (byte[])value;
                return Gen.Frequency(
                    (3, Gen.Elements<byte>(0x00, 0x01, 0xFE, 0xFF).Select(extra => (object)(byte[])[.. b, extra])),
                    (2, Gen.Choose(0, b.Length).Select(n => (object)b[..n])));
            case KeyPartKind.Int64:
                long l = (long)value;
                return Gen.Elements<object>(unchecked(l - 1), unchecked(l + 1), unchecked(-l), l);
            case KeyPartKind.Int32:
                int i = (int)value;
                return Gen.Elements<object>(unchecked(i - 1), unchecked(i + 1), unchecked(-i), i);
            case KeyPartKind.Double:
                double d = (double)value;
                return Gen.Elements<object>(Math.BitIncrement(d), Math.BitDecrement(d), -d, d, double.NaN);
            case KeyPartKind.Boolean:
                return Gen.Elements<object>(!(bool)value, value);
            case KeyPartKind.Guid:
                Guid g = (Guid)value;
                return Gen.Elements<object>(AddToLastByte(g, 1), AddToLastByte(g, -1), g);
            case KeyPartKind.DateTime:
                DateTime t = (DateTime)value;
                return Gen.Elements<object>(AddTicksClamped(t, 1), AddTicksClamped(t, -1), t.ToLocalTime(), t.ToUniversalTime());
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    /// <summary>The first n UTF-16 units, minus a high surrogate left without its partner.</summary>
    private static string TruncateWhole(string value, int n)
        => n > 0 && char.IsHighSurrogate(value[n - 1]) ? value[..(n - 1)] : value[..n];

    private static Guid AddToLastByte(Guid value, int delta)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[15] = unchecked((byte)(bytes[15] + delta));
        return new Guid(bytes, bigEndian: true);
    }

    private static DateTime AddTicksClamped(DateTime value, long ticks)
    {
        long result = Math.Clamp(value.Ticks + ticks, 0, DateTime.MaxValue.Ticks);
        return new DateTime(result, value.Kind);
    }

    /// <summary>An RFC 9562 version-7 GUID: 48-bit Unix milliseconds, version 7, variant 10, random rest.</summary>
    private static Guid Version7(int millisecondsAfterBase, byte[] random)
    {
        const long BaseMilliseconds = 1_700_000_000_000; // November 2023
        long ms = BaseMilliseconds + millisecondsAfterBase;
        Span<byte> bytes = stackalloc byte[16];
        for (int i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (40 - (8 * i)));
        }

        random.CopyTo(bytes[6..]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}

/// <summary>Lets FsCheck properties take a <see cref="KeyTuplePair"/> parameter.</summary>
public static class KeyTupleArbitraries
{
    public static Arbitrary<KeyTuplePair> Pairs() => Arb.From(KeyTupleGenerators.Pairs);
}
