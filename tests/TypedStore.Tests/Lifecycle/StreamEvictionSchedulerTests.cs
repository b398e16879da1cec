using System.Collections.Concurrent;
using TypedStore.Features.Streams;

namespace TypedStore.Tests.Lifecycle;

/// <summary>The background eviction's guarantees: one pass at a time, errors kept not thrown, and Dispose waits for a running pass.</summary>
public sealed class StreamEvictionSchedulerTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Dispose_WaitsForARunningEviction_AndNoEvictionRunsAfterwards()
    {
        var scheduler = new StreamEvictionScheduler(_clock, TimeSpan.FromSeconds(1));
        var table = new BlockingTable();
        scheduler.Register(table);
        ManualTimer timer = Assert.Single(_clock.Timers);
        var order = new ConcurrentQueue<string>();
        table.Finished = () => order.Enqueue("eviction finished");

        var eviction = new Thread(timer.Fire);
        eviction.Start();
        table.Entered.Wait();
        var dispose = new Thread(() =>
        {
            scheduler.Dispose();
            order.Enqueue("dispose returned");
        });
        dispose.Start();

        // Give a Dispose that does not wait every chance to return while the eviction is still blocked.
        dispose.Join(TimeSpan.FromMilliseconds(100));
        table.Release.Set();
        eviction.Join();
        dispose.Join();

        Assert.Equal(["eviction finished", "dispose returned"], order);
        Assert.True(timer.IsDisposed);
        timer.FireEvenIfDisposed();
        Assert.Equal(1, table.Calls);
    }

    [Fact]
    public void ATick_WhileAPassIsRunning_IsSkipped()
    {
        using var scheduler = new StreamEvictionScheduler(_clock, TimeSpan.FromSeconds(1));
        var table = new BlockingTable();
        scheduler.Register(table);
        ManualTimer timer = Assert.Single(_clock.Timers);

        var first = new Thread(timer.Fire);
        first.Start();
        table.Entered.Wait();
        timer.Fire(); // returns at once: the gate is taken
        table.Release.Set();
        first.Join();

        Assert.Equal(1, table.Calls);
    }

    [Fact]
    public void AFailingEviction_IsKept_NotThrown_AndTheNextTickRunsAgain()
    {
        using var scheduler = new StreamEvictionScheduler(_clock, TimeSpan.FromSeconds(1));
        var failure = new StorageEngineException("disk full");
        var table = new BlockingTable { Failure = failure };
        table.Release.Set();
        scheduler.Register(table);
        ManualTimer timer = Assert.Single(_clock.Timers);

        timer.Fire();
        timer.Fire();

        Assert.Same(failure, scheduler.LastError);
        Assert.Equal(2, table.Calls);
    }

    private sealed class BlockingTable : IExpiringTable
    {
        private int _calls;

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public Action? Finished { get; set; }

        public Exception? Failure { get; init; }

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "blocking";

        public void EvictExpired()
        {
            Interlocked.Increment(ref _calls);
            Entered.Set();
            Release.Wait();
            Finished?.Invoke();
            if (Failure is not null)
            {
                throw Failure;
            }
        }
    }
}
