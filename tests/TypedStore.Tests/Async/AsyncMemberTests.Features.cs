using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Async;

/// <summary>
/// The async forms of the feature members and the rest of the surface (docs/async.md, "The set"): each is compared
/// with its synchronous form over the same data, reads on the same state and writes on two stores given the same
/// operations, on every engine of the suite.
/// </summary>
public abstract partial class AsyncMemberTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static void FillFeatures(AsyncStore store)
    {
        store.AsyncItems.PutMany(Items(3, 6));
        store.AsyncPeople.PutMany([new AsyncPerson("p1", "p1@x", 30), new AsyncPerson("p2", "p2@x", 40), new AsyncPerson("p3", "p3@x", 50)]);
        store.AsyncPeople.Delete("p2");
        store.AsyncMessages.PutMany(
        [
            new AsyncMessage("u1", 1, "r1"), new AsyncMessage("u1", 2, "r2"), new AsyncMessage("u1", 3, "r1"),
            new AsyncMessage("u2", 1, "r1"), new AsyncMessage("u2", 2, "r3"),
        ]);
        store.AsyncMessages.Delete("u1", 2);
    }

    [Fact]
    public async Task Feature_reads_equal_the_synchronous_members()
    {
        AsyncStore store = Open();
        FillFeatures(store);

        foreach (string id in new[] { "p1", "p2", "p9" })
        {
            Assert.Equal(store.AsyncPeople.GetEntry(id), await store.AsyncPeople.GetEntryAsync(id));
        }

        Assert.Equal(store.AsyncItems.GetEntry("g1", 2), await store.AsyncItems.GetEntryAsync("g1", 2));
        Assert.Equal(store.AsyncItems.ScanAll(), await ToListAsync(store.AsyncItems.ScanAllAsync()));
        Assert.Equal(store.AsyncItems.ScanAll(reverse: true), await ToListAsync(store.AsyncItems.ScanAllAsync(reverse: true)));
        Assert.Equal(store.AsyncPeople.ScanAll(), await ToListAsync(store.AsyncPeople.ScanAllAsync()));
        Assert.Equal(store.AsyncPeople.ScanAll(reverse: true, includeDeleted: true), await ToListAsync(store.AsyncPeople.ScanAllAsync(reverse: true, includeDeleted: true)));
        Assert.Equal(3, (await ToListAsync(store.AsyncPeople.ScanAllAsync(includeDeleted: true))).Count);

        foreach (string user in new[] { "u1", "u2", "u9" })
        {
            Assert.Equal(store.AsyncMessages.ScanUser(user), await ToListAsync(store.AsyncMessages.ScanUserAsync(user)));
            Assert.Equal(store.AsyncMessages.CountUser(user), await store.AsyncMessages.CountUserAsync(user));
            Assert.Equal(store.AsyncMessages.ReadChanges(user, 0), await ToListAsync(store.AsyncMessages.ReadChangesAsync(user, 0)));
            Assert.Equal(store.AsyncMessages.ByRoom.Count(user), await store.AsyncMessages.ByRoom.CountAsync(user));
            Assert.Equal(store.AsyncMessages.ByRoom.Count(user, "r1"), await store.AsyncMessages.ByRoom.CountAsync(user, "r1"));
        }

        Assert.Equal(2, await store.AsyncMessages.CountUserAsync("u1"));
        Assert.Equal(store.AsyncPeople.ReadChanges(0), await ToListAsync(store.AsyncPeople.ReadChangesAsync(0)));
        Assert.Equal(store.AsyncPeople.ReadChanges(2), await ToListAsync(store.AsyncPeople.ReadChangesAsync(2)));
        Assert.NotEmpty(await ToListAsync(store.AsyncPeople.ReadChangesAsync(0)));

        Assert.Equal(store.AsyncPeople.ByEmail.Count(), await store.AsyncPeople.ByEmail.CountAsync());
        foreach (string email in new[] { "p1@x", "p2@x", "none@x" })
        {
            Assert.Equal(store.AsyncPeople.ByEmail.Get(email), await store.AsyncPeople.ByEmail.GetAsync(email));
        }

        Assert.Equal("p3", (await store.AsyncPeople.ByEmail.GetAsync("p3@x"))?.Id);
        Assert.Equal(store.AsyncItems.Scan("g1").Keys(), await ToListAsync(store.AsyncItems.Scan("g1").KeysAsync()));
        Assert.Equal(store.AsyncItems.Scan().Reverse().Keys(), await ToListAsync(store.AsyncItems.Scan().Reverse().KeysAsync()));
    }

    [Fact]
    public async Task Feature_writes_leave_what_the_synchronous_members_leave()
    {
        AsyncStore sync = Open();
        AsyncStore async = Open();
        FillFeatures(sync);
        FillFeatures(async);

        sync.AsyncPeople.Restore("p2");
        await async.AsyncPeople.RestoreAsync("p2");
        sync.AsyncPeople.Purge("p3");
        await async.AsyncPeople.PurgeAsync("p3");
        sync.AsyncPeople.Delete("p1");
        await async.AsyncPeople.DeleteAsync("p1");
        Assert.Equal(sync.AsyncPeople.PurgeDeleted(DateTimeOffset.MaxValue), await async.AsyncPeople.PurgeDeletedAsync(DateTimeOffset.MaxValue));

        sync.AsyncMessages.DeleteUser("u1");
        await async.AsyncMessages.DeleteUserAsync("u1");
        sync.AsyncItems.Scan("g1").From(2).Delete();
        await async.AsyncItems.Scan("g1").From(2).DeleteAsync();
        sync.AsyncItems.Delete(sync.AsyncItems.Scan("g2").To(1));
        await async.AsyncItems.DeleteAsync(async.AsyncItems.Scan("g2").To(1));
        using (AsyncStoreBatch batch = async.CreateBatch())
        {
            await batch.AsyncItems.DeleteAsync(async.AsyncItems.Scan("g0").From(4));
            await batch.CommitAsync();
        }

        sync.AsyncItems.Delete(sync.AsyncItems.Scan("g0").From(4));

        Assert.Equal(sync.AsyncPeople.ScanAll(includeDeleted: true), async.AsyncPeople.ScanAll(includeDeleted: true));
        Assert.Equal(sync.AsyncPeople.ByEmail.Count(), async.AsyncPeople.ByEmail.Count());
        Assert.Equal(sync.AsyncMessages.ScanAll(), async.AsyncMessages.ScanAll());
        Assert.Equal(sync.AsyncMessages.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.UserId, c.Number)), async.AsyncMessages.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.UserId, c.Number)));
        Assert.Equal(sync.AsyncItems.ScanAll(), async.AsyncItems.ScanAll());
        Assert.Empty(async.AsyncMessages.ScanUser("u1"));

        sync.AsyncItems.Clear();
        await async.AsyncItems.ClearAsync();
        Assert.Empty(async.AsyncItems.ScanAll());
        Assert.Equal(sync.AsyncItems.Count(), async.AsyncItems.Count());
        Assert.Equal(0, async.AsyncMessages.ByRoom.Count("u1"));
    }

    [Fact]
    public async Task EvictExpiredAsync_removes_what_EvictExpired_removes()
    {
        ManualTimeProvider clock = new(T0);
        AsyncStore sync = Open(new StoreOptions { TimeProvider = clock });
        AsyncStore async = Open(new StoreOptions { TimeProvider = clock });
        for (int second = 0; second <= 40; second += 20)
        {
            clock.Now = T0.AddSeconds(second);
            foreach (AsyncStore store in new[] { sync, async })
            {
                store.AsyncPresence.Append(new AsyncPresence("u1", 0, $"{second}"));
                store.AsyncPresence.Append(new AsyncPresence("u2", 0, $"{second}"));
            }
        }

        clock.Now = T0.AddSeconds(90); // 0 s and 20 s are expired, 40 s is not
        sync.AsyncPresence.EvictExpired();
        await async.AsyncPresence.EvictExpiredAsync();

        clock.Now = T0; // nothing is hidden as expired any more: what is missing was removed
        Assert.Equal(["40", "40"], async.AsyncPresence.ScanAll().Select(p => p.Status));
        Assert.Equal(sync.AsyncPresence.ScanAll().Select(p => p.Status), async.AsyncPresence.ScanAll().Select(p => p.Status));
    }

    [Fact]
    public async Task Feature_members_refuse_a_cancelled_token_and_write_nothing()
    {
        AsyncStore store = Open();
        FillFeatures(store);
        using CancellationTokenSource cancelled = new();
        await cancelled.CancelAsync();
        CancellationToken token = cancelled.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AsyncItems.ClearAsync(token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AsyncPeople.RestoreAsync("p2", token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AsyncPeople.PurgeDeletedAsync(DateTimeOffset.MaxValue, token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AsyncMessages.DeleteUserAsync("u1", token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AsyncItems.Scan("g1").DeleteAsync(token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.AsyncPeople.ByEmail.GetAsync("p1@x", token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.AsyncPeople.ReadChangesAsync(0, token)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ToListAsync(store.AsyncItems.Scan().KeysAsync(token)));

        Assert.Equal(18, store.AsyncItems.Count());
        Assert.True(store.AsyncPeople.GetEntry("p2")!.Value.IsDeleted);
        Assert.Equal(2, store.AsyncMessages.CountUser("u1"));
    }
}
