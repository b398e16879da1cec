using TypedStore.Tables;

namespace TypedStore.Tests.Tables;

/// <summary>
/// The <c>_updated</c> clock on <see cref="TimeProvider.System"/>: never ahead of the wall clock, behind it by at most
/// one coarse OS tick, not decreasing on a thread; any other provider is used exactly. The bounds are checked against
/// wall-clock reads taken around each call, so a descheduled test thread cannot make them fail.
/// </summary>
public class CoarseUtcClockTests
{
    // Longer than a coarse tick on any supported OS (1-4 ms on Linux, ~16 ms on Windows), far shorter than a real lag bug.
    private static readonly long TickBound = TimeSpan.FromMilliseconds(100).Ticks;

    [Fact]
    public void GetUtcNowTicks_IsNeverAheadOfTheWallClock_NorBehindByMoreThanACoarseTick()
    {
        for (int i = 0; i < 20_000; i++)
        {
            long before = DateTime.UtcNow.Ticks;
            long value = CoarseUtcClock.GetUtcNowTicks();
            long after = DateTime.UtcNow.Ticks;

            Assert.True(value <= after, $"read {i}: {value} is ahead of the wall clock {after}");
            Assert.True(before - value < TickBound, $"read {i}: {value} lags the wall clock {before} by {before - value} ticks");
        }
    }

    [Fact]
    public void GetUtcNowTicks_NeverDecreasesOnAThread_AndAdvances()
    {
        long first = CoarseUtcClock.GetUtcNowTicks();
        long previous = first;
        long deadline = Environment.TickCount64 + 5_000;
        while (previous == first && Environment.TickCount64 < deadline)
        {
            long value = CoarseUtcClock.GetUtcNowTicks();
            Assert.True(value >= previous, $"{value} < {previous}");
            previous = value;
        }

        Assert.True(previous > first, "the clock did not advance in 5 s");
    }

    [Fact]
    public void NextValue_FollowsTheWallClockForward()
    {
        Assert.Equal(1_000_000L, CoarseUtcClock.NextValue(1_000_000, previousUtcTicks: 999_999));
        Assert.Equal(1_000_000L, CoarseUtcClock.NextValue(1_000_000, previousUtcTicks: 0));
    }

    [Fact]
    public void NextValue_HoldsASmallStepBack()
    {
        long previous = 100 * TimeSpan.TicksPerSecond;
        Assert.Equal(previous, CoarseUtcClock.NextValue(previous - 1, previous));
        Assert.Equal(previous, CoarseUtcClock.NextValue(previous - CoarseUtcClock.MaximumHeldStepBack, previous));
    }

    [Fact]
    public void NextValue_FollowsALargeStepBack()
    {
        long previous = 100 * TimeSpan.TicksPerSecond;
        long stepped = previous - CoarseUtcClock.MaximumHeldStepBack - 1;
        Assert.Equal(stepped, CoarseUtcClock.NextValue(stepped, previous));
    }

    [Fact]
    public void StoreRuntime_OnTheSystemClock_StampsWithinACoarseTickOfTheWallClock()
    {
        using StoreRuntime runtime = StoreRuntime.Create("MetricStore", new SingleValueEngine("metrics"));
        long before = DateTime.UtcNow.Ticks;
        long value = runtime.GetUtcNowTicks();
        long after = DateTime.UtcNow.Ticks;

        Assert.InRange(value, before - TickBound, after);
    }

    [Fact]
    public void StoreRuntime_OnAnyOtherProvider_AsksItOnEveryCallAndUsesItsAnswerExactly()
    {
        var clock = new CountingClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(7));
        using StoreRuntime runtime = StoreRuntime.Create("MetricStore", new SingleValueEngine("metrics"), new StoreOptions { TimeProvider = clock });

        Assert.Equal(clock.Now.UtcTicks, runtime.GetUtcNowTicks());
        clock.Now = clock.Now.AddTicks(1);
        Assert.Equal(clock.Now.UtcTicks, runtime.GetUtcNowTicks());
        Assert.Equal(2, clock.Reads);
    }

    private sealed class CountingClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public int Reads { get; private set; }

        public override DateTimeOffset GetUtcNow()
        {
            Reads++;
            return Now;
        }
    }
}
