using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// Reads inside a transaction on the async path (docs/async.md): <c>GetAsync</c>, <c>ExistsAsync</c>,
/// <c>GetManyAsync</c>, <c>TryAddAsync</c> and <c>UpdateAsync</c> consult the transaction's own writes, then the engine's
/// async reads at its snapshot (taken with <c>CreateSnapshotAsync</c>); a batch's conditional writes are decided with
/// them at <c>CommitAsync</c>. The isolation promised by docs/transactions.md holds unchanged: keys read are validated at
/// commit, conflicts are retried by <c>TransactAsync</c>.
/// </summary>
public abstract partial class AsyncCommitTests
{
    private static AsyncCommitStore WithAccounts(AsyncCommitStore store)
    {
        store.AcAccounts.PutMany([new AcAccount("a", 100), new AcAccount("b", 0)]);
        return store;
    }

    [Fact]
    public async Task A_TransactAsync_body_reading_and_writing_makes_no_blocking_call()
    {
        AsyncCommitStore store = WithAccounts(Open());
        int snapshots = AsyncEngine?.AsyncSnapshots ?? 0;
        int commits = AsyncEngine?.AsyncCommits ?? 0;

        await NoBlockingCall("TransactAsync (GetAsync, ExistsAsync, GetManyAsync, PutAsync, DeleteAsync, its commit)", () => store.TransactAsync(async (tx, ct) =>
        {
            AcAccount a = (await tx.AcAccounts.GetAsync("a", ct))!;
            AcAccount b = (await tx.AcAccounts.GetAsync("b", ct))!;
            Assert.True(await tx.AcAccounts.ExistsAsync("a", ct));
            Assert.False(await tx.AcAccounts.ExistsAsync("zz", ct));
            await tx.AcAccounts.PutAsync(a with { Balance = a.Balance - 10 }, ct);
            await tx.AcAccounts.PutAsync(b with { Balance = b.Balance + 10 }, ct);

            // Its own writes first: a put, a delete, a put again.
            Assert.Equal(90, (await tx.AcAccounts.GetAsync("a", ct))!.Balance);
            await tx.AcAccounts.PutAsync(new AcAccount("c", 5), ct);
            await tx.AcAccounts.DeleteAsync("c", ct);
            Assert.Null(await tx.AcAccounts.GetAsync("c", ct));
            Assert.False(await tx.AcAccounts.ExistsAsync("c", ct));
            Assert.Equal(
                [new AcAccount("a", 90), new AcAccount("b", 10), null, null],
                await tx.AcAccounts.GetManyAsync(["a", "b", "c", "zz"], ct));
        }));

        if (AsyncEngine is { } engine)
        {
            Assert.Equal(snapshots + 1, engine.AsyncSnapshots);
            Assert.Equal(commits + 1, engine.AsyncCommits);
        }

        Assert.Equal(90, store.AcAccounts.Get("a")!.Balance);
        Assert.Equal(10, store.AcAccounts.Get("b")!.Balance);
        Assert.Null(store.AcAccounts.Get("c"));
    }

    [Fact]
    public async Task A_transaction_reading_only_its_own_writes_takes_no_snapshot_and_commits_like_a_batch()
    {
        AsyncCommitStore store = Open();
        int snapshots = AsyncEngine?.AsyncSnapshots ?? 0;
        using (AsyncCommitStoreTransaction tx = store.BeginTransaction())
        {
            await tx.AcAccounts.PutAsync(new AcAccount("n", 1));
            Assert.Equal(1, (await tx.AcAccounts.GetAsync("n"))!.Balance);
            Assert.Equal([new AcAccount("n", 1)], await tx.AcAccounts.GetManyAsync(["n"]));

            // Another writer commits the key meanwhile: a blind write is placed at the commit, so no conflict.
            store.AcAccounts.Put(new AcAccount("n", 7));
            await tx.CommitAsync();
        }

        Assert.Equal(snapshots, AsyncEngine?.AsyncSnapshots ?? 0);
        Assert.Equal(1, store.AcAccounts.Get("n")!.Balance);
    }

