using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle.StreamIds;

/// <summary>
/// Time-ordered ids of stream tables stay greater than every id ever handed out: across deleting the newest rows,
/// closing and reopening, the clock stepping back, uncommitted batches, reservations and concurrent appends.
/// Written once against <see cref="ReopenableStore"/> and run on every engine (see the derived classes).
/// </summary>
public abstract class StreamIdTests : IDisposable
{
    /// <summary>A whole millisecond, so ids of rows appended at T0 stand for T0 exactly.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(T0);
    private ReopenableStore? _store;

    internal ReopenableStore Store => _store ??= CreateStore();

    public void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A store of <see cref="LifecycleStore"/>'s stream tables that can be closed and opened again.</summary>
    internal abstract ReopenableStore CreateStore();

    [Fact]
    public void Append_AfterTheNewestRowWasDeleted_AndTheClockWentBackAcrossAReopen_NeverRepeatsAnId()
    {
        long[] handedOut;
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            StreamEvent first = session.Events.Append(new StreamEvent(0, "1"));
            StreamEvent second = session.Events.Append(new StreamEvent(0, "2"));
            Presence p1 = session.Presence.Append(new Presence("u1", 0, "a"));
            Presence p2 = session.Presence.Append(new Presence("u1", 0, "b"));
            session.Events.Delete(second.Seq);
            session.Presence.Delete("u1", p2.Seq);
            handedOut = [first.Seq, second.Seq, p1.Seq, p2.Seq];
        }

        _clock.Now = T0.AddMinutes(-10);
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            StreamEvent next = session.Events.Append(new StreamEvent(0, "3"));
            Presence nextPresence = session.Presence.Append(new Presence("u1", 0, "c"));

