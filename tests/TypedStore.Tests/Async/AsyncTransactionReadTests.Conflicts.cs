namespace TypedStore.Tests.Async;

/// <content>
/// Keys an async scan, count or first row returned are recorded as read, as a synchronous scan records the keys it
/// stops on: another writer's commit to one of them makes the transaction conflict, and <c>TransactAsync</c> retries.
/// Keys outside the range read are not recorded.
/// </content>
public abstract partial class AsyncTransactionReadTests
{
    private static readonly (string Member, Func<AsyncTransactionReadStoreTransaction, Task> Read)[] RangeReads =
    [
        ("ToAsyncEnumerable", async tx => await ToListAsync(tx.TxItems.Scan("g0").From(10).Before(20).ToAsyncEnumerable())),
        ("Reverse().ToAsyncEnumerable", async tx => await ToListAsync(tx.TxItems.Scan("g0").From(10).Before(20).Reverse().ToAsyncEnumerable())),
        ("CountAsync", async tx => await tx.TxItems.Scan("g0").From(10).Before(20).CountAsync()),
        ("FirstAsync", async tx => await tx.TxItems.Scan("g0").From(15).FirstAsync()),
        ("LastAsync", async tx => await tx.TxItems.Scan("g0").Before(16).LastAsync()),
        ("PageAsync", async tx => await tx.TxItems.Scan("g0").From(10).Before(20).PageAsync(20)),
        ("KeysAsync", async tx => await ToListAsync(tx.TxItems.Scan("g0").From(10).Before(20).KeysAsync())),
        ("soft-delete ToAsyncEnumerable", async tx => await ToListAsync(tx.TxNotes.Scan("g0").From(10).Before(20).ToAsyncEnumerable())),
        ("soft-delete CountAsync", async tx => await tx.TxNotes.Scan("g0").From(10).Before(20).CountAsync()),
    ];

    private AsyncTransactionReadStore WithRanges()
    {
        AsyncTransactionReadStore store = Open();
        store.TxItems.PutMany(Enumerable.Range(0, 100).Select(n => new TxItem("g0", n, n)));
        store.TxNotes.PutMany(Enumerable.Range(0, 100).Select(n => new TxNote("g0", n, n)));
        return store;
    }

    [Fact]
    public async Task A_key_an_async_range_read_returned_conflicts_when_another_writer_changes_it()
    {
        AsyncTransactionReadStore store = WithRanges();
        int change = 1000;
        foreach ((string member, Func<AsyncTransactionReadStoreTransaction, Task> read) in RangeReads)
        {
            using AsyncTransactionReadStoreTransaction tx = store.BeginTransaction();
            tx.TxItems.Put(new TxItem("g0", 12, -1)); // a pending write inside the range read
            await read(tx);
            await tx.TxItems.PutAsync(new TxItem("out", 0, 1));

            // Key 15 was returned by every read above (from the snapshot, not the transaction's own writes).
            change++;
            store.TxItems.Put(new TxItem("g0", 15, change));
            store.TxNotes.Put(new TxNote("g0", 15, change));
            TransactionConflictException conflict = await Assert.ThrowsAsync<TransactionConflictException>(() => tx.CommitAsync().AsTask());
            Assert.NotNull(conflict);
            Assert.Null(store.TxItems.Get("out", 0));
            Assert.Equal(12, store.TxItems.Get("g0", 12)!.Value);
            _ = member;
        }
    }

    [Fact]
    public async Task A_key_outside_the_async_range_read_does_not_conflict()
    {
        AsyncTransactionReadStore store = WithRanges();
        int value = 0;
        foreach ((string member, Func<AsyncTransactionReadStoreTransaction, Task> read) in RangeReads)
        {
            using AsyncTransactionReadStoreTransaction tx = store.BeginTransaction();
            await read(tx);
            value++;
            await tx.TxItems.PutAsync(new TxItem("out", 0, value));

            // Keys past both ends of every range read (and past the first row read): not read, no conflict.
            store.TxItems.Put(new TxItem("g0", 30, value));
            store.TxItems.Put(new TxItem("g0", 5, value));
            store.TxNotes.Put(new TxNote("g0", 30, value));
            await tx.CommitAsync();
            Assert.True(value == store.TxItems.Get("out", 0)!.Value, member);
        }
    }

    [Fact]
    public async Task TransactAsync_retries_a_body_whose_async_scan_read_a_key_changed_meanwhile()
    {
        AsyncTransactionReadStore store = WithRanges();
        int attempts = 0;
        await store.TransactAsync(async (tx, ct) =>
        {
            attempts++;
            long sum = 0;
            await foreach (TxItem item in tx.TxItems.Scan("g0").From(10).Before(20).ToAsyncEnumerable(ct))
            {
                sum += item.Value;
            }

            if (attempts == 1)
            {
                store.TxItems.Put(new TxItem("g0", 15, 1015)); // another writer, after the scan read the key
            }

            await tx.TxItems.PutAsync(new TxItem("sum", 0, (int)sum), ct);
        });

        Assert.Equal(2, attempts);
        Assert.Equal(Enumerable.Range(10, 10).Sum() + 1000, store.TxItems.Get("sum", 0)!.Value);
    }

    [Fact]
    public async Task Async_reads_in_a_transaction_complete_at_once_on_local_engines_and_reach_the_async_engine_otherwise()
    {
        AsyncTransactionReadStore store = WithRanges();
        using AsyncTransactionReadStoreTransaction tx = store.BeginTransaction();
        tx.TxItems.Put(new TxItem("g0", 200, 1));
        tx.TxNotes.Delete("g0", 3);

        Assert.Equal(101, await Completes("CountAsync", () => tx.TxItems.CountAsync()));
        Assert.Equal(new TxItem("g0", 200, 1), await Completes("FirstAsync", () => tx.TxItems.Scan("g0").From(150).FirstAsync()));
        Assert.Equal(99, await Completes("soft-delete CountAsync", () => tx.TxNotes.Scan("g0").CountAsync()));
        Assert.Equal(new TxNote("g0", 4, 4), await Completes("soft-delete GetAsync", () => tx.TxNotes.GetAsync("g0", 4)));
        await using IAsyncEnumerator<TxItem> rows = tx.TxItems.Scan("g0").Reverse().ToAsyncEnumerable().GetAsyncEnumerator();
        Assert.True(await Completes("ToAsyncEnumerable", () => rows.MoveNextAsync()));
        Assert.Equal(new TxItem("g0", 200, 1), rows.Current);
    }

    // On RocksDB and memory the task is complete on return. On the yielding engine the read asked the engine for a page
    // (a synchronous read behind a completed task would not); whether its task is complete on return is a race with the
    // thread pool, so that is not asserted there.
    private async Task<T> Completes<T>(string member, Func<ValueTask<T>> read)
    {
        int pages = AsyncEngine?.AsyncPages ?? 0;
        ValueTask<T> task = read();
        if (CompletesSynchronously)
        {
            Assert.True(task.IsCompleted, member + " should complete synchronously on a local engine");
        }

        T result = await task;
        if (AsyncEngine is { } engine)
        {
            Assert.True(engine.AsyncPages > pages, member + " read no page through the async engine");
        }

        return result;
    }
}