    [Fact]
    public async Task Keys_read_asynchronously_are_validated_at_commit()
    {
        AsyncCommitStore store = WithAccounts(Open());

        // A row read with GetAsync, changed by another writer before the commit.
        using (AsyncCommitStoreTransaction tx = store.BeginTransaction())
        {
            AcAccount a = (await tx.AcAccounts.GetAsync("a"))!;
            store.AcAccounts.Put(new AcAccount("a", 500));
            await tx.AcAccounts.PutAsync(new AcAccount("b", a.Balance));
            await Assert.ThrowsAsync<TransactionConflictException>(() => tx.CommitAsync().AsTask());
        }

        // A key found absent with ExistsAsync, added by another writer.
        using (AsyncCommitStoreTransaction tx = store.BeginTransaction())
        {
            Assert.False(await tx.AcAccounts.ExistsAsync("x"));
            store.AcAccounts.Put(new AcAccount("x", 1));
            await tx.AcAccounts.PutAsync(new AcAccount("y", 1));
            await Assert.ThrowsAsync<TransactionConflictException>(() => tx.CommitAsync().AsTask());
        }

        // A key among a GetManyAsync, deleted by another writer.
        using (AsyncCommitStoreTransaction tx = store.BeginTransaction())
        {
            _ = await tx.AcAccounts.GetManyAsync(["b", "x"]);
            store.AcAccounts.Delete("x");
            await tx.AcAccounts.PutAsync(new AcAccount("z", 1));
            await Assert.ThrowsAsync<TransactionConflictException>(() => tx.CommitAsync().AsTask());
        }

        Assert.Equal(500, store.AcAccounts.Get("a")!.Balance);
        Assert.Equal(0, store.AcAccounts.Get("b")!.Balance);
        Assert.Null(store.AcAccounts.Get("y"));
        Assert.Null(store.AcAccounts.Get("z"));

        // A key read and not changed by anyone: the commit goes through.
        using (AsyncCommitStoreTransaction tx = store.BeginTransaction())
        {
            AcAccount b = (await tx.AcAccounts.GetAsync("b"))!;
            store.AcAccounts.Put(new AcAccount("other", 1));
            await tx.AcAccounts.PutAsync(b with { Balance = 1 });
            await tx.CommitAsync();
        }

        Assert.Equal(1, store.AcAccounts.Get("b")!.Balance);
    }