            Assert.True(next.Seq > handedOut.Max(), $"event id {next.Seq} is not above every id handed out before ({string.Join(", ", handedOut)})");
            Assert.True(nextPresence.Seq > handedOut.Max(), $"presence id {nextPresence.Seq} is not above every id handed out before ({string.Join(", ", handedOut)})");
            Assert.Equal(["1", "3"], session.Events.ScanAll().Select(e => e.Payload));
        }
    }

    [Fact]
    public void Append_AfterAPutWithTheCallersOwnIdAhead_NeverReplacesThatRow()
    {
        using ReopenableStore.Session session = Store.Open(_clock);
        session.Events.Append(new StreamEvent(0, "first"));

        // Ids a caller chose, ahead of the generator: by Put, PutMany and a batch (as the generated batch calls it).
        long ahead = session.Events.Append(new StreamEvent(0, "probe")).Seq + 1_000_000;
        session.Events.Put(new StreamEvent(ahead, "put"));
        session.Events.PutMany([new StreamEvent(ahead + 1, "put many")]);
        using (StoreBatchRuntime batch = session.Runtime.CreateBatch())
        {
            session.Events.Core.PutAdvancingIds<LifecycleStore.EventsCodec>(batch, new StreamEvent(ahead + 2, "batch"));
            batch.Commit();
        }

        StreamEvent appended = session.Events.Append(new StreamEvent(0, "appended"));

        // Before: the generator only knew its own ids, handed out ahead, ahead + 1 or ahead + 2 and replaced those rows.
        Assert.True(appended.Seq > ahead + 2, $"Append handed out {appended.Seq}, not above the caller's id {ahead + 2}");
        Assert.Equal("put", session.Events.Get(ahead)?.Payload);
        Assert.Equal("put many", session.Events.Get(ahead + 1)?.Payload);
        Assert.Equal("batch", session.Events.Get(ahead + 2)?.Payload);
    }

    [Fact]
    public void Put_OfAStreamIdMoreThanAnHourAhead_IsRefused_AndAppendKeepsFollowingTheClock()
    {
        long farAhead;
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            session.Events.Append(new StreamEvent(0, "first"));
            farAhead = (T0.AddYears(70).ToUnixTimeMilliseconds()) << 12;
            long withinTheHour = (T0.AddMinutes(59).ToUnixTimeMilliseconds()) << 12;

            var refused = Assert.Throws<ArgumentOutOfRangeException>(() => session.Events.Put(new StreamEvent(farAhead, "2096")));
            Assert.Contains("events", refused.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => session.Events.PutMany([new StreamEvent(1, "old"), new StreamEvent(farAhead, "2096")]));
            Assert.Throws<ArgumentOutOfRangeException>(() => session.Events.Put(new StreamEvent(long.MaxValue, "max")));
            using (StoreBatchRuntime batch = session.Runtime.CreateBatch())
            {
                Assert.Throws<ArgumentOutOfRangeException>(() => session.Events.Core.PutAdvancingIds<LifecycleStore.EventsCodec>(batch, new StreamEvent(farAhead, "2096")));
                Assert.Equal(0, batch.Count);
            }

            session.Events.Put(new StreamEvent(withinTheHour, "skewed clock"));
            Assert.Null(session.Events.Get(farAhead));
            Assert.Null(session.Events.Get(1));
        }

        // Before: the far-ahead id moved the durable reservation to 2096, and every later row aged from then on.
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            long next = session.Events.Append(new StreamEvent(0, "next")).Seq;
            Assert.True(next < farAhead, $"Append handed out {next}, at or after the refused id {farAhead}");
        }
    }

    [Fact]
    public void Append_InABatchThatWasNeverCommitted_IsNotHandedOutAgainAfterAReopen()
    {
        long abandoned;
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            session.Events.Append(new StreamEvent(0, "kept"));
            using StoreBatchRuntime batch = session.Runtime.CreateBatch();
            abandoned = session.Events.Core.Append<LifecycleStore.EventsCodec>(batch, new StreamEvent(0, "never committed")).Seq;
        }

        _clock.Now = T0.AddMinutes(-10);
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            Assert.True(session.Events.Append(new StreamEvent(0, "next")).Seq > abandoned);
        }
    }

    [Fact]
    public void Ids_StayIncreasing_AcrossManyReservationsAndReopens_WithTheClockGoingBackAndForth()
    {
        var rng = new Random(4_711);
        long last = long.MinValue;
        int appended = 0;
        for (int reopen = 0; reopen < 6; reopen++)
        {
            using ReopenableStore.Session session = Store.Open(_clock);
            for (int i = 0; i < 400; i++)
            {
                // Mostly forward in small steps (crossing reservations every few hundred appends), sometimes back.
                _clock.Advance(TimeSpan.FromMilliseconds(rng.Next(0, 12)));
                if (rng.Next(50) == 0)
                {
                    _clock.Advance(TimeSpan.FromSeconds(-rng.Next(1, 30)));
                }

                long id = session.Events.Append(new StreamEvent(0, "x")).Seq;
                Assert.True(id > last, $"id {id} after {last} (reopen {reopen}, append {i})");
                last = id;
                appended++;
                if (rng.Next(20) == 0)
                {
                    session.Events.Delete(id); // the newest row disappears now and then
                }
            }

            _clock.Advance(TimeSpan.FromSeconds(-rng.Next(0, 120))); // and the clock steps back while closed
        }

        Assert.Equal(2_400, appended);
    }

    [Fact]
    public void ConcurrentAppends_GetUniqueIds_AcrossReservations()
    {
        const int Threads = 4;
        const int PerThread = 600;
        var ids = new long[Threads][];
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            Thread[] workers = new Thread[Threads];
            for (int t = 0; t < Threads; t++)
            {
                int index = t;
                ids[index] = new long[PerThread];
                workers[t] = new Thread(() =>
                {
                    for (int i = 0; i < PerThread; i++)
                    {
                        _clock.Advance(TimeSpan.FromMilliseconds(1)); // 2 400 ms in all: several reservations
                        ids[index][i] = session.Events.Append(new StreamEvent(0, $"{index}/{i}")).Seq;
                    }
                });
                workers[t].Start();
            }

            foreach (Thread worker in workers)
            {
                Assert.True(worker.Join(TimeSpan.FromMinutes(2)), "an appending thread hung");
            }

            long[] all = ids.SelectMany(x => x).ToArray();
            Assert.Equal(all.Length, all.Distinct().Count());
            Assert.Equal(all.Length, session.Events.Count());
            foreach (long[] perThread in ids)
            {
                Assert.True(perThread.Zip(perThread.Skip(1)).All(pair => pair.First < pair.Second), "one thread's ids are not increasing");
            }
        }

        _clock.Now = T0;
        using (ReopenableStore.Session session = Store.Open(_clock))
        {
            Assert.True(session.Events.Append(new StreamEvent(0, "after")).Seq > ids.SelectMany(x => x).Max());
        }
    }
}
