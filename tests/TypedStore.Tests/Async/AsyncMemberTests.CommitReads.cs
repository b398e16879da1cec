using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// What commit steps read at commit on the async path (docs/async.md, "What runs synchronously"): an index's current
/// rows, a range delete's rows and the holders of unique values, and the change log's last sequence, are read with the
/// engine's async members. On the yielding engine each async commit leaves its blocking-call counts unchanged; on every
/// engine an async commit leaves exactly what the synchronous commit of the same writes leaves.
/// </summary>
public abstract partial class AsyncMemberTests
{
    /// <summary>Runs <paramref name="member"/> and fails when it made a blocking engine call (a read, a snapshot or a write).</summary>
    internal static async Task AssertNoBlockingCall(YieldingStorageEngine engine, string member, Func<Task> run)
    {
        int reads = engine.SyncReads;
        int snapshots = engine.SyncSnapshots;
        int writes = engine.SyncWrites;
        await run();
        Assert.True(
            reads == engine.SyncReads && snapshots == engine.SyncSnapshots && writes == engine.SyncWrites,
            $"{member} made blocking engine calls: {engine.SyncReads - reads} reads, {engine.SyncSnapshots - snapshots} snapshots, {engine.SyncWrites - writes} writes.");
    }

    [Fact]
    public async Task An_indexed_tables_async_commits_read_only_through_the_engines_async_members()
    {
        AsyncStore store = Open();
        if (AsyncEngine is not { } engine)
        {
            return;
        }

        int asyncReads = engine.AsyncReads;

        // The first commit of the store reads the change log's last sequence; every commit reads its rows' current state.
        await AssertNoBlockingCall(engine, "PutAsync (first change-feed commit)", () => store.AsyncPeople.PutAsync(new AsyncPerson("p1", "p1@x", 30)).AsTask());
        await AssertNoBlockingCall(engine, "PutManyAsync", () => store.AsyncPeople.PutManyAsync([new AsyncPerson("p2", "p2@x", 40), new AsyncPerson("p3", "p3@x", 50), new AsyncPerson("p4", "p4@x", 60)]).AsTask());
        await AssertNoBlockingCall(engine, "PutAsync (replacing a row's unique value)", () => store.AsyncPeople.PutAsync(new AsyncPerson("p1", "first@x", 31)).AsTask());
        await AssertNoBlockingCall(engine, "DeleteAsync (soft delete)", () => store.AsyncPeople.DeleteAsync("p3").AsTask());
        await AssertNoBlockingCall(engine, "PutAsync (user table, index)", () => store.AsyncMessages.PutManyAsync([new AsyncMessage("u1", 1, "r1"), new AsyncMessage("u1", 2, "r2"), new AsyncMessage("u2", 1, "r1")]).AsTask());
        using (AsyncStoreBatch batch = store.CreateBatch())
        {
            // Recording reads nothing of an indexed table (a range delete of a change-feed table finds its rows' keys
            // when recorded, which is not the commit's business): the commit reads the rows, under the index gate.
            batch.AsyncPeople.Put(new AsyncPerson("p5", "p3@x", 70));       // takes the value of the soft-deleted p3
            batch.AsyncPeople.Delete(store.AsyncPeople.Scan().From("p2").Before("p4"));   // p2 and the marked p3
            batch.AsyncPeople.Put(new AsyncPerson("p2", "p2-again@x", 41)); // written again after the range delete
            batch.AsyncMessages.DeleteUser("u1");
            batch.AsyncMessages.Put(new AsyncMessage("u1", 3, "r3"));
            await AssertNoBlockingCall(engine, "batch CommitAsync (puts, deletes, a range delete, DeleteUser)", () => batch.CommitAsync().AsTask());
        }
        await AssertNoBlockingCall(engine, "TransactAsync (writes only)", () => store.TransactAsync(async (tx, ct) =>
        {
            await tx.AsyncPeople.PutAsync(new AsyncPerson("p6", "p6@x", 80), ct);
            await tx.AsyncPeople.DeleteAsync("p4", ct);
        }));
        await AssertNoBlockingCall(engine, "transaction CommitAsync (writes only)", async () =>
        {
            using AsyncStoreTransaction tx = store.BeginTransaction();
            await tx.AsyncPeople.PutAsync(new AsyncPerson("p7", "p7@x", 90));
            await tx.CommitAsync();
        });

        Assert.True(engine.AsyncReads > asyncReads, "the commits' reads did not reach the engine's async reads");

        // What the index step derived from those reads, as the synchronous path derives it.
        Assert.Equal(
            ["first@x", "p2-again@x", "p3@x", "p6@x", "p7@x"],
            store.AsyncPeople.ByEmail.Scan().Select(p => p.Email));
        Assert.Equal("p5", store.AsyncPeople.ByEmail.Get("p3@x")!.Id);
        Assert.Null(store.AsyncPeople.GetEntry("p3"));
        Assert.True(store.AsyncPeople.Verify().IsConsistent);
        Assert.True(store.AsyncMessages.Verify().IsConsistent);
        Assert.Equal(["r3"], store.AsyncMessages.ByRoom.Scan("u1").Select(m => m.Room));
        long[] sequences = [.. store.AsyncPeople.ReadChanges(0).Select(c => c.Sequence).Concat(store.AsyncMessages.ReadChanges(0).Select(c => c.Sequence)).Order()];
        Assert.Equal(Enumerable.Range(1, sequences.Length).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task An_async_commit_refuses_a_taken_unique_value_with_nothing_written()
    {
        AsyncStore store = Open();
        store.AsyncPeople.PutMany([new AsyncPerson("p1", "p1@x", 30), new AsyncPerson("p2", "p2@x", 40)]);
        YieldingStorageEngine? engine = AsyncEngine;
        int reads = engine?.SyncReads ?? 0;

        UniqueConstraintException direct = await Assert.ThrowsAsync<UniqueConstraintException>(() => store.AsyncPeople.PutAsync(new AsyncPerson("p9", "p1@x", 1)).AsTask());
        Assert.Equal("by_email", direct.Index);
        using (AsyncStoreBatch batch = store.CreateBatch())
        {
            // Two new rows with one value: refused whole, the unconditional put of p8 too.
            batch.AsyncPeople.Put(new AsyncPerson("p8", "p8@x", 1));
            batch.AsyncPeople.Put(new AsyncPerson("n1", "same@x", 1));
            batch.AsyncPeople.Put(new AsyncPerson("n2", "same@x", 2));
            await Assert.ThrowsAsync<UniqueConstraintException>(() => batch.CommitAsync().AsTask());
        }

        await Assert.ThrowsAsync<UniqueConstraintException>(() => store.TransactAsync(async (tx, ct) =>
        {
            await tx.AsyncPeople.PutAsync(new AsyncPerson("p2", "p1@x", 41), ct);
        }));

        // Values swapped between two rows in one commit: allowed (every old entry goes before a new one is checked).
        using (AsyncStoreBatch swap = store.CreateBatch())
        {
            swap.AsyncPeople.Put(new AsyncPerson("p1", "p2@x", 31));
            swap.AsyncPeople.Put(new AsyncPerson("p2", "p1@x", 42));
            await swap.CommitAsync();
        }

        if (engine is not null)
        {
            Assert.Equal(reads, engine.SyncReads);
        }

        Assert.Equal(["p1", "p2"], store.AsyncPeople.ScanAll(includeDeleted: true).Select(p => p.Id));
        Assert.Equal("p2", store.AsyncPeople.ByEmail.Get("p1@x")!.Id);
        Assert.Equal("p1", store.AsyncPeople.ByEmail.Get("p2@x")!.Id);
        Assert.Equal(2, store.AsyncPeople.ByEmail.Count());
        Assert.True(store.AsyncPeople.Verify().IsConsistent);

        // The refused commits released the gates: the next async write goes through.
        await store.AsyncPeople.PutAsync(new AsyncPerson("p9", "p9@x", 1));
        Assert.Equal("p9", store.AsyncPeople.ByEmail.Get("p9@x")!.Id);
    }

    [Fact]
    public async Task Async_commits_of_indexed_tables_leave_what_synchronous_commits_leave()
    {
        AsyncStore sync = Open();
        AsyncStore async = Open();
        Random random = new(1717);
        string[] ids = ["a", "b", "c", "d", "e", "f"];
        for (int round = 0; round < 80; round++)
        {
            List<Action<AsyncStoreBatch, AsyncStore>> ops = [];
            int count = random.Next(1, 5);
            for (int n = 0; n < count; n++)
            {
                string id = ids[random.Next(ids.Length)];
                string other = ids[random.Next(ids.Length)];
                string email = "e" + random.Next(4);
                string user = "u" + random.Next(2);
                int number = random.Next(3);
                int choice = random.Next(8);
                ops.Add(choice switch
                {
                    0 or 1 or 2 => (batch, _) => batch.AsyncPeople.Put(new AsyncPerson(id, email, round)),
                    3 => (batch, _) => batch.AsyncPeople.Delete(id),
                    4 => (batch, _) => batch.AsyncPeople.Restore(id),
                    5 => (batch, store) => batch.AsyncPeople.Delete(store.AsyncPeople.Scan().From(string.CompareOrdinal(id, other) <= 0 ? id : other).To(string.CompareOrdinal(id, other) <= 0 ? other : id)),
                    6 => (batch, _) => batch.AsyncMessages.Put(new AsyncMessage(user, number, email)),
                    _ => (batch, _) => batch.AsyncMessages.DeleteUser(user),
                });
            }

            Exception? syncError = null;
            Exception? asyncError = null;
            using (AsyncStoreBatch batch = sync.CreateBatch())
            {
                ops.ForEach(op => op(batch, sync));
                syncError = Record.Exception(batch.Commit);
            }

            using (AsyncStoreBatch batch = async.CreateBatch())
            {
                ops.ForEach(op => op(batch, async));
                asyncError = await Record.ExceptionAsync(() => batch.CommitAsync().AsTask());
            }

            Assert.Equal(syncError?.GetType(), asyncError?.GetType());
            Assert.Equal(sync.AsyncPeople.ScanAll(includeDeleted: true), async.AsyncPeople.ScanAll(includeDeleted: true));
            Assert.Equal(sync.AsyncPeople.ByEmail.Scan().Select(p => p.Id), async.AsyncPeople.ByEmail.Scan().Select(p => p.Id));
            Assert.Equal(sync.AsyncMessages.ScanAll(), async.AsyncMessages.ScanAll());
        }

        Assert.True(async.AsyncPeople.Verify().IsConsistent);
        Assert.True(async.AsyncMessages.Verify().IsConsistent);
        Assert.Equal(
            sync.AsyncPeople.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Id)),
            async.AsyncPeople.ReadChanges(0).Select(c => (c.Sequence, c.Kind, c.Id)));
    }
}
