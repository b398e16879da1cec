namespace TypedStore.Tests.Reliability;

/// <summary>The range <see cref="StoreOptions.StreamEvictionInterval"/> accepts is exactly what .NET timers accept.</summary>
public sealed class StreamEvictionIntervalLimitTests
{
    [Fact]
    public void TheLongestInterval_IsTheLongestTimerPeriod()
    {
        Assert.Equal(0xFFFFFFFEL, (long)StoreOptions.MaxStreamEvictionInterval.TotalMilliseconds);
        using (new Timer(static _ => { }, null, StoreOptions.MaxStreamEvictionInterval, StoreOptions.MaxStreamEvictionInterval))
        {
        }

        Assert.Throws<ArgumentOutOfRangeException>(
            () => new Timer(static _ => { }, null, Timeout.InfiniteTimeSpan, StoreOptions.MaxStreamEvictionInterval + TimeSpan.FromMilliseconds(1)));
    }

    [Fact]
    public void TheShortestInterval_IsOneMillisecond_BelowWhichATimerPeriodMeansFireOnce()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1), StoreOptions.MinStreamEvictionInterval);

        // Timer periods are whole milliseconds: anything shorter truncates to 0, "not periodic".
        Assert.Equal(0L, (long)(StoreOptions.MinStreamEvictionInterval - TimeSpan.FromTicks(1)).TotalMilliseconds);
    }
}
