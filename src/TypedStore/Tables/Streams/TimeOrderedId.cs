namespace TypedStore.Tables.Streams;

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

    /// <summary>The smallest id of millisecond <paramref name="unixMilliseconds"/>.</summary>
    public static long FirstOf(long unixMilliseconds) => unixMilliseconds << CounterBits;

    /// <summary>The unix millisecond an id was assigned in (or, after a burst, the one its counter carried into).</summary>
    public static long MillisecondsOf(long id) => id >> CounterBits;
}
