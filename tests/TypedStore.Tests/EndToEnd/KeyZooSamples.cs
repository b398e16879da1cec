namespace TypedStore.Tests.EndToEnd;

/// <summary>Two keys using every key part type: one at the low end of each type, one at the high end.</summary>
internal static class KeyZooSamples
{
    public static KeyZoo Low() => new(
        false, byte.MinValue, sbyte.MinValue, short.MinValue, ushort.MinValue, int.MinValue, uint.MinValue, long.MinValue, ulong.MinValue,
        float.NegativeInfinity, -1e300, new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(-8)),
        DateOnly.MinValue, TimeSpan.MinValue, Mood.Sad, [], Guid.Empty, "", "low");

    public static KeyZoo High() => new(
        true, byte.MaxValue, sbyte.MaxValue, short.MaxValue, ushort.MaxValue, int.MaxValue, uint.MaxValue, long.MaxValue, ulong.MaxValue,
        float.MaxValue, double.NaN, new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero),
        DateOnly.MaxValue, TimeSpan.MaxValue, Mood.Happy, [0, 0xFF, 0], Guid.AllBitsSet, "\u00ff\u0000\uffff", "high");

    public static void AssertSameKey(KeyZoo expected, KeyZoo actual)
    {
        Assert.Equal(
            (expected.Flag, expected.U8, expected.I8, expected.I16, expected.U16, expected.I32, expected.U32, expected.I64, expected.U64),
            (actual.Flag, actual.U8, actual.I8, actual.I16, actual.U16, actual.I32, actual.U32, actual.I64, actual.U64));
        Assert.Equal(expected.F32, actual.F32);
        Assert.Equal(expected.F64, actual.F64);
        Assert.Equal(expected.When, actual.When);
        Assert.Equal(DateTimeKind.Utc, actual.When.Kind);

        // The key keeps the instant, not the offset (docs/key-encoding.md).
        Assert.Equal(expected.WhenOffset.UtcDateTime, actual.WhenOffset.UtcDateTime);
        Assert.Equal((expected.Day, expected.Span, expected.Mood, expected.Id, expected.Text, expected.Payload), (actual.Day, actual.Span, actual.Mood, actual.Id, actual.Text, actual.Payload));
        Assert.Equal(expected.Raw, actual.Raw);
    }
}
