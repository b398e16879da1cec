namespace TypedStore.Tests.Async;

/// <summary>
/// Featured tables (soft delete, change feed, indexes) commit through their steps' gates, which an async commit holds
/// across its awaited engine write (docs/async.md, "What runs synchronously"): on an async engine their writes reach
/// only the engine's async members, and under concurrent async writers the features keep their guarantees (one
/// winner of a unique value, a gap-free change order, no row lost to a purge).
/// </summary>
public abstract partial class AsyncMemberTests
{
    [Fact]
    public async Task On_an_async_engine_featured_tables_write_only_through_its_async_members()
    {
        AsyncStore store = Open();
        if (AsyncEngine is not { } engine)
        {
            return;
        }

        int syncWrites = engine.SyncWrites;
        int asyncWrites = engine.AsyncWrites;
        int asyncCommits = engine.AsyncCommits;
        await store.AsyncPeople.PutAsync(new AsyncPerson("p1", "p1@x", 30));
        await store.AsyncPeople.PutManyAsync([new AsyncPerson("p2", "p2@x", 40), new AsyncPerson("p3", "p3@x", 50)]);
        await store.AsyncPeople.DeleteAsync("p3");
        await store.AsyncMessages.PutAsync(new AsyncMessage("u1", 1, "r1"));
        using (AsyncStoreBatch batch = store.CreateBatch())
        {
            batch.AsyncPeople.Put(new AsyncPerson("p4", "p4@x", 60));
            batch.AsyncMessages.Put(new AsyncMessage("u1", 2, "r2"));
            await batch.CommitAsync();
        }

        await store.TransactAsync(async (tx, ct) =>
        {
            AsyncPerson person = (await tx.AsyncPeople.GetAsync("p1", ct))!;
            await tx.AsyncPeople.PutAsync(person with { Age = 31 }, ct);
        });

        Assert.Equal(syncWrites, engine.SyncWrites);
        Assert.Equal(asyncWrites + 5, engine.AsyncWrites);
        Assert.Equal(asyncCommits + 1, engine.AsyncCommits);

        // What the features keep: the rows, their index entries, the soft delete, the change order.
        Assert.Equal(31, store.AsyncPeople.Get("p1")!.Age);
        Assert.Null(store.AsyncPeople.Get("p3"));
        Assert.True(store.AsyncPeople.GetEntry("p3")!.Value.IsDeleted);
        Assert.Equal("p4", store.AsyncPeople.ByEmail.Get("p4@x")!.Id);
        Assert.Equal(3, store.AsyncPeople.ByEmail.Count());
        Assert.Equal(2, store.AsyncMessages.ByRoom.Count("u1"));
        long[] sequences = [.. store.AsyncPeople.ReadChanges(0).Select(c => c.Sequence).Concat(store.AsyncMessages.ReadChanges(0).Select(c => c.Sequence)).Order()];
        Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task Concurrent_async_puts_of_one_unique_value_have_one_winner()
    {
        AsyncStore store = Open();
        const int Writers = 16;
        Task<bool>[] attempts = new Task<bool>[Writers];
        for (int i = 0; i < Writers; i++)
        {
            string id = "w" + i;
            attempts[i] = Task.Run(async () =>
            {
                try
                {
                    await store.AsyncPeople.PutAsync(new AsyncPerson(id, "same@x", 1));
                    return true;
                }
                catch (UniqueConstraintException)
                {
                    return false;
                }
            });
        }

        bool[] won = await Task.WhenAll(attempts);
        Assert.Equal(1, won.Count(w => w));
        string winner = "w" + Array.IndexOf(won, true);
        Assert.Equal(winner, store.AsyncPeople.ByEmail.Get("same@x")!.Id);
        Assert.Equal(1, store.AsyncPeople.ByEmail.Count());
        Assert.Equal([winner], store.AsyncPeople.ScanAll().Select(p => p.Id));

        // Every refused commit released the table's gates: the next write goes through.
        await store.AsyncPeople.PutAsync(new AsyncPerson("after", "after@x", 2));
        Assert.Equal(2, store.AsyncPeople.ByEmail.Count());
    }

    [Fact]
    public async Task Concurrent_async_writers_leave_a_gap_free_change_order()
    {
        AsyncStore store = Open();
        const int Writers = 8;
        const int PerWriter = 25;
        Task[] writers = new Task[Writers];
        for (int w = 0; w < Writers; w++)
        {
            string user = "u" + w;
            writers[w] = Task.Run(async () =>
            {
                for (int n = 0; n < PerWriter; n++)
                {
                    await store.AsyncMessages.PutAsync(new AsyncMessage(user, n, "r" + (n % 3)));
                }
            });
        }

        await Task.WhenAll(writers);
        List<long> sequences = [.. store.AsyncMessages.ReadChanges(0).Select(c => c.Sequence)];
        Assert.Equal(Enumerable.Range(1, Writers * PerWriter).Select(i => (long)i), sequences);
        for (int w = 0; w < Writers; w++)
        {
            // Each writer's own changes are in the order it wrote them.
            Assert.Equal(Enumerable.Range(0, PerWriter), store.AsyncMessages.ReadChanges("u" + w, 0).Select(c => c.Number));
            Assert.Equal(PerWriter, store.AsyncMessages.ByRoom.Count("u" + w));
        }
    }

    [Fact]
    public async Task A_purge_racing_async_puts_removes_no_row_written_again()
    {
        AsyncStore store = Open();
        const int Rows = 300;
        store.AsyncPeople.PutMany(Enumerable.Range(0, Rows).Select(i => new AsyncPerson("p" + i, $"p{i}@x", i)));
        for (int i = 0; i < Rows; i++)
        {
            store.AsyncPeople.Delete("p" + i);
        }

        // Every row is deleted; each is written again while PurgeDeleted removes deleted rows, chunk by chunk.
        Task writer = Task.Run(async () =>
        {
            for (int i = 0; i < Rows; i++)
            {
                await store.AsyncPeople.PutAsync(new AsyncPerson("p" + i, $"p{i}@x", i + 1));
            }
        });
        Task<long> purger = Task.Run(() => store.AsyncPeople.PurgeDeletedAsync(DateTimeOffset.MaxValue).AsTask());
        await Task.WhenAll(writer, purger);

        for (int i = 0; i < Rows; i++)
        {
            Assert.Equal(i + 1, store.AsyncPeople.Get("p" + i)?.Age);
        }

        Assert.Equal(Rows, store.AsyncPeople.ByEmail.Count());
        Assert.InRange(await purger, 0, Rows);
    }

    [Fact]
    public async Task A_featured_tables_async_put_completes_on_return_and_allocates_what_Put_allocates()
    {
        // RocksDB only, as the plain-table figure (AsyncMemberTests.Completion.cs): its allocations are the ones to meet.
        if (this is not RocksDbAsyncMemberTests)
        {
            return;
        }

        AsyncStore store = Open();
        const int Calls = 1_000;
        AsyncPerson[] rows = [new AsyncPerson("p", "p@x", 1), new AsyncPerson("p", "p@x", 2)];
        store.AsyncPeople.Put(rows[0]);
        ValueTask first = store.AsyncPeople.PutAsync(rows[1]);
        Assert.True(first.IsCompletedSuccessfully, "a featured table's async put did not complete on return on RocksDB");
        await first;

        long syncPut = Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                store.AsyncPeople.Put(rows[i & 1]);
            }
        });
        long asyncPut = Allocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                store.AsyncPeople.PutAsync(rows[i & 1]).GetAwaiter().GetResult();
            }
        });

        // The same work (the commit steps, the batch): the async state machine stays on the stack. A little slack for
        // pooled lists that grow once.
        Assert.InRange(asyncPut, 0, syncPut + 1024);
        Assert.Equal(2 + (Calls * 2L), store.AsyncPeople.ReadChanges(0).LongCount());
    }
}
