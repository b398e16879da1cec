using TypedStore.Tests.Lifecycle;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// Commits, generated ids and transactions on the async path make no blocking engine call (docs/async.md, "What runs
/// synchronously"): on <see cref="YieldingStorageEngine"/> each member below leaves the blocking-call counts unchanged,
/// and on every engine (derived classes) it leaves what its synchronous form leaves.
/// </summary>
public abstract partial class AsyncCommitTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens a new, empty store.</summary>
    internal abstract AsyncCommitStore Open(StoreOptions? options = null);

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

    internal AsyncCommitStore Track(AsyncCommitStore store)
    {
        _opened.Add(store);
        return store;
    }

    // Blocking calls of the async engine, when the suite runs on one, are not expected of `member`.
    private async Task NoBlockingCall(string member, Func<Task> run)
    {
        if (AsyncEngine is { } engine)
        {
            await AsyncMemberTests.AssertNoBlockingCall(engine, member, run);
        }
        else
        {
            await run();
        }
    }

    private static void Fill(AsyncCommitStore store)
    {
        for (int g = 0; g < 3; g++)
        {
            store.AcTags.PutMany(Enumerable.Range(0, 10).Select(n => new AcTag("g" + g, n, $"s{g}-{n}", "c" + (n % 3))));
        }

        store.AcCodes.PutMany(Enumerable.Range(0, 10).Select(i => new AcCode("k" + i, "code-" + i)));
        store.AcCodes.Delete("k3");
    }

    // Range deletes next to puts, on the plain indexed table and the soft-delete one.
    private static void RecordRanges(AsyncCommitStore store, AsyncCommitStoreBatch batch)
    {
        batch.AcTags.Delete(store.AcTags.Scan("g1").From(2).Before(8));
        batch.AcTags.Put(new AcTag("g1", 5, "s1-5", "again"));       // written again inside the deleted range
        batch.AcTags.Put(new AcTag("g2", 20, "s1-3", "moved"));      // takes a value the range delete frees
        batch.AcCodes.Delete(store.AcCodes.Scan().From("k2").Before("k5"));   // k2, the marked k3, k4
        batch.AcCodes.Put(new AcCode("k9", "code-3"));                // the soft-deleted k3's value (free since its delete)
        batch.AcCodes.Put(new AcCode("k20", "code-4"));               // freed by the range delete
    }

    [Fact]
    public async Task A_range_delete_commits_asynchronously_with_its_rows_read_a_page_at_a_time()
    {
        AsyncCommitStore sync = Open();
        AsyncCommitStore async = Open();
        Fill(sync);
        Fill(async);
        int pages = AsyncEngine?.AsyncPages ?? 0;

        using (AsyncCommitStoreBatch batch = sync.CreateBatch())
        {
            RecordRanges(sync, batch);
            batch.Commit();
        }

        using (AsyncCommitStoreBatch batch = async.CreateBatch())
        {
            RecordRanges(async, batch);
            await NoBlockingCall("batch CommitAsync with range deletes", () => batch.CommitAsync().AsTask());
        }

        if (AsyncEngine is { } engine)
        {
            Assert.True(engine.AsyncPages >= pages + 2, "the range deletes' rows were not read through ReadPageAsync");
        }

        Assert.Equal(sync.AcTags.ScanAll(), async.AcTags.ScanAll());
        Assert.Equal(sync.AcTags.BySlug.Scan(), async.AcTags.BySlug.Scan());
        Assert.Equal(sync.AcTags.ByColor.Scan(), async.AcTags.ByColor.Scan());
        Assert.Equal(sync.AcCodes.ScanAll(includeDeleted: true), async.AcCodes.ScanAll(includeDeleted: true));
        Assert.Equal(sync.AcCodes.ByCode.Scan(), async.AcCodes.ByCode.Scan());
        Assert.Equal("g2", async.AcTags.BySlug.Get("s1-3")!.Group);
        Assert.Equal("k9", async.AcCodes.ByCode.Get("code-3")!.Id);
        Assert.Equal("k20", async.AcCodes.ByCode.Get("code-4")!.Id);
        Assert.True(async.AcTags.Verify().IsConsistent);
        Assert.True(async.AcCodes.Verify().IsConsistent);
    }

    [Fact]
    public async Task A_range_delete_that_leaves_a_unique_value_taken_refuses_the_async_commit_whole()
    {
        AsyncCommitStore store = Open();
        Fill(store);
        using (AsyncCommitStoreBatch batch = store.CreateBatch())
        {
            batch.AcTags.Delete(store.AcTags.Scan("g0").Before(5));
            batch.AcTags.Put(new AcTag("g0", 1, "s0-3", "freed"));    // freed by the range delete: fine
            batch.AcTags.Put(new AcTag("g9", 0, "s0-7", "taken"));    // g0/7 is outside the range: refused
            UniqueConstraintException refused = null!;
            await NoBlockingCall("a refused batch CommitAsync", async () => refused = await Assert.ThrowsAsync<UniqueConstraintException>(() => batch.CommitAsync().AsTask()));
            Assert.Equal("by_slug", refused.Index);
        }

        Assert.Equal(30, store.AcTags.Count());
        Assert.Equal("s0-1", store.AcTags.Get("g0", 1)!.Slug);
        Assert.True(store.AcTags.Verify().IsConsistent);

        // The gate was released: the next async commit goes through.
        await store.AcTags.PutAsync(new AcTag("g9", 0, "s9-0", "x"));
        Assert.Equal(31, await store.AcTags.BySlug.CountAsync());
    }

    [Fact]
    public async Task InsertAsync_takes_ids_and_reserves_blocks_without_a_blocking_call()
    {
        AsyncCommitStore store = Open();
        const int Rows = 2_500; // more than two blocks of IdSequence.BlockSize
        List<long> ids = [];
        await NoBlockingCall("InsertAsync (sequence loaded and blocks reserved)", async () =>
        {
            for (int i = 0; i < Rows; i++)
            {
                ids.Add((await store.AcTickets.InsertAsync(new AcTicket(0, "t" + i))).Id);
            }
        });

        Assert.Equal(Enumerable.Range(1, Rows).Select(i => (long)i), ids);
        Assert.Equal(Rows, store.AcTickets.Count());
        Assert.Equal("t2499", store.AcTickets.Get(Rows)!.Text);

        // The synchronous member continues the same sequence.
        Assert.Equal(Rows + 1, store.AcTickets.Insert(new AcTicket(0, "sync")).Id);
    }

    [Fact]
    public async Task Concurrent_InsertAsync_callers_get_distinct_ids_in_order()
    {
        AsyncCommitStore store = Open();
        const int Callers = 8;
        const int PerCaller = 400; // 3,200 ids: three block refills raced by every caller
        Task<List<long>>[] callers = new Task<List<long>>[Callers];
        for (int c = 0; c < Callers; c++)
        {
            int caller = c;
            callers[c] = Task.Run(async () =>
            {
                List<long> taken = [];
                for (int i = 0; i < PerCaller; i++)
                {
                    // Half of the callers mix in the synchronous member: both reserve under the same refill gate.
                    long id = caller % 2 == 0 || i % 3 != 0
                        ? (await store.AcTickets.InsertAsync(new AcTicket(0, $"{caller}/{i}"))).Id
                        : store.AcTickets.Insert(new AcTicket(0, $"{caller}/{i}")).Id;
                    taken.Add(id);
                }

                return taken;
            });
        }

        List<long>[] taken = await Task.WhenAll(callers);
        foreach (List<long> own in taken)
        {
            Assert.Equal(own.Order(), own); // each caller's ids increase
        }

        // Distinct, and no id skipped within the session (blocks follow each other).
        Assert.Equal(Enumerable.Range(1, Callers * PerCaller).Select(i => (long)i), taken.SelectMany(t => t).Order());
        Assert.Equal(Callers * PerCaller, store.AcTickets.Count());
    }

    [Fact]
    public async Task AppendAsync_covers_its_ids_with_the_reservation_without_a_blocking_call()
    {
        DateTimeOffset t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        ManualTimeProvider clock = new(t0);
        AsyncCommitStore store = Open(new StoreOptions { TimeProvider = clock });

        // The first Append of a session finds the largest stored id with a synchronous scan (docs/async.md).
        AcEvent first = await store.AcEvents.AppendAsync(new AcEvent("s", 0, "first"));
        List<long> seqs = [first.Seq];
        await NoBlockingCall("AppendAsync (reservation moved each second)", async () =>
        {
            for (int second = 0; second < 5; second++)
            {
                clock.Now = t0.AddSeconds(2 * (second + 1)); // past the reserved second each time
                for (int i = 0; i < 3; i++)
                {
                    seqs.Add((await store.AcEvents.AppendAsync(new AcEvent("s", 0, $"{second}/{i}"))).Seq);
                }
            }
        });

        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());
        Assert.Equal(seqs, store.AcEvents.Scan("s").Select(e => e.Seq));
        long next = store.AcEvents.Append(new AcEvent("s", 0, "sync")).Seq;
        Assert.True(next > seqs[^1]);
    }
}
