using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// The generated async members (docs/async.md) on every engine (derived classes): the memory engine, RocksDB, and both
/// behind <see cref="YieldingStorageEngine"/>, an engine whose async members never complete synchronously. Each test
/// compares an async member with its synchronous form over the same data, so a wrong page boundary, a lost row or a
/// feature skipped on the async path shows as a difference.
/// </summary>
public abstract partial class AsyncMemberTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens a new, empty store.</summary>
    internal abstract AsyncStore Open(StoreOptions? options = null);

    /// <summary>The async engine the last store opened runs on, when the suite runs on one.</summary>
    internal virtual YieldingStorageEngine? AsyncEngine => null;

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

    internal AsyncStore Track(AsyncStore store)
    {
        _opened.Add(store);
        return store;
    }

    internal static List<AsyncItem> Items(int groups, int perGroup)
    {
        List<AsyncItem> items = [];
        for (int g = 0; g < groups; g++)
        {
            for (int n = 0; n < perGroup; n++)
            {
                items.Add(new AsyncItem("g" + g, n, $"item {g}/{n}"));
            }
        }

        return items;
    }

    internal static Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows) => AsyncReadChecks.ToListAsync(rows);

    [Fact]
    public async Task Point_reads_equal_the_synchronous_members()
    {
        AsyncStore store = Open();
        store.AsyncItems.PutMany(Items(3, 10));
        store.AsyncPeople.Put(new AsyncPerson("p1", "p1@x", 30));
        store.AsyncPeople.Put(new AsyncPerson("p2", "p2@x", 40));
        store.AsyncPeople.Delete("p2");

        foreach ((string group, int number) in new[] { ("g0", 0), ("g2", 9), ("g1", 10), ("g9", 0) })
        {
            Assert.Equal(store.AsyncItems.Get(group, number), await store.AsyncItems.GetAsync(group, number));
            Assert.Equal(store.AsyncItems.Exists(group, number), await store.AsyncItems.ExistsAsync(group, number));
        }

        foreach (string id in new[] { "p1", "p2", "p3" })
        {
            Assert.Equal(store.AsyncPeople.Get(id), await store.AsyncPeople.GetAsync(id));
            Assert.Equal(store.AsyncPeople.Exists(id), await store.AsyncPeople.ExistsAsync(id));
        }

        Assert.Null(await store.AsyncPeople.GetAsync("p2"));
        (string, int)[] keys = [("g0", 1), ("g5", 1), ("g1", 3), ("g0", 1)];
        Assert.Equal(store.AsyncItems.GetMany(keys), await store.AsyncItems.GetManyAsync(keys));
        Assert.Equal(store.AsyncItems.Count(), await store.AsyncItems.CountAsync());
        Assert.Equal(1, await store.AsyncPeople.CountAsync());

        using AsyncStoreSnapshot snapshot = store.CreateSnapshot();
        await store.AsyncItems.DeleteAsync("g0", 0);
        Assert.Null(await store.AsyncItems.GetAsync("g0", 0));
        Assert.Equal(new AsyncItem("g0", 0, "item 0/0"), await snapshot.AsyncItems.GetAsync("g0", 0));
        Assert.Equal(30, await snapshot.AsyncItems.CountAsync());
        Assert.Equal(29, await store.AsyncItems.CountAsync());
    }

    [Fact]
    public async Task Queries_equal_the_synchronous_queries_across_page_boundaries()
    {
        AsyncStore store = Open();

        // 700 rows in one group: more than one page at every page size the async scan asks for (32, 64, ... 512).
        store.AsyncItems.PutMany(Items(3, 700));

        Assert.Equal(store.AsyncItems.Scan().ToList(), await ToListAsync(store.AsyncItems.Scan().ToAsyncEnumerable()));
        Assert.Equal(store.AsyncItems.Scan("g1").Reverse().ToList(), await ToListAsync(store.AsyncItems.Scan("g1").Reverse().ToAsyncEnumerable()));
        Assert.Equal(store.AsyncItems.Scan("g1").From(100).Before(650).ToList(), await ToListAsync(store.AsyncItems.Scan("g1").From(100).Before(650).ToAsyncEnumerable()));
        Assert.Equal(store.AsyncItems.Scan("g2").After(5).To(7).Reverse().ToList(), await ToListAsync(store.AsyncItems.Scan("g2").After(5).To(7).Reverse().ToAsyncEnumerable()));
        Assert.Empty(await ToListAsync(store.AsyncItems.Scan("g9").ToAsyncEnumerable()));
        Assert.Empty(await ToListAsync(store.AsyncItems.Scan("g1").From(10).Before(10).ToAsyncEnumerable()));

        foreach (Func<AsyncStore.AsyncItemsWithinGroupQuery<TypedStore.Runtime.Contexts.DirectContext>> query in new Func<AsyncStore.AsyncItemsWithinGroupQuery<TypedStore.Runtime.Contexts.DirectContext>>[]
        {
            () => store.AsyncItems.Scan("g0"),
            () => store.AsyncItems.Scan("g0").Reverse(),
            () => store.AsyncItems.Scan("g0").After(3).Before(600),
            () => store.AsyncItems.Scan("g7"),
        })
        {
            Assert.Equal(query().First(), await query().FirstAsync());
            Assert.Equal(query().Last(), await query().LastAsync());
            Assert.Equal(query().Any(), await query().AnyAsync());
            Assert.Equal(query().Count(), await query().CountAsync());
            Assert.Equal(await PagesOf(query, 97, sync: true), await PagesOf(query, 97, sync: false));
        }
    }

    [Fact]
    public async Task Queries_of_a_featured_table_and_an_index_equal_the_synchronous_queries()
    {
        AsyncStore store = Open();
        for (int i = 0; i < 50; i++)
        {
            store.AsyncPeople.Put(new AsyncPerson("p" + i.ToString("D2"), $"p{i}@x", i));
        }

        store.AsyncPeople.Delete("p07");
        Assert.Equal(store.AsyncPeople.Scan().ToList(), await ToListAsync(store.AsyncPeople.Scan().ToAsyncEnumerable()));
        Assert.Equal(store.AsyncPeople.Scan().IncludeDeleted().ToList(), await ToListAsync(store.AsyncPeople.Scan().IncludeDeleted().ToAsyncEnumerable()));
        Assert.Equal(49, await store.AsyncPeople.Scan().CountAsync());
        Assert.Equal(store.AsyncPeople.Scan().Page(10).Rows, (await store.AsyncPeople.Scan().PageAsync(10)).Rows);
        Assert.Equal(store.AsyncPeople.ByEmail.Scan().ToList(), await ToListAsync(store.AsyncPeople.ByEmail.Scan().ToAsyncEnumerable()));
        Assert.Equal(store.AsyncPeople.ByEmail.Scan().First(), await store.AsyncPeople.ByEmail.Scan().FirstAsync());
    }

    private static async Task<List<List<AsyncItem>>> PagesOf(Func<AsyncStore.AsyncItemsWithinGroupQuery<TypedStore.Runtime.Contexts.DirectContext>> query, int size, bool sync)
    {
        List<List<AsyncItem>> pages = [];
        string? next = null;
        do
        {
            Page<AsyncItem> page = sync ? query().Page(size, next) : await query().PageAsync(size, next);
            pages.Add([.. page.Rows]);
            next = page.Next;
        }
        while (next is not null);
        return pages;
    }

    [Fact]
    public async Task Async_writes_read_back_as_synchronous_writes_do()
    {
        AsyncStore store = Open();
        await store.AsyncItems.PutAsync(new AsyncItem("a", 1, "one"));
        await store.AsyncItems.PutManyAsync(Items(2, 5));
        await store.AsyncItems.DeleteAsync("g1", 2);
        await store.AsyncItems.PutManyAsync([]);
        AsyncStore expected = Open();
        expected.AsyncItems.Put(new AsyncItem("a", 1, "one"));
        expected.AsyncItems.PutMany(Items(2, 5));
        expected.AsyncItems.Delete("g1", 2);
        Assert.Equal(expected.AsyncItems.ScanAll().ToList(), store.AsyncItems.ScanAll().ToList());

        AsyncNote first = await store.AsyncNotes.InsertAsync(new AsyncNote(0, "first"));
        AsyncNote second = await store.AsyncNotes.InsertAsync(new AsyncNote(0, "second"));
        Assert.True(second.Id > first.Id);
        await store.AsyncNotes.PutAsync(new AsyncNote(second.Id + 100, "chosen"));
        AsyncNote third = await store.AsyncNotes.InsertAsync(new AsyncNote(0, "third"));
        Assert.True(third.Id > second.Id + 100, "a put of a chosen id moves the sequence past it on the async path too");
        Assert.Equal([first, second, new AsyncNote(second.Id + 100, "chosen"), third], store.AsyncNotes.ScanAll().ToList());
    }

    [Fact]
    public async Task Features_hold_through_the_async_write_path()
    {
        AsyncStore store = Open();
        await store.AsyncPeople.PutAsync(new AsyncPerson("p1", "a@x", 30));
        await store.AsyncPeople.PutManyAsync([new AsyncPerson("p2", "b@x", 31), new AsyncPerson("p3", "c@x", 32)]);

        // Unique: refused through the task, nothing of it written.
        ValueTask refused = store.AsyncPeople.PutAsync(new AsyncPerson("p4", "a@x", 33));
        await Assert.ThrowsAsync<UniqueConstraintException>(async () => await refused);
        Assert.Null(store.AsyncPeople.Get("p4"));
        await Assert.ThrowsAsync<UniqueConstraintException>(async () => await store.AsyncPeople.PutManyAsync([new AsyncPerson("p5", "e@x", 1), new AsyncPerson("p6", "b@x", 1)]));
        Assert.Null(store.AsyncPeople.Get("p5"));

        // Soft delete: the row is hidden, its entry kept and flagged; the index entry goes with it.
        await store.AsyncPeople.DeleteAsync("p2");
        Assert.Null(await store.AsyncPeople.GetAsync("p2"));
        Assert.True(store.AsyncPeople.GetEntry("p2")!.Value.IsDeleted);
        Assert.Null(store.AsyncPeople.ByEmail.Get("b@x"));
        Assert.Equal(new AsyncPerson("p1", "a@x", 30), store.AsyncPeople.ByEmail.Get("a@x"));

        // Change feed: one change per row write, in order.
        Assert.Equal(
            [("p1", ChangeKind.Put), ("p2", ChangeKind.Put), ("p3", ChangeKind.Put), ("p2", ChangeKind.SoftDelete)],
            store.AsyncPeople.ReadChanges(0).Select(c => (c.Id, c.Kind)).ToList());

        // Conditional writes.
        Assert.False(await store.AsyncPeople.TryAddAsync(new AsyncPerson("p1", "z@x", 1)));
        Assert.True(await store.AsyncPeople.TryAddAsync(new AsyncPerson("p7", "g@x", 1)));
        Assert.Equal(new AsyncPerson("p7", "g@x", 2), await store.AsyncPeople.UpdateAsync("p7", p => p with { Age = 2 }));
        Assert.Null(await store.AsyncPeople.UpdateAsync("missing", p => p with { Age = 2 }));
        Assert.Equal(new AsyncPerson("p7", "g@x", 2), store.AsyncPeople.Get("p7"));
        Assert.Equal(new AsyncItem("k", 1, "x"), await AddThenUpdate(store));
    }

    private static async Task<AsyncItem?> AddThenUpdate(AsyncStore store)
    {
        Assert.True(await store.AsyncItems.TryAddAsync(new AsyncItem("k", 1, "w")));
        return await store.AsyncItems.UpdateAsync("k", 1, i => i with { Label = "x" });
    }

    [Fact]
    public async Task A_cancelled_token_writes_nothing()
    {
        AsyncStore store = Open();
        using CancellationTokenSource cancelled = new();
        cancelled.Cancel();
        CancellationToken token = cancelled.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncItems.PutAsync(new AsyncItem("a", 1, "x"), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncItems.PutManyAsync(Items(1, 3), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncPeople.PutAsync(new AsyncPerson("p", "p@x", 1), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncNotes.InsertAsync(new AsyncNote(0, "n"), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncPeople.TryAddAsync(new AsyncPerson("q", "q@x", 1), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncItems.GetAsync("a", 1, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncItems.Scan().CountAsync(token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ToListAsync(store.AsyncItems.Scan().ToAsyncEnumerable(token)));
        Assert.Equal(0, store.AsyncItems.Count());
        Assert.Equal(0, store.AsyncPeople.Count());
        Assert.Equal(0, store.AsyncNotes.Count());

        store.AsyncItems.Put(new AsyncItem("kept", 1, "x"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AsyncItems.DeleteAsync("kept", 1, token));
        Assert.NotNull(store.AsyncItems.Get("kept", 1));

        // A batch and a transaction keep their writes when a cancelled commit writes nothing, and commit later.
        using AsyncStoreBatch batch = store.CreateBatch();
        batch.AsyncItems.Put(new AsyncItem("b", 1, "x"));
        batch.AsyncPeople.Put(new AsyncPerson("b", "b@x", 1));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await batch.CommitAsync(token));
        Assert.Null(store.AsyncItems.Get("b", 1));
        await batch.CommitAsync();
        Assert.NotNull(store.AsyncItems.Get("b", 1));
        Assert.NotNull(store.AsyncPeople.Get("b"));

        using AsyncStoreTransaction transaction = store.BeginTransaction();
        transaction.AsyncItems.Put(new AsyncItem("t", 1, "x"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await transaction.CommitAsync(token));
        Assert.Null(store.AsyncItems.Get("t", 1));
        await transaction.CommitAsync();
        Assert.NotNull(store.AsyncItems.Get("t", 1));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.TransactAsync(async (tx, ct) =>
        {
            await tx.AsyncItems.PutAsync(new AsyncItem("u", 1, "x"), ct);
        }, token));
        Assert.Null(store.AsyncItems.Get("u", 1));
    }

    [Fact]
    public async Task Failures_come_through_the_task_and_write_nothing()
    {
        AsyncStore store = Open();

        // Nothing throws at the call: each failure is the task's.
        ValueTask nullRow = store.AsyncItems.PutAsync(null!);
        ValueTask nullRows = store.AsyncItems.PutManyAsync([new AsyncItem("a", 1, "x"), null!]);
        ValueTask nullKey = store.AsyncPeople.PutAsync(new AsyncPerson(null!, "n@x", 1));
        ValueTask<AsyncItem?> nullPart = store.AsyncItems.GetAsync(null!, 1);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await nullRow);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await nullRows);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await nullKey);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await nullPart);
        Assert.Equal(0, store.AsyncItems.Count());
        Assert.Equal(0, store.AsyncPeople.Count());
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.AsyncItems.Scan().PageAsync(0));

        store.Dispose();
        ValueTask afterDispose = store.AsyncItems.PutAsync(new AsyncItem("a", 1, "x"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await afterDispose);
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.AsyncItems.GetAsync("a", 1));
    }

    [Fact]
    public async Task A_batch_commits_once_and_atomically()
    {
        AsyncStore store = Open();
        store.AsyncPeople.Put(new AsyncPerson("taken", "taken@x", 1));
        using (AsyncStoreBatch batch = store.CreateBatch())
        {
            await batch.AsyncItems.PutManyAsync(Items(1, 100));
            await batch.AsyncPeople.PutAsync(new AsyncPerson("p1", "p1@x", 1));
            AsyncNote note = await batch.AsyncNotes.InsertAsync(new AsyncNote(0, "n"));
            await batch.AsyncItems.DeleteAsync("g0", 5);
            Assert.Null(store.AsyncItems.Get("g0", 0));
            await batch.CommitAsync();
            Assert.Equal(99, store.AsyncItems.Count());
            Assert.Equal(note, store.AsyncNotes.Get(note.Id));
            Assert.Equal(1, store.AsyncPeople.ReadChanges(0).Count(c => c.Id == "p1"));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await batch.CommitAsync());
        }

        using (AsyncStoreBatch refused = store.CreateBatch())
        {
            refused.AsyncItems.Put(new AsyncItem("r", 1, "x"));
            refused.AsyncPeople.Put(new AsyncPerson("p2", "taken@x", 1));
            await Assert.ThrowsAsync<UniqueConstraintException>(async () => await refused.CommitAsync());
            Assert.Null(store.AsyncItems.Get("r", 1));
        }
    }

    [Fact]
    public async Task Transactions_commit_through_the_async_commit()
    {
        AsyncStore store = Open();
        store.AsyncItems.Put(new AsyncItem("acct", 1, "100"));
        store.AsyncItems.Put(new AsyncItem("acct", 2, "0"));
        int result = await store.TransactAsync(async (tx, ct) =>
        {
            AsyncItem source = (await tx.AsyncItems.GetAsync("acct", 1, ct))!;
            AsyncItem target = (await tx.AsyncItems.GetAsync("acct", 2, ct))!;
            await tx.AsyncItems.PutAsync(source with { Label = "60" }, ct);
            await tx.AsyncItems.PutAsync(target with { Label = "40" }, ct);
            await tx.AsyncPeople.PutAsync(new AsyncPerson("tx", "tx@x", 1), ct);

            // Read-your-own-writes through the async members.
            Assert.Equal("60", (await tx.AsyncItems.GetAsync("acct", 1, ct))!.Label);
            Assert.Equal(["60", "40"], (await ToListAsync(tx.AsyncItems.Scan("acct").ToAsyncEnumerable(ct))).Select(i => i.Label));
            return 7;
        });
        Assert.Equal(7, result);
        Assert.Equal(["60", "40"], store.AsyncItems.Scan("acct").Select(i => i.Label));
        Assert.NotNull(store.AsyncPeople.Get("tx"));

        // A conflict found by the async commit writes nothing and ends the transaction.
        using AsyncStoreTransaction transaction = store.BeginTransaction();
        Assert.NotNull(await transaction.AsyncItems.GetAsync("acct", 1));
        transaction.AsyncItems.Put(new AsyncItem("acct", 3, "new"));
        store.AsyncItems.Put(new AsyncItem("acct", 1, "changed"));
        await Assert.ThrowsAsync<TransactionConflictException>(async () => await transaction.CommitAsync());
        Assert.Null(store.AsyncItems.Get("acct", 3));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await transaction.CommitAsync());
    }
}
