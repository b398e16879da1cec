namespace TypedStore.Tests.Async;

/// <content>
/// On RocksDB the async bulk and feature writes complete synchronously and allocate no more than their synchronous
/// forms: the async commit's state machine never leaves the stack, the user prefix's state is a struct tuple, and a
/// plain table's range delete goes through the engine's reused batch.
/// </content>
public abstract partial class AsyncBulkTests
{
    [Fact]
    public void Warmed_async_bulk_writes_allocate_no_more_than_their_synchronous_forms()
    {
        if (this is not RocksDbAsyncBulkTests)
        {
            return;
        }

        BulkStore store = Open();
        store.BulkEvents.Put(new BulkEvent("a", 1, "x"));
        store.BulkMessages.Put(new BulkMessage("u1", 1, "x"));
        const int Calls = 500;
        (string Member, Action Sync, Action Async)[] pairs =
        [
            ("Restore", () => store.BulkEvents.Restore("a", 1), () => store.BulkEvents.RestoreAsync("a", 1).GetAwaiter().GetResult()),
            ("Purge", () => store.BulkEvents.Purge("a", 2), () => store.BulkEvents.PurgeAsync("a", 2).GetAwaiter().GetResult()),
            ("DeleteUser", () => store.BulkMessages.DeleteUser("u9"), () => store.BulkMessages.DeleteUserAsync("u9").GetAwaiter().GetResult()),
            ("Clear", () => store.BulkItems.Clear(), () => store.BulkItems.ClearAsync().GetAwaiter().GetResult()),
        ];

        foreach ((string member, Action sync, Action async) in pairs)
        {
            // Warm: JIT, the pooled write sets and the engine's reused batch.
            _ = Allocated(sync, Calls);
            _ = Allocated(async, Calls);
            long syncBytes = Allocated(sync, Calls);
            long asyncBytes = Allocated(async, Calls);
            Assert.True(asyncBytes <= syncBytes, $"{member}Async: {asyncBytes / Calls} bytes per call, {member}: {syncBytes / Calls}");
        }

        Assert.Equal("x", store.BulkEvents.Get("a", 1)?.Label);
    }

    private static long Allocated(Action run, int calls)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
        {
            run();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
