using TypedStore.Features.Streams;

namespace TypedStore.Tests.Lifecycle;

/// <summary>Time-ordered ids: (unix ms &lt;&lt; 12) | counter, unique and increasing whatever the clock does.</summary>
public sealed class TimeOrderedIdGeneratorTests
{
    private const long Ms = 1_772_366_400_000; // 2026-03-01T12:00:00Z in unix milliseconds

    [Fact]
    public void SameMillisecond_Counts_NewMillisecond_StartsAtItsFirstId()
    {
        var ids = new TimeOrderedIdGenerator();

        Assert.Equal(Ms << 12, ids.Next(Ms));
        Assert.Equal((Ms << 12) + 1, ids.Next(Ms));
        Assert.Equal((Ms + 3) << 12, ids.Next(Ms + 3));
    }

    [Fact]
    public void ClockSteppingBack_KeepsCountingFromTheLastId()
    {
        var ids = new TimeOrderedIdGenerator();
        long last = ids.Next(Ms);

        Assert.Equal(last + 1, ids.Next(Ms - 60_000));
        Assert.Equal(last + 2, ids.Next(Ms));
    }

    [Fact]
    public void MoreThan4096IdsInAMillisecond_CarryIntoTheNext_StillUnique()
    {
        var ids = new TimeOrderedIdGenerator();
        long[] burst = Enumerable.Range(0, 4097).Select(_ => ids.Next(Ms)).ToArray();

        Assert.Equal((Ms + 1) << 12, burst[^1]);
        Assert.Equal(((Ms + 1) << 12) + 1, ids.Next(Ms + 1)); // the next millisecond's first id is taken already
    }

    [Fact]
    public void Observe_MakesEveryLaterIdGreaterThanTheStoredOne()
    {
        var ids = new TimeOrderedIdGenerator();
        long stored = (Ms + 10_000) << 12;

        ids.Observe(stored);
        ids.Observe(Ms << 12); // a smaller one changes nothing

        Assert.Equal(stored + 1, ids.Next(Ms));
    }

    [Fact]
    public void ConcurrentCallers_GetUniqueIds_IncreasingPerCaller()
    {
        var ids = new TimeOrderedIdGenerator();
        const int Threads = 4;
        const int PerThread = 20_000;
        var results = new long[Threads][];

        Parallel.For(0, Threads, t =>
        {
            results[t] = new long[PerThread];
            for (int i = 0; i < PerThread; i++)
            {
                results[t][i] = ids.Next(Ms + (i / 1000));
            }
        });

        Assert.Equal(Threads * PerThread, results.SelectMany(r => r).Distinct().Count());
        Assert.All(results, r => Assert.True(r.Zip(r.Skip(1)).All(p => p.First < p.Second)));
    }

    [Fact]
    public void AfterTheLargestId_NextFailsClearly()
    {
        var ids = new TimeOrderedIdGenerator();
        ids.Observe(long.MaxValue);

        Assert.Throws<InvalidOperationException>(() => ids.Next(Ms));
    }
}
