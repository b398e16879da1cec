using TypedStore.Tests.Lifecycle;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// The bulk and feature writes' async forms (docs/async.md): <c>ClearAsync</c>, a query's <c>DeleteAsync()</c>,
/// <c>DeleteAsync(query)</c>, <c>DeleteUserAsync</c>, <c>RestoreAsync</c>, <c>PurgeAsync</c>, <c>PurgeDeletedAsync</c>,
/// <c>EvictExpiredAsync</c>, on every engine (derived classes: memory, RocksDB, both behind
/// <see cref="YieldingStorageEngine"/>, and etcd in its own test project). Each result is compared with what the
/// synchronous member leaves on a second store given the same operations on the same clock; on the yielding engine
/// each member must make no synchronous engine call at all.
/// </summary>
public abstract partial class AsyncBulkTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens a new, empty store.</summary>
    internal abstract BulkStore Open(StoreOptions? options = null);

    /// <summary>The async engine the last store opened runs on, when the suite runs on one.</summary>
    internal virtual YieldingStorageEngine? AsyncEngine => null;

    /// <summary>Whether the engine's async members complete synchronously (memory and RocksDB, not behind the yielding engine).</summary>
    protected virtual bool CompletesSynchronously => AsyncEngine is null;

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    protected virtual void DisposeEngineResources()
    {
    }

    internal BulkStore Track(BulkStore store)
    {
        _opened.Add(store);
        return store;
    }

    // The events of group "a": rows 0..1199 with no marker before row 511, so the first page of 512 entries ends on
    // row 511 and its marker starts the next page (the walk must read it before it hands the row out). Deleted: 511
    // and, from 512, every 5th at T0 and every 7th (offset 3) at T0 + 10 s; an orphan marker at a5000 and b7 (deletes
    // of keys without rows). Group "b": rows 0..99 (b7 absent).
    private static void Fill(BulkStore store, ManualTimeProvider clock)
    {
        clock.Now = T0;
        store.BulkItems.PutMany(Enumerable.Range(0, 3).SelectMany(g => Enumerable.Range(0, 700).Select(n => new BulkItem("g" + g, n, $"item {g}/{n}"))));
        store.BulkEvents.PutMany(Enumerable.Range(0, 1200).Select(n => new BulkEvent("a", n, $"event {n}")));
        store.BulkEvents.PutMany(Enumerable.Range(0, 100).Where(n => n != 7).Select(n => new BulkEvent("b", n, $"event b{n}")));
        store.BulkEvents.Delete("a", 511);
        foreach (int n in Enumerable.Range(512, 688).Where(n => n % 5 == 0))
        {
            store.BulkEvents.Delete("a", n);
        }

        store.BulkEvents.Delete("a", 5000);
        store.BulkEvents.Delete("b", 7);
        clock.Now = T0.AddSeconds(10);
        foreach (int n in Enumerable.Range(512, 688).Where(n => n % 7 == 3 && n % 5 != 0))
        {
            store.BulkEvents.Delete("a", n);
        }

        store.BulkMessages.PutMany([new("u1", 1, "x"), new("u1", 2, "y"), new("u1", 3, "z"), new("u2", 1, "x"), new("u2", 2, "y")]);
        store.BulkMessages.Delete("u1", 2);
        store.BulkPeople.PutMany(Enumerable.Range(0, 600).Select(n => new BulkPerson("g", n, $"e{n}@x")));
        foreach (int n in Enumerable.Range(0, 600).Where(n => n % 9 == 0))
        {
            store.BulkPeople.Delete("g", n);
        }

        clock.Now = T0.AddSeconds(20);
    }

    private (BulkStore Sync, BulkStore Async, ManualTimeProvider Clock) OpenPair()
    {
        ManualTimeProvider clock = new(T0);
        BulkStore sync = Open(new StoreOptions { TimeProvider = clock });
        BulkStore async = Open(new StoreOptions { TimeProvider = clock });
        Fill(sync, clock);
        Fill(async, clock);
        return (sync, async, clock);
    }

    private static void AssertSameState(BulkStore sync, BulkStore async)
    {
        Assert.Equal(sync.BulkItems.ScanAll(), async.BulkItems.ScanAll());
        Assert.Equal(sync.BulkEvents.ScanAllEntries(), async.BulkEvents.ScanAllEntries());
        Assert.Equal(sync.BulkMessages.ScanAll(), async.BulkMessages.ScanAll());
        Assert.Equal(sync.BulkPeople.ScanAllEntries(), async.BulkPeople.ScanAllEntries());

        // The change feeds: the same changes, in the same order, under the same sequences.
        Assert.Equal(sync.BulkEvents.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Group, c.Number)), async.BulkEvents.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Group, c.Number)));
        Assert.Equal(sync.BulkMessages.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.UserId, c.Number)), async.BulkMessages.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.UserId, c.Number)));
        Assert.Equal(sync.BulkPeople.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Group, c.Number)), async.BulkPeople.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Group, c.Number)));
        Assert.True(async.BulkPeople.Verify().IsConsistent);
        Assert.Equal(sync.BulkPeople.ByEmail.Count(), async.BulkPeople.ByEmail.Count());
    }

    [Fact]
    public async Task Range_deletes_and_Clear_leave_what_the_synchronous_members_leave()
    {
        (BulkStore sync, BulkStore async, _) = OpenPair();

        // A change-feed table's range is read row by row (with markers and an orphan): every row gets its Delete change.
        sync.BulkEvents.Scan("a").From(100).Before(900).Delete();
        await async.BulkEvents.Scan("a").From(100).Before(900).DeleteAsync();
        sync.BulkEvents.Delete(sync.BulkEvents.Scan("b"));
        await async.BulkEvents.DeleteAsync(async.BulkEvents.Scan("b"));
        sync.BulkItems.Scan("g1").Delete();
        await async.BulkItems.Scan("g1").DeleteAsync();
        sync.BulkItems.Delete(sync.BulkItems.Scan("g2").After(100));
        await async.BulkItems.DeleteAsync(async.BulkItems.Scan("g2").After(100));
        sync.BulkMessages.DeleteUser("u1");
        await async.BulkMessages.DeleteUserAsync("u1");
        sync.BulkPeople.Scan("g").From(200).Before(450).Delete();
        await async.BulkPeople.Scan("g").From(200).Before(450).DeleteAsync();
        sync.BulkItems.Scan("g0").From(10).Before(10).Delete();
        await async.BulkItems.Scan("g0").From(10).Before(10).DeleteAsync();
        AssertSameState(sync, async);
        Assert.Equal(100, async.BulkEvents.ScanAllEntries().Count(e => e.Row.Group == "a" && e.Row.Number < 100));
        Assert.Empty(async.BulkEvents.Scan("b").IncludeDeleted().ToList());
        Assert.Empty(async.BulkMessages.ScanUser("u1"));

        sync.BulkEvents.Clear();
        await async.BulkEvents.ClearAsync();
        sync.BulkItems.Clear();
        await async.BulkItems.ClearAsync();
        sync.BulkPeople.Clear();
        await async.BulkPeople.ClearAsync();
        AssertSameState(sync, async);
        Assert.Empty(async.BulkEvents.ScanAllEntries());
        Assert.Empty(async.BulkItems.ScanAll());
        Assert.Equal(0, async.BulkPeople.ByEmail.Count());
    }

    [Fact]
    public async Task Soft_delete_members_leave_what_the_synchronous_members_leave()
    {
        (BulkStore sync, BulkStore async, ManualTimeProvider clock) = OpenPair();

        sync.BulkEvents.Restore("a", 515);
        await async.BulkEvents.RestoreAsync("a", 515);
        sync.BulkEvents.Purge("a", 520);
        await async.BulkEvents.PurgeAsync("a", 520);
        sync.BulkEvents.Purge("a", 3);
        await async.BulkEvents.PurgeAsync("a", 3);
        sync.BulkPeople.Restore("g", 9);
        await async.BulkPeople.RestoreAsync("g", 9);
        sync.BulkPeople.Purge("g", 18);
        await async.BulkPeople.PurgeAsync("g", 18);
        AssertSameState(sync, async);
        Assert.False(async.BulkEvents.GetEntry("a", 515)!.Value.IsDeleted);
        Assert.Null(async.BulkEvents.GetEntry("a", 520));

        // Deleted before T0 + 5 s: the rows deleted at T0 and the orphans, across more than one chunk (1,300 entries).
        long purged = sync.BulkEvents.PurgeDeleted(T0.AddSeconds(5));
        Assert.Equal(purged, await async.BulkEvents.PurgeDeletedAsync(T0.AddSeconds(5)));
        Assert.True(purged > 100, $"{purged} rows purged");
        AssertSameState(sync, async);
        Assert.Null(async.BulkEvents.GetEntry("a", 511));
        Assert.True(async.BulkEvents.GetEntry("a", 514)!.Value.IsDeleted);

        clock.Now = T0.AddSeconds(30);
        Assert.Equal(sync.BulkEvents.PurgeDeleted(DateTimeOffset.MaxValue), await async.BulkEvents.PurgeDeletedAsync(DateTimeOffset.MaxValue));
        Assert.Equal(sync.BulkPeople.PurgeDeleted(DateTimeOffset.MaxValue), await async.BulkPeople.PurgeDeletedAsync(DateTimeOffset.MaxValue));
        AssertSameState(sync, async);
        Assert.DoesNotContain(async.BulkEvents.ScanAllEntries(), e => e.IsDeleted);
        Assert.Equal(0, await async.BulkEvents.PurgeDeletedAsync(DateTimeOffset.MaxValue));
    }

    [Fact]
    public async Task EvictExpiredAsync_removes_what_EvictExpired_removes_on_every_stream_layout()
    {
        (BulkStore sync, BulkStore async, ManualTimeProvider clock) = OpenPair();
        foreach (BulkStore store in new[] { sync, async })
        {
            for (int second = 0; second <= 40; second += 20)
            {
                clock.Now = T0.AddSeconds(second);
                store.BulkTicks.Append(new BulkTick(0, $"{second}"));
                foreach (string user in new[] { "u1", "u2", "u3" })
                {
                    store.BulkPresence.Append(new BulkPresence(user, 0, $"{user} {second}"));
                }

                // 700 readings a time: more than a page, and (with their markers) more than one write of ops.
                store.BulkReadings.PutMany(Enumerable.Range(0, 700).Select(n => new BulkReading("s" + (n % 3), (second * 1000) + n, n)));
                store.BulkReadings.Delete("s0", (second * 1000) + 3);
            }
        }

        clock.Now = T0.AddSeconds(90); // 0 s and 20 s are expired, 40 s is not
        sync.BulkTicks.EvictExpired();
        await async.BulkTicks.EvictExpiredAsync();
        sync.BulkPresence.EvictExpired();
        await async.BulkPresence.EvictExpiredAsync();
        sync.BulkReadings.EvictExpired();
        await async.BulkReadings.EvictExpiredAsync();

        clock.Now = T0; // nothing is hidden as expired any more: what is missing was removed
        Assert.Equal(["40"], async.BulkTicks.ScanAll().Select(t => t.Status));
        Assert.Equal(sync.BulkPresence.ScanAll().Select(p => p.Status), async.BulkPresence.ScanAll().Select(p => p.Status));
        Assert.Equal(["u1 40", "u2 40", "u3 40"], async.BulkPresence.ScanAll().Select(p => p.Status));
        Assert.Equal(sync.BulkReadings.ScanAllEntries(), async.BulkReadings.ScanAllEntries());
        Assert.Equal(700, async.BulkReadings.ScanAll(includeDeleted: true).Count());
        Assert.All(async.BulkReadings.ScanAll(includeDeleted: true), r => Assert.InRange(r.Number, 40_000, 40_699));
    }

    private async Task RecordsAtOnce(ValueTask recorded, bool reads)
    {
        Assert.True(recorded.IsCompletedSuccessfully || (reads && !CompletesSynchronously), "a recording member did not complete at once");
        await recorded;
    }

    [Fact]
    public async Task In_a_batch_and_a_transaction_the_async_forms_record_at_once()
    {
        (BulkStore sync, BulkStore async, _) = OpenPair();
        using (BulkStoreBatch batch = async.CreateBatch())
        {
            // Members that read nothing to record complete at once; a change-feed table's range delete reads its rows
            // over async pages first (AsyncBulkTests.Recording.cs), so it completes at once only where pages do.
            await RecordsAtOnce(batch.BulkItems.ClearAsync(), reads: false);
            await RecordsAtOnce(batch.BulkEvents.DeleteAsync(async.BulkEvents.Scan("a").From(700)), reads: true);
            await RecordsAtOnce(batch.BulkMessages.DeleteUserAsync("u2"), reads: false);
            await RecordsAtOnce(batch.BulkEvents.RestoreAsync("a", 515), reads: false);
            await RecordsAtOnce(batch.BulkEvents.PurgeAsync("a", 100), reads: false);
            await RecordsAtOnce(batch.BulkPeople.DeleteAsync(async.BulkPeople.Scan("g").Before(50)), reads: true);
            Assert.Equal(2100, async.BulkItems.Count()); // recorded, not written
            await batch.CommitAsync();
        }

        using (BulkStoreBatch batch = sync.CreateBatch())
        {
            batch.BulkItems.Clear();
            batch.BulkEvents.Delete(sync.BulkEvents.Scan("a").From(700));
            batch.BulkMessages.DeleteUser("u2");
            batch.BulkEvents.Restore("a", 515);
            batch.BulkEvents.Purge("a", 100);
            batch.BulkPeople.Delete(sync.BulkPeople.Scan("g").Before(50));
            batch.Commit();
        }

        AssertSameState(sync, async);

        using (BulkStoreTransaction transaction = async.BeginTransaction())
        {
            ValueTask[] recorded = [transaction.BulkEvents.RestoreAsync("a", 525), transaction.BulkEvents.PurgeAsync("a", 530), transaction.BulkPeople.PurgeAsync("g", 100)];
            Assert.All(recorded, task => Assert.True(task.IsCompletedSuccessfully));
            await transaction.CommitAsync();
        }

        using (BulkStoreTransaction transaction = sync.BeginTransaction())
        {
            transaction.BulkEvents.Restore("a", 525);
            transaction.BulkEvents.Purge("a", 530);
            transaction.BulkPeople.Purge("g", 100);
            transaction.Commit();
        }

        AssertSameState(sync, async);
    }

    [Fact]
    public async Task Local_engines_complete_the_bulk_writes_synchronously()
    {
        (_, BulkStore store, ManualTimeProvider clock) = OpenPair();
        if (!CompletesSynchronously)
        {
            return;
        }

        store.BulkTicks.Append(new BulkTick(0, "old"));
        store.BulkPresence.Append(new BulkPresence("u1", 0, "old"));
        store.BulkReadings.Put(new BulkReading("s", 1, 1));
        clock.Now = T0.AddMinutes(5);
        (string Member, ValueTask Task)[] calls =
        [
            ("query DeleteAsync", store.BulkItems.Scan("g0").From(5).DeleteAsync()),
            ("DeleteAsync(query)", store.BulkItems.DeleteAsync(store.BulkItems.Scan("g1"))),
            ("ClearAsync", store.BulkItems.ClearAsync()),
            ("feed query DeleteAsync", store.BulkEvents.Scan("a").Before(800).DeleteAsync()),
            ("DeleteUserAsync", store.BulkMessages.DeleteUserAsync("u1")),
            ("RestoreAsync", store.BulkEvents.RestoreAsync("a", 815)),
            ("PurgeAsync", store.BulkEvents.PurgeAsync("a", 820)),
            ("indexed ClearAsync", store.BulkPeople.ClearAsync()),
            ("EvictExpiredAsync by id", store.BulkTicks.EvictExpiredAsync()),
            ("EvictExpiredAsync by partition", store.BulkPresence.EvictExpiredAsync()),
            ("EvictExpiredAsync by _updated", store.BulkReadings.EvictExpiredAsync()),
        ];
        foreach ((string member, ValueTask task) in calls)
        {
            Assert.True(task.IsCompletedSuccessfully, $"{member}: not complete on return");
        }

        ValueTask<long> purge = store.BulkEvents.PurgeDeletedAsync(DateTimeOffset.MaxValue);
        Assert.True(purge.IsCompletedSuccessfully, "PurgeDeletedAsync: not complete on return");
        Assert.True(await purge > 0);
        Assert.Equal(0, store.BulkItems.Count());
        Assert.Empty(store.BulkTicks.ScanAll());
    }

    [Fact]
    public async Task Failures_come_through_the_task_and_write_nothing()
    {
        (_, BulkStore store, _) = OpenPair();
        using CancellationTokenSource cancelled = new();
        await cancelled.CancelAsync();
        CancellationToken token = cancelled.Token;
        Func<ValueTask>[] members =
        [
            () => store.BulkItems.ClearAsync(token),
            () => store.BulkEvents.ClearAsync(token),
            () => store.BulkEvents.Scan("a").DeleteAsync(token),
            () => store.BulkEvents.DeleteAsync(store.BulkEvents.Scan("b"), token),
            () => store.BulkMessages.DeleteUserAsync("u2", token),
            () => store.BulkEvents.RestoreAsync("a", 515, token),
            () => store.BulkEvents.PurgeAsync("a", 1, token),
            async () => await store.BulkEvents.PurgeDeletedAsync(DateTimeOffset.MaxValue, token),
            () => store.BulkTicks.EvictExpiredAsync(token),
            () => store.BulkReadings.EvictExpiredAsync(token),
        ];
        foreach (Func<ValueTask> member in members)
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => member().AsTask());
        }

        // A refused user id and a query of another store: faulted tasks, not exceptions at the call.
        ValueTask refused = store.BulkMessages.DeleteUserAsync(null!);
        await Assert.ThrowsAnyAsync<ArgumentException>(() => refused.AsTask());
        BulkStore other = Open();
        ValueTask foreign = store.BulkItems.DeleteAsync(other.BulkItems.Scan("g0"));
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(() => foreign.AsTask());
        Assert.Contains("bulk_items", error.Message, StringComparison.Ordinal);

        Assert.Equal(2100, store.BulkItems.Count());
        Assert.Equal(2, store.BulkMessages.CountUser("u2"));
        Assert.True(store.BulkEvents.GetEntry("a", 515)!.Value.IsDeleted);
        Assert.NotNull(store.BulkEvents.GetEntry("a", 1));
        Assert.Equal(1200, store.BulkEvents.ScanAll(includeDeleted: true).Count(e => e.Group == "a"));

        other.Dispose();
        ValueTask disposed = other.BulkItems.ClearAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => disposed.AsTask());
        ValueTask<long> disposedPurge = other.BulkEvents.PurgeDeletedAsync(DateTimeOffset.MaxValue);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => disposedPurge.AsTask());
    }
}
