using TypedStore.Tests.Lifecycle;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <content>
/// On an async engine (<see cref="YieldingStorageEngine"/>) each bulk and feature write reaches only the engine's async
/// members: its reads are pages (<c>ReadPageAsync</c>), its snapshot <c>CreateSnapshotAsync</c>, its commits
/// <c>WriteAsync</c>; the synchronous read, snapshot and write counts stay exactly where they were. Tables with an index
/// are left out: an index's reads at commit are the index's own (docs/async.md, "What runs synchronously").
/// </content>
public abstract partial class AsyncBulkTests
{
    [Fact]
    public async Task On_an_async_engine_each_bulk_write_makes_no_synchronous_engine_call()
    {
        ManualTimeProvider clock = new(T0);
        BulkStore store = Open(new StoreOptions { TimeProvider = clock });
        if (AsyncEngine is not { } engine)
        {
            return;
        }

        // Written synchronously first, which also loads the change log's last sequence (read once per store).
        Fill(store, clock);
        store.BulkTicks.Append(new BulkTick(0, "old"));
        store.BulkPresence.Append(new BulkPresence("u1", 0, "old"));
        store.BulkPresence.Append(new BulkPresence("u2", 0, "old"));
        store.BulkReadings.PutMany(Enumerable.Range(0, 600).Select(n => new BulkReading("s", n, n)));
        store.BulkReadings.Delete("s", 5);
        clock.Now = T0.AddSeconds(90); // every stream row is expired

        await NoBlockingCall(engine, "RestoreAsync", () => store.BulkEvents.RestoreAsync("a", 515), pages: false);
        Assert.False(store.BulkEvents.GetEntry("a", 515)!.Value.IsDeleted);
        await NoBlockingCall(engine, "PurgeAsync", () => store.BulkEvents.PurgeAsync("a", 520), pages: false);
        Assert.Null(store.BulkEvents.GetEntry("a", 520));
        await NoBlockingCall(engine, "PurgeDeletedAsync", async () => Assert.True(await store.BulkEvents.PurgeDeletedAsync(T0.AddSeconds(5)) > 100), pages: true);
        Assert.Null(store.BulkEvents.GetEntry("a", 511));
        Assert.True(store.BulkEvents.GetEntry("a", 514)!.Value.IsDeleted);

        long kept = store.BulkEvents.Scan("a").From(900).IncludeDeleted().Count();
        await NoBlockingCall(engine, "query DeleteAsync (row by row)", () => store.BulkEvents.Scan("a").Before(900).DeleteAsync(), pages: true);
        Assert.Equal(kept, store.BulkEvents.Scan("a").IncludeDeleted().Count());
        await NoBlockingCall(engine, "DeleteAsync(query) (row by row)", () => store.BulkEvents.DeleteAsync(store.BulkEvents.Scan("b")), pages: true);
        Assert.Empty(store.BulkEvents.Scan("b").IncludeDeleted().ToList());
        await NoBlockingCall(engine, "ClearAsync (row by row)", () => store.BulkEvents.ClearAsync(), pages: true);
        Assert.Empty(store.BulkEvents.ScanAllEntries());
        Assert.Equal(ChangeKind.Delete, store.BulkEvents.ReadChanges(0).Last().Kind);

        await NoBlockingCall(engine, "query DeleteAsync", () => store.BulkItems.Scan("g0").From(5).DeleteAsync(), pages: false);
        Assert.Equal(5, store.BulkItems.Scan("g0").Count());
        await NoBlockingCall(engine, "DeleteAsync(query)", () => store.BulkItems.DeleteAsync(store.BulkItems.Scan("g1")), pages: false);
        await NoBlockingCall(engine, "ClearAsync", () => store.BulkItems.ClearAsync(), pages: false);
        Assert.Equal(0, store.BulkItems.Count());
        await NoBlockingCall(engine, "DeleteUserAsync", () => store.BulkMessages.DeleteUserAsync("u1"), pages: false);
        Assert.Empty(store.BulkMessages.ScanUser("u1"));
        Assert.Equal(ChangeKind.DeleteUser, store.BulkMessages.ReadChanges(0).Last().Kind);

        await NoBlockingCall(engine, "EvictExpiredAsync by id", () => store.BulkTicks.EvictExpiredAsync(), pages: false);
        await NoBlockingCall(engine, "EvictExpiredAsync by partition", () => store.BulkPresence.EvictExpiredAsync(), pages: true);
        await NoBlockingCall(engine, "EvictExpiredAsync by _updated", () => store.BulkReadings.EvictExpiredAsync(), pages: true);
        clock.Now = T0;
        Assert.Empty(store.BulkTicks.ScanAll());
        Assert.Empty(store.BulkPresence.ScanAll());
        Assert.Empty(store.BulkReadings.ScanAllEntries());
    }

    // Runs one member on the yielding engine: no synchronous read, snapshot or write; at least one async write, and
    // pages when the member reads.
    private static async Task NoBlockingCall(YieldingStorageEngine engine, string member, Func<ValueTask> call, bool pages)
    {
        (int reads, int snapshots, int writes, int asyncWrites, int asyncPages) = (engine.SyncReads, engine.SyncSnapshots, engine.SyncWrites, engine.AsyncWrites, engine.AsyncPages);
        await call();
        Assert.True(reads == engine.SyncReads, $"{member}: {engine.SyncReads - reads} synchronous reads");
        Assert.True(snapshots == engine.SyncSnapshots, $"{member}: {engine.SyncSnapshots - snapshots} synchronous snapshots");
        Assert.True(writes == engine.SyncWrites, $"{member}: {engine.SyncWrites - writes} synchronous writes");
        Assert.True(engine.AsyncWrites > asyncWrites, $"{member}: no async write");
        Assert.True(!pages || engine.AsyncPages > asyncPages, $"{member}: no page read");
    }
}
