namespace TypedStore.Features.Streams;

/// <summary>
/// The layout of a stream table's time-ordered ids: <c>(unix milliseconds &lt;&lt; 12) | counter</c>, a signed
/// 64-bit value whose order is time order. 4 096 ids per millisecond before the counter carries into the next
/// millisecond (still unique and increasing, a little ahead of the clock). Every <see cref="DateTimeOffset"/>
/// fits: year 1 to 9999 is within ±2^48 ms, so the shift never overflows.
/// </summary>
internal static class TimeOrderedId
{
    /// <summary>Bits of the per-millisecond counter.</summary>
    public const int CounterBits = 12;

    /// <summary>
    /// How far ahead of the clock an id a caller writes itself (a stream row <c>Put</c> with its own id) may be. The
    /// generator moves past every id written, and its durable reservation never moves back, so one id dated far ahead
    /// would make every later <c>Append</c> hand out ids of that date, and the rows' TTL ages (taken from the id)
    /// would never come: expiry would stop for good. An hour covers clock skew between machines that replicate rows.
    /// </summary>
    public static readonly TimeSpan MaxLeadOverClock = TimeSpan.FromHours(1);

    /// <summary>The smallest id of millisecond <paramref name="unixMilliseconds"/>.</summary>
    public static long FirstOf(long unixMilliseconds) => unixMilliseconds << CounterBits;

    /// <summary>The unix millisecond an id was assigned in (or, after a burst, the one its counter carried into).</summary>
    public static long MillisecondsOf(long id) => id >> CounterBits;
}
