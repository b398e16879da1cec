namespace TypedStore.Tests.Lifecycle;

public abstract partial class LifecycleTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(60);

    private static long FirstIdOf(DateTimeOffset time) => time.ToUnixTimeMilliseconds() << 12;

    [Fact]
    public void Append_AssignsTimeOrderedIds_IncreasingEvenWhenTheClockStepsBack()
    {
        LifecycleStore store = Open();

        StreamEvent first = store.Events.Append(new StreamEvent(0, "1"));
        StreamEvent second = store.Events.Append(new StreamEvent(0, "2"));
        Clock.Advance(TimeSpan.FromMilliseconds(5));
        StreamEvent third = store.Events.Append(new StreamEvent(0, "3"));
        Clock.Advance(TimeSpan.FromSeconds(-30)); // the clock steps back
        StreamEvent fourth = store.Events.Append(new StreamEvent(0, "4"));

        Assert.Equal(FirstIdOf(T0), first.Seq);
        Assert.Equal(first.Seq + 1, second.Seq);                            // same millisecond: the counter
        Assert.Equal(FirstIdOf(T0.AddMilliseconds(5)), third.Seq);           // a new millisecond: its first id
        Assert.Equal(third.Seq + 1, fourth.Seq);                            // clock went back: still increasing
        Assert.Equal(["1", "2", "3", "4"], store.Events.ScanAll().Select(e => e.Payload));
        Assert.Equal(fourth, store.Events.Get(fourth.Seq));
    }

    [Fact]
    public void Append_ReturnsTheRowAsStored_ForClassRowsToo()
    {
        LifecycleStore store = Open();

        ReadingLog stored = store.ReadingsLog.Append(new ReadingLog("s1", seq: 0, value: 1.5) { Note = "calibrated" });

        Assert.Equal(FirstIdOf(T0), stored.Seq);
        Assert.Equal(("s1", 1.5, "calibrated"), (stored.Sensor, stored.Value, stored.Note));
        ReadingLog read = Assert.IsType<ReadingLog>(store.ReadingsLog.Get("s1", stored.Seq));
        Assert.Equal(("s1", stored.Seq, 1.5, "calibrated"), (read.Sensor, read.Seq, read.Value, read.Note));
    }

    [Fact]
    public void Append_InABatch_ReturnsTheRowsAsTheyWillBeStored()
    {
        LifecycleStore store = Open();
        using LifecycleStoreBatch batch = store.CreateBatch();

        Presence a = batch.Presence.Append(new Presence("u1", 0, "typing"));
        Presence b = batch.Presence.Append(new Presence("u2", 0, "idle"));
        Assert.Empty(store.Presence.ScanAll());
        batch.Commit();

        Assert.True(b.Seq > a.Seq);
        Assert.Equal([a, b], store.Presence.ScanAll().OrderBy(p => p.Seq));
    }

    [Fact]
    public void TimeOrderedRows_ExpireStrictlyAfterTtl_ToTheTick_InEveryRead()
    {
        LifecycleStore store = Open();
        StreamEvent row = store.Events.Append(new StreamEvent(0, "e"));
        Presence presence = store.Presence.Append(new Presence("u1", 0, "on"));

        Clock.Now = T0 + Ttl - TimeSpan.FromTicks(1);
        AssertVisible(store, row, presence, visible: true);

        Clock.Now = T0 + Ttl; // exactly TtlSeconds old: not older than the TTL, still returned
        AssertVisible(store, row, presence, visible: true);

        Clock.Now = T0 + Ttl + TimeSpan.FromTicks(1);
        AssertVisible(store, row, presence, visible: false);

        using LifecycleStoreSnapshot snapshot = store.CreateSnapshot();
        Assert.Null(snapshot.Events.Get(row.Seq));
        Assert.Empty(snapshot.Presence.Scan("u1"));
    }

    private static void AssertVisible(LifecycleStore store, StreamEvent row, Presence presence, bool visible)
    {
        Assert.Equal(visible, store.Events.Get(row.Seq) is not null);
        Assert.Equal(visible, store.Events.TryGet(row.Seq, out _));
        Assert.Equal(visible, store.Events.Exists(row.Seq));
        Assert.Equal(visible, store.Events.GetEntry(row.Seq) is not null);
        Assert.Equal(visible ? 1 : 0, store.Events.ScanAll().Count());
        Assert.Equal(visible ? 1 : 0, store.Events.ScanAll(reverse: true).Count());
        Assert.Equal(visible ? 1 : 0, store.Events.Count());
        Assert.Equal(visible ? 1 : 0, store.Presence.Scan("u1").Count());
        Assert.Equal(visible, store.Presence.Get("u1", presence.Seq) is not null);
        Assert.Equal(visible ? 1 : 0, store.Presence.Count());
    }

    [Fact]
    public void TimeOrderedRows_AgeFromTheirIdsMillisecond()
    {
        // The id keeps milliseconds: a row appended 0.7 ms into a millisecond is aged from that millisecond's start.
        Clock.Now = T0.AddTicks(7_000);
        LifecycleStore store = Open();
        StreamEvent row = store.Events.Append(new StreamEvent(0, "e"));

        Clock.Now = T0 + Ttl;
        Assert.NotNull(store.Events.Get(row.Seq));
        Clock.Now = T0 + Ttl + TimeSpan.FromTicks(1);
        Assert.Null(store.Events.Get(row.Seq));
    }

    [Fact]
    public void RowsWithoutTimeOrderedKey_ExpireByUpdated_ToTheTick()
    {
        DateTimeOffset written = T0.AddTicks(1234); // not on a millisecond: _updated keeps ticks
        Clock.Now = written;
        LifecycleStore store = Open();
        store.Pings.Put(new Ping("h1", "up"));

        Clock.Now = written + Ttl;
        Assert.NotNull(store.Pings.Get("h1"));
        Assert.Equal(1, store.Pings.Count());

        Clock.Now = written + Ttl + TimeSpan.FromTicks(1);
        Assert.Null(store.Pings.Get("h1"));
        Assert.False(store.Pings.Exists("h1"));
        Assert.Empty(store.Pings.ScanAll());
        Assert.Equal(0, store.Pings.Count());

        store.Pings.Put(new Ping("h1", "up again")); // a rewrite renews _updated
        Assert.NotNull(store.Pings.Get("h1"));
    }

    [Fact]
    public void Put_WithACallerChosenOldId_IsAgedByThatId()
    {
        LifecycleStore store = Open();

        store.Events.Put(new StreamEvent(FirstIdOf(T0 - Ttl - TimeSpan.FromMilliseconds(1)), "too old"));
        store.Events.Put(new StreamEvent(FirstIdOf(T0 - Ttl), "just in time"));

        Assert.Equal(["just in time"], store.Events.ScanAll().Select(e => e.Payload));
    }

    [Fact]
    public void EvictExpired_LeadingTimeOrderedKey_RemovesExactlyTheExpiredRows()
    {
        LifecycleStore store = Open();
        var rows = new List<StreamEvent>();
        for (int second = 0; second <= 30; second += 10)
        {
            Clock.Now = T0.AddSeconds(second);
            rows.Add(store.Events.Append(new StreamEvent(0, $"at {second}s")));
        }

        Clock.Now = T0.AddSeconds(75); // rows written at 0 s and 10 s are older than 60 s
        store.Events.EvictExpired();

        // Back at 0 s nothing would be expired: what is missing now was removed, not hidden.
        Clock.Now = T0;
        Assert.Equal(["at 20s", "at 30s"], store.Events.ScanAll().Select(e => e.Payload));
        Assert.Equal(2, RawKeys(store.Events.Core).Count);
    }

    [Fact]
    public void EvictExpired_PartitionedStream_RemovesEachUsersExpiredRowsOnly()
    {
        LifecycleStore store = Open();
        string[] users = ["u1", "u10", "u1\0", "", "\uFFFF"];
        for (int second = 0; second <= 40; second += 20)
        {
            Clock.Now = T0.AddSeconds(second);
            foreach (string user in users)
            {
                store.Presence.Append(new Presence(user, 0, $"{second}"));
            }
        }

        Clock.Now = T0.AddSeconds(90); // 0 s and 20 s are expired, 40 s is not
        store.Presence.EvictExpired();

        Clock.Now = T0;
        foreach (string user in users)
        {
            Assert.Equal(["40"], store.Presence.Scan(user).Select(p => p.Status));
        }

        Assert.Equal(users.Length, RawKeys(store.Presence.Core).Count);
    }

    [Fact]
    public void EvictExpired_WithoutTimeOrderedKey_RemovesRowsByUpdated()
    {
        LifecycleStore store = Open();
        store.Pings.Put(new Ping("old", "x"));
        Clock.Advance(TimeSpan.FromSeconds(30));
        store.Pings.Put(new Ping("new", "y"));
        Clock.Advance(TimeSpan.FromSeconds(31)); // "old" is 61 s old, "new" 31 s

        store.Pings.EvictExpired();

        Clock.Now = T0;
        Assert.Equal(["new"], store.Pings.ScanAll().Select(p => p.Host));
    }

    [Fact]
    public void BackgroundEviction_RunsOnTheTimer_AndDisposeStopsIt()
    {
        LifecycleStore store = OpenStore(new StoreOptions { TimeProvider = Clock, StreamEvictionInterval = TimeSpan.FromSeconds(5) });
        store.Events.Append(new StreamEvent(0, "old"));
        store.Presence.Append(new Presence("u", 0, "old"));
        ManualTimer timer = Assert.Single(Clock.Timers);
        Assert.Equal(TimeSpan.FromSeconds(5), timer.Period);

        Clock.Advance(TimeSpan.FromMinutes(2));
        timer.Fire();

        Assert.Null(store.Events.Core.Store.LastBackgroundEvictionError);
        Assert.Empty(RawKeys(store.Events.Core));
        Assert.Empty(RawKeys(store.Presence.Core));

        store.Dispose();
        Assert.True(timer.IsDisposed);
        timer.FireEvenIfDisposed(); // a callback already queued when the store closed: does nothing, throws nothing
    }

    [Fact]
    public void WithoutAnInterval_NoTimerIsCreated()
    {
        LifecycleStore store = Open();
        store.Events.Append(new StreamEvent(0, "e"));

        Assert.Empty(Clock.Timers);
    }

    [Fact]
    public void StreamEvictionInterval_MustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenStore(new StoreOptions { StreamEvictionInterval = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenStore(new StoreOptions { StreamEvictionInterval = TimeSpan.FromSeconds(-1) }));
    }
}
