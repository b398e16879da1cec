using MessagePack;
using TypedStore.Time;
using TypedStore.Values;

namespace TypedStore.Tests.Time;

/// <summary><see cref="LocalTimeConversion"/> in named zones, without touching the process's zone.</summary>
public sealed class LocalTimeConversionTests
{
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    [Fact]
    public void ReadingsWhoseInstantIsOutsideTheRange_AreRefused_InsteadOfClampedOntoOneInstant()
    {
        var nearMin = new DateTime(DateTime.MinValue.Ticks + TimeSpan.TicksPerHour);
        var nearMax = new DateTime(DateTime.MaxValue.Ticks - TimeSpan.TicksPerHour);

        Assert.Throws<ArgumentException>(() => LocalTimeConversion.ToUtcTicks(DateTime.MinValue, Tokyo, "x"));
        Assert.Throws<ArgumentException>(() => LocalTimeConversion.ToUtcTicks(nearMin, Tokyo, "x"));
        Assert.Throws<ArgumentException>(() => LocalTimeConversion.ToUtcTicks(DateTime.MaxValue, LosAngeles, "x"));
        Assert.Throws<ArgumentException>(() => LocalTimeConversion.ToUtcTicks(nearMax, LosAngeles, "x"));

        Assert.Equal(nearMax.Ticks - Tokyo.GetUtcOffset(nearMax).Ticks, LocalTimeConversion.ToUtcTicks(nearMax, Tokyo, "x"));
        Assert.Equal(nearMin.Ticks - LosAngeles.GetUtcOffset(nearMin).Ticks, LocalTimeConversion.ToUtcTicks(nearMin, LosAngeles, "x"));
    }

    [Fact]
    public void GapReadings_AreRefused_AmbiguousReadingsAreStandardTime_WithoutTheDaylightBit()
    {
        ArgumentException gap = Assert.Throws<ArgumentException>(() => LocalTimeConversion.ToUtcTicks(new DateTime(2026, 3, 8, 2, 30, 0), LosAngeles, "A DateTime key part"));
        Assert.Contains("does not exist in time zone 'America/Los_Angeles'", gap.Message, StringComparison.Ordinal);

        Assert.Equal(new DateTime(2026, 11, 1, 9, 30, 0).Ticks, LocalTimeConversion.ToUtcTicks(new DateTime(2026, 11, 1, 1, 30, 0), LosAngeles, "x"));
        Assert.Equal(new DateTime(2026, 3, 8, 10, 30, 0).Ticks, LocalTimeConversion.ToUtcTicks(new DateTime(2026, 3, 8, 3, 30, 0), LosAngeles, "x"));
    }

    [Fact]
    public void LocalValues_AreWrittenInToBinarysFormat()
    {
        DateTime[] values = [DateTime.Now, new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Local), new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Local)];
        foreach (DateTime value in values)
        {
            var writer = new ValueWriter(new byte[16]);
            ValueFormat.WriteDateTime(ref writer, value);
            var reader = new MessagePackReader(writer.WrittenSpan.ToArray());
            Assert.Equal(value.ToBinary(), reader.ReadInt64());
            writer.Dispose();
        }
    }
}
