using TypedStore.Features.Streams;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Async;

/// <summary>
/// The first <c>AppendAsync</c> of a session (docs/async.md, "What runs on the async path"): it finds the largest stored
/// id over the engine's async pages (a page of one entry per partition, then a reverse page of the partition's end),
/// so it makes no blocking call, starts above every stored id as the synchronous <c>Append</c> does after a reopen, and
/// concurrent first calls wait for one load and take distinct, increasing ids.
/// </summary>
public abstract partial class AsyncCommitTests
{
    /// <summary>Whether <see cref="ReopenLast"/> opens the last store's data again (a persistent engine).</summary>
    internal virtual bool KeepsDataAcrossOpens => false;

    /// <summary>Opens the last store opened again, its data kept (after it was disposed), on engines that keep data across opens; null on others.</summary>
    internal virtual AsyncCommitStore? ReopenLast(StoreOptions? options) => null;

    // Rows written with their own ids, ahead of the clock (within the lead a stream allows) and in several partitions,
    // the largest in a middle partition: a reopened session has seen none of them.
    private static long WriteIdsAhead(AsyncCommitStore store, DateTimeOffset now)
    {
        long Ahead(int minutes, int n) => TimeOrderedId.FirstOf(now.AddMinutes(minutes).ToUnixTimeMilliseconds()) + n;
        store.AcEvents.PutMany([
            new AcEvent("a", Ahead(10, 0), "a"),
            new AcEvent("b", Ahead(20, 3), "b largest"),
            new AcEvent("b", Ahead(1, 0), "b"),
            new AcEvent("c", Ahead(5, 0), "c"),
        ]);
        return Ahead(20, 3);
    }

    [Fact]
    public async Task The_first_AppendAsync_after_a_reopen_starts_above_the_largest_stored_id_without_a_blocking_call()
    {
        DateTimeOffset t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        StoreOptions options = new() { TimeProvider = new ManualTimeProvider(t0) };

        // The synchronous Append after a reopen, for the id it gives.
        AsyncCommitStore sync = Open(options);
        long largest = WriteIdsAhead(sync, t0);
        if (!KeepsDataAcrossOpens)
        {
            return; // the engine keeps nothing across opens (memory, etcd here): the concurrent first-use test covers it
        }

        sync.Dispose();
        AsyncCommitStore syncReopened = ReopenLast(options)!;
        long syncId = syncReopened.AcEvents.Append(new AcEvent("d", 0, "sync")).Seq;
        syncReopened.Dispose();

        AsyncCommitStore async = Open(options);
        Assert.Equal(largest, WriteIdsAhead(async, t0));
        async.Dispose();
        AsyncCommitStore reopened = ReopenLast(options)!;
        long asyncId = 0;
        await NoBlockingCall("the first AppendAsync of a session", async () => asyncId = (await reopened.AcEvents.AppendAsync(new AcEvent("d", 0, "async"))).Seq);

        Assert.True(asyncId > largest, $"AppendAsync gave {asyncId}, not above the largest stored id {largest}");
        Assert.Equal(syncId, asyncId);
        long next = reopened.AcEvents.Append(new AcEvent("d", 0, "sync after")).Seq;
        Assert.True(next > asyncId);
    }

    [Fact]
    public async Task Concurrent_first_AppendAsync_calls_take_distinct_increasing_ids_above_the_stored_ones()
    {
        const int Callers = 8;
        const int PerCaller = 5;
        DateTimeOffset t0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        StoreOptions options = new() { TimeProvider = new ManualTimeProvider(t0) };
        AsyncCommitStore store = Open(options);
        long largest = WriteIdsAhead(store, t0);
        AsyncCommitStore session = store;
        if (KeepsDataAcrossOpens)
        {
            store.Dispose();
            session = ReopenLast(options)!;
        }

        List<long>[] taken = new List<long>[Callers];
        await NoBlockingCall("concurrent first AppendAsync calls", () => Task.WhenAll(Enumerable.Range(0, Callers).Select(async caller =>
        {
            List<long> own = [];
            for (int i = 0; i < PerCaller; i++)
            {
                own.Add((await session.AcEvents.AppendAsync(new AcEvent("e", 0, $"{caller}/{i}"))).Seq);
            }

            taken[caller] = own;
        })));

        List<long> all = [.. taken.SelectMany(t => t)];
        Assert.Equal(Callers * PerCaller, all.Distinct().Count());
        Assert.All(taken, own => Assert.Equal(own.Order(), own));
        Assert.True(all.Min() > largest, $"an id ({all.Min()}) is not above the largest stored id {largest}");
        Assert.Equal(all.Order(), session.AcEvents.Scan("e").Select(e => e.Seq));
    }
}
