using System.Runtime.CompilerServices;

namespace TypedStore.Tables;

/// <summary>
/// The <c>_updated</c> clock when <see cref="StoreOptions.TimeProvider"/> is <see cref="TimeProvider.System"/>:
/// the precise UTC clock, read at most once per tick of the operating system's coarse monotonic clock
/// (<see cref="Environment.TickCount64"/>) per thread, and repeated for every write in that tick.
/// </summary>
/// <remarks>
/// <para>
/// Why: a precise wall-clock read (<c>clock_gettime(CLOCK_REALTIME)</c>) costs ~24 ns on the reference
/// machine, about a third of the CPU the typed layer adds to a Put; the coarse monotonic read costs a few
/// nanoseconds (it reads a value the kernel updates on each timer interrupt).
/// </para>
/// <para>
/// Resolution: a value is never ahead of the wall clock and lags it by less than one coarse tick
/// (1–4 ms on Linux depending on the kernel's timer frequency, ~16 ms on Windows). Per thread the values
/// never decrease, except when the wall clock itself is stepped back by more than
/// <see cref="MaximumHeldStepBack"/>: a smaller step back is held (the last value repeats until the wall
/// clock catches up), a larger one is followed, as a precise read would.
/// </para>
/// <para>
/// Per thread, so a read takes no lock, no interlocked operation and allocates nothing; threads each read
/// the precise clock once per coarse tick.
/// </para>
/// </remarks>
internal static class CoarseUtcClock
{
    /// <summary>The largest step back of the wall clock that is held rather than followed.</summary>
    internal static readonly long MaximumHeldStepBack = TimeSpan.TicksPerSecond;

    [ThreadStatic]
    private static long t_coarseTick;

    [ThreadStatic]
    private static long t_utcTicks;

    /// <summary>Now, as UTC ticks, at the resolution described on the type.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long GetUtcNowTicks()
    {
        long coarseTick = Environment.TickCount64;
        long utcTicks = t_utcTicks;

        // t_utcTicks is 0 only before this thread's first read: the first read always refreshes.
        if (coarseTick == t_coarseTick && utcTicks != 0)
        {
            return utcTicks;
        }

        return Refresh(coarseTick, utcTicks);
    }

    /// <summary>
    /// The value to give out after the wall clock read <paramref name="wallClockTicks"/> when this thread last gave
    /// out <paramref name="previousUtcTicks"/> (0 for none): the wall clock, unless it went back by at most
    /// <see cref="MaximumHeldStepBack"/>, in which case the previous value again.
    /// </summary>
    internal static long NextValue(long wallClockTicks, long previousUtcTicks)
        => wallClockTicks < previousUtcTicks && previousUtcTicks - wallClockTicks <= MaximumHeldStepBack
            ? previousUtcTicks
            : wallClockTicks;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long Refresh(long coarseTick, long previousUtcTicks)
    {
        long now = NextValue(DateTime.UtcNow.Ticks, previousUtcTicks);
        t_coarseTick = coarseTick;
        t_utcTicks = now;
        return now;
    }
}