    [Fact]
    public async Task Concurrent_TransactAsync_increments_lose_nothing()
    {
        AsyncCommitStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        store.AcAccounts.Put(new AcAccount("counter", 0));
        const int Workers = 4;
        const int PerWorker = 40;
        Task[] workers = new Task[Workers];
        for (int w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (int i = 0; i < PerWorker; i++)
                {
                    await store.TransactAsync(async (tx, ct) =>
                    {
                        AcAccount counter = (await tx.AcAccounts.GetAsync("counter", ct))!;
                        await tx.AcAccounts.PutAsync(counter with { Balance = counter.Balance + 1 }, ct);
                    });
                }
            });
        }

        await Task.WhenAll(workers);
        Assert.Equal(Workers * PerWorker, store.AcAccounts.Get("counter")!.Balance);
    }

    [Fact]
    public async Task TryAddAsync_and_UpdateAsync_read_without_a_blocking_call()
    {
        AsyncCommitStore store = WithAccounts(Open());
        await NoBlockingCall("store TryAddAsync", async () =>
        {
            Assert.True(await store.AcAccounts.TryAddAsync(new AcAccount("new", 1)));
            Assert.False(await store.AcAccounts.TryAddAsync(new AcAccount("a", 1)));
        });
        await NoBlockingCall("store UpdateAsync", async () =>
        {
            Assert.Equal(101, (await store.AcAccounts.UpdateAsync("a", a => a with { Balance = a.Balance + 1 }))!.Balance);
            Assert.Null(await store.AcAccounts.UpdateAsync("none", a => a));
        });
        await NoBlockingCall("transaction TryAddAsync and UpdateAsync", () => store.TransactAsync(async (tx, ct) =>
        {
            Assert.False(await tx.AcAccounts.TryAddAsync(new AcAccount("new", 9), ct));
            Assert.True(await tx.AcAccounts.TryAddAsync(new AcAccount("newer", 2), ct));
            Assert.Equal(3, (await tx.AcAccounts.UpdateAsync("newer", n => n with { Balance = n.Balance + 1 }, ct))!.Balance);
        }));

        await Assert.ThrowsAsync<ArgumentException>(() => store.AcAccounts.UpdateAsync("a", a => new AcAccount("moved", a.Balance)).AsTask());
        Assert.Equal(1, store.AcAccounts.Get("new")!.Balance);
        Assert.Equal(101, store.AcAccounts.Get("a")!.Balance);
        Assert.Equal(3, store.AcAccounts.Get("newer")!.Balance);
        Assert.Null(store.AcAccounts.Get("moved"));
    }

    [Fact]
    public async Task A_batchs_conditional_writes_are_decided_at_CommitAsync_without_a_blocking_call()
    {
        AsyncCommitStore store = WithAccounts(Open());
        using AsyncCommitStoreBatch batch = store.CreateBatch();
        ConditionalAdd taken = batch.AcAccounts.TryAdd(new AcAccount("a", 1));
        ConditionalAdd added = batch.AcAccounts.TryAdd(new AcAccount("c", 3));
        ConditionalUpdate<AcAccount> paid = batch.AcAccounts.Update("a", a => a with { Balance = a.Balance - 10 });
        ConditionalUpdate<AcAccount> missing = batch.AcAccounts.Update("none", a => a);
        batch.AcAccounts.Put(new AcAccount("b", 5));
        ConditionalUpdate<AcAccount> seesPut = batch.AcAccounts.Update("b", b => b with { Balance = b.Balance * 2 });
        Assert.False(added.IsDecided);

        await NoBlockingCall("batch CommitAsync with conditional writes", () => batch.CommitAsync().AsTask());

        Assert.False(taken.Added);
        Assert.True(added.Added);
        Assert.Equal(90, paid.Row!.Balance);
        Assert.False(missing.Updated);
        Assert.Equal(10, seesPut.Row!.Balance);
        Assert.Equal(90, store.AcAccounts.Get("a")!.Balance);
        Assert.Equal(10, store.AcAccounts.Get("b")!.Balance);
        Assert.Equal(3, store.AcAccounts.Get("c")!.Balance);
    }

    [Fact]
    public async Task A_batch_refuses_its_members_while_its_conditional_CommitAsync_decides()
    {
        AsyncCommitStore store = WithAccounts(Open());
        using AsyncCommitStoreBatch batch = store.CreateBatch();
        ConditionalUpdate<AcAccount> paid = batch.AcAccounts.Update("a", a => a with { Balance = a.Balance - 1 });
        Task commit = batch.CommitAsync().AsTask();

        // Deciding (its reads pending on an async engine) or committed already: either way the batch takes no more.
        Assert.Throws<InvalidOperationException>(() => batch.AcAccounts.Put(new AcAccount("late", 1)));
        Assert.Throws<InvalidOperationException>(() => batch.AcAccounts.TryAdd(new AcAccount("late", 1)));
        await commit;

        Assert.Equal(99, paid.Row!.Balance);
        Assert.Null(store.AcAccounts.Get("late"));
    }

    [Fact]
    public async Task A_refused_conditional_CommitAsync_leaves_the_batch_as_it_was()
    {
        AsyncCommitStore store = WithAccounts(Open());
        using AsyncCommitStoreBatch batch = store.CreateBatch();
        batch.AcAccounts.Put(new AcAccount("b", 7));
        bool throwing = true;
        ConditionalUpdate<AcAccount> update = batch.AcAccounts.Update("a", a => throwing ? throw new InvalidOperationException("refused") : a with { Balance = 1 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => batch.CommitAsync().AsTask());
        Assert.False(update.IsDecided);
        Assert.Equal(0, store.AcAccounts.Get("b")!.Balance);

        using CancellationTokenSource cancelled = new();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch.CommitAsync(cancelled.Token).AsTask());

        throwing = false;
        await batch.CommitAsync();
        Assert.Equal(1, update.Row!.Balance);
        Assert.Equal(7, store.AcAccounts.Get("b")!.Balance);
    }

    [Fact]
    public async Task Concurrent_async_batch_updates_lose_no_increment()
    {
        AsyncCommitStore store = Open(new StoreOptions { MaxTransactionAttempts = 1000 });
        store.AcAccounts.Put(new AcAccount("counter", 0));
        const int Workers = 4;
        const int PerWorker = 30;
        Task[] workers = new Task[Workers];
        for (int w = 0; w < Workers; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                for (int i = 0; i < PerWorker; i++)
                {
                    using AsyncCommitStoreBatch batch = store.CreateBatch();
                    batch.AcAccounts.Update("counter", c => c with { Balance = c.Balance + 1 });
                    await batch.CommitAsync();
                }
            });
        }

        await Task.WhenAll(workers);
        Assert.Equal(Workers * PerWorker, store.AcAccounts.Get("counter")!.Balance);
    }
}
