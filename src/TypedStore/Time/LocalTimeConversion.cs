using System.Globalization;

namespace TypedStore.Time;

/// <summary>
/// Converts local clock times to UTC instants exactly, or refuses them. <see cref="DateTime.ToUniversalTime"/> and
/// <see cref="DateTime.ToBinary"/> never fail: a local time whose instant lies before 0001-01-01Z or after 9999-12-31Z
/// is clamped to the end of the range, and a time inside a spring-forward gap (a clock reading that never happens)
/// is given the instant of another reading. Either way two different local times become one instant, so two keys
/// became one row. Every place that turns a <see cref="DateTimeKind.Local"/> value into an instant goes through here.
/// </summary>
/// <remarks>
/// The ambiguous hour of a fall-back change is not refused: a <see cref="DateTimeKind.Local"/> value made by
/// <see cref="DateTime.ToLocalTime"/> carries a hidden bit saying which of its two instants it is, and
/// <see cref="TimeZoneInfo.ConvertTimeToUtc(DateTime, TimeZoneInfo)"/> honours it (a value without it is read as
/// standard time, as .NET does everywhere).
/// </remarks>
internal static class LocalTimeConversion
{
    /// <summary>
    /// The UTC ticks of <paramref name="localTime"/>, a clock reading in <paramref name="zone"/>:
    /// <see cref="DateTimeKind.Local"/> with <see cref="TimeZoneInfo.Local"/> (production), or
    /// <see cref="DateTimeKind.Unspecified"/> with any zone.
    /// </summary>
    /// <param name="localTime">The clock reading.</param>
    /// <param name="zone">The zone it is read in.</param>
    /// <param name="what">What the value is, for the message (e.g. "A DateTime key part").</param>
    /// <exception cref="ArgumentException">The reading falls in a gap of <paramref name="zone"/>, or its instant is outside <see cref="DateTime"/>'s range.</exception>
    public static long ToUtcTicks(DateTime localTime, TimeZoneInfo zone, string what)
    {
        if (zone.IsInvalidTime(localTime))
        {
            throw new ArgumentException(
                $"{what} is the local time {Render(localTime)}, which does not exist in time zone '{zone.Id}' (the clock skips it when " +
                "daylight saving time starts), so it stands for no instant. Use a UTC DateTime, or a local time that exists.",
                nameof(localTime));
        }

        // Conversion clamps instants outside DateTime's range (in either direction); the way back shows it.
        DateTime utc = TimeZoneInfo.ConvertTimeToUtc(localTime, zone);
        if (TimeZoneInfo.ConvertTimeFromUtc(utc, zone).Ticks != localTime.Ticks)
        {
            throw new ArgumentException(
                $"{what} is the local time {Render(localTime)}, whose instant in time zone '{zone.Id}' lies outside the range of a UTC " +
                "DateTime (0001-01-01T00:00:00Z to 9999-12-31T23:59:59.9999999Z), so it cannot be stored exactly. " +
                "Use a UTC DateTime, or a local time further from DateTime.MinValue/MaxValue.",
                nameof(localTime));
        }

        return utc.Ticks;
    }

    /// <summary>
    /// The local ticks in <paramref name="zone"/> of the instant <paramref name="utcTicks"/>, which may lie outside
    /// DateTime's range (old values stored by <see cref="DateTime.ToBinary"/>), or <see langword="null"/> when no
    /// DateTime can hold that local time. Out-of-range instants use the offset of the nearer end of the range, as
    /// <see cref="DateTime.FromBinary"/> does.
    /// </summary>
    public static long? ToLocalTicks(long utcTicks, TimeZoneInfo zone)
    {
        TimeSpan offset = utcTicks < 0 ? zone.GetUtcOffset(DateTime.MinValue)
            : utcTicks > DateTime.MaxValue.Ticks ? zone.GetUtcOffset(DateTime.MaxValue)
            : zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
        long local = utcTicks + offset.Ticks;
        return (ulong)local <= (ulong)DateTime.MaxValue.Ticks ? local : null;
    }

    private static string Render(DateTime value) => value.Ticks.ToString(CultureInfo.InvariantCulture) + " ticks (" + value.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + ")";
}
