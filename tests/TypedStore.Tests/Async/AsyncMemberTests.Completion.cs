namespace TypedStore.Tests.Async;

/// <content>
/// How the async members complete: synchronously on a local engine (the task is complete when the call returns, and a
/// warmed call allocates no more than its synchronous form), and through the engine's async members on an async engine
/// (each read and write of a plain table is one call of the engine's async member; none reaches a synchronous write).
/// </content>
public abstract partial class AsyncMemberTests
{
    [Fact]
    public async Task Local_engines_complete_every_member_synchronously()
    {
        AsyncStore store = Open();
        store.AsyncItems.PutMany(Items(2, 50));
        using AsyncStoreSnapshot snapshot = store.CreateSnapshot();
        using AsyncStoreBatch batch = store.CreateBatch();
        batch.AsyncItems.Put(new AsyncItem("b", 1, "x"));
        using AsyncStoreTransaction transaction = store.BeginTransaction();
        transaction.AsyncItems.Put(new AsyncItem("t", 1, "x"));
        await using IAsyncEnumerator<AsyncItem> rows = store.AsyncItems.Scan("g0").ToAsyncEnumerable().GetAsyncEnumerator();

        // Members whose read or write reaches the engine for a plain table.
        (string Member, Func<Task> Await, bool Completed)[] calls =
        [
            Call("GetAsync", store.AsyncItems.GetAsync("g0", 1)),
            Call("ExistsAsync", store.AsyncItems.ExistsAsync("g0", 1)),
            Call("GetManyAsync", store.AsyncItems.GetManyAsync([("g0", 1), ("g9", 1)])),
            Call("snapshot GetAsync", snapshot.AsyncItems.GetAsync("g0", 1)),
            Call("CountAsync", store.AsyncItems.CountAsync()),
            Call("FirstAsync", store.AsyncItems.Scan("g1").FirstAsync()),
            Call("LastAsync", store.AsyncItems.Scan("g1").LastAsync()),
            Call("AnyAsync", store.AsyncItems.Scan("g1").AnyAsync()),
            Call("query CountAsync", store.AsyncItems.Scan("g1").CountAsync()),
            Call("PageAsync", store.AsyncItems.Scan("g1").PageAsync(10)),
            Call("MoveNextAsync", rows.MoveNextAsync()),
            Call("PutAsync", store.AsyncItems.PutAsync(new AsyncItem("p", 1, "x"))),
            Call("PutManyAsync", store.AsyncItems.PutManyAsync(Items(1, 3))),
            Call("DeleteAsync", store.AsyncItems.DeleteAsync("p", 1)),
            Call("batch CommitAsync", batch.CommitAsync()),
            Call("transaction CommitAsync", transaction.CommitAsync()),
        ];

        foreach ((string member, Func<Task> wait, bool completed) in calls)
        {
            // On the async engine the continuation after Task.Yield may already have run when IsCompleted is read, so
            // only a local engine's answer is certain; that the async engine's members were used is counted below.
            Assert.True(completed || AsyncEngine is not null, $"{member}: not complete on return on a local engine");
            await wait();
        }

        Assert.NotNull(store.AsyncItems.Get("b", 1));
        Assert.NotNull(store.AsyncItems.Get("t", 1));
    }

    [Fact]
    public async Task On_an_async_engine_plain_tables_read_and_write_only_through_its_async_members()
    {
        AsyncStore store = Open();
        if (AsyncEngine is not { } engine)
        {
            return;
        }

        int syncWrites = engine.SyncWrites;
        await store.AsyncItems.PutAsync(new AsyncItem("a", 1, "x"));
        await store.AsyncItems.PutManyAsync(Items(2, 10));
        await store.AsyncItems.DeleteAsync("g1", 1);
        using (AsyncStoreBatch batch = store.CreateBatch())
        {
            batch.AsyncItems.Put(new AsyncItem("b", 1, "x"));
            await batch.CommitAsync();
        }

        // A transaction that read commits through the engine's optimistic write; one that never read commits as a batch.
        await store.TransactAsync(async (tx, ct) =>
        {
            _ = await tx.AsyncItems.GetAsync("a", 1, ct);
            await tx.AsyncItems.PutAsync(new AsyncItem("t", 1, "x"), ct);
        });
        Assert.Equal(syncWrites, engine.SyncWrites);
        Assert.Equal(4, engine.AsyncWrites);
        Assert.Equal(1, engine.AsyncCommits);
        await store.TransactAsync(async (tx, ct) => await tx.AsyncItems.PutAsync(new AsyncItem("t", 2, "x"), ct));
        Assert.Equal(syncWrites, engine.SyncWrites);
        Assert.Equal(5, engine.AsyncWrites);
        Assert.Equal(1, engine.AsyncCommits);

        int reads = engine.AsyncReads;
        Assert.NotNull(await store.AsyncItems.GetAsync("a", 1));
        Assert.Equal(reads + 1, engine.AsyncReads);
        Assert.Equal(new AsyncItem?[] { new("a", 1, "x"), null }, await store.AsyncItems.GetManyAsync([("a", 1), ("a", 2)]));
        Assert.Equal(reads + 2, engine.AsyncReads);

        int pages = engine.AsyncPages;
        Assert.Equal(23, (await ToListAsync(store.AsyncItems.Scan().ToAsyncEnumerable())).Count);
        Assert.True(engine.AsyncPages > pages);
    }

    [Fact]
    public void Warmed_async_members_allocate_no_more_than_their_synchronous_forms()
    {
        // RocksDB only: its synchronous Put allocates nothing and its Get only the row, the figures to meet. (The memory
        // engine allocates tree nodes per write, differently for a batch than for a put.)
        if (this is not RocksDbAsyncMemberTests)
        {
            return;
        }

        AsyncStore store = Open();
        AsyncItem row = new("g", 1, "x");
        store.AsyncItems.Put(row);
        const int Calls = 1_000;

        // Warm: JIT, the pooled buffers and the engine's reused batch.
        _ = Allocated(() =>
        {
            store.AsyncItems.PutAsync(row).GetAwaiter().GetResult();
            _ = store.AsyncItems.GetAsync("g", 1).GetAwaiter().GetResult();
            _ = store.AsyncItems.Get("g", 1);
        });

        long syncPut = Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                store.AsyncItems.Put(row);
            }
        });
        long asyncPut = Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                store.AsyncItems.PutAsync(row).GetAwaiter().GetResult();
            }
        });
        long syncGet = Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                _ = store.AsyncItems.Get("g", 1);
            }
        });
        long asyncGet = Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                _ = store.AsyncItems.GetAsync("g", 1).GetAwaiter().GetResult();
            }
        });

        Assert.Equal(0, syncPut);
        Assert.Equal(0, asyncPut);
        Assert.True(syncGet > 0, "a Get allocates its row");
        Assert.Equal(syncGet, asyncGet);
    }

    private static long Allocated(Action run)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static (string, Func<Task>, bool) Call(string member, ValueTask task) => (member, () => task.AsTask(), task.IsCompleted);

    private static (string, Func<Task>, bool) Call<T>(string member, ValueTask<T> task) => (member, () => task.AsTask(), task.IsCompleted);
}
