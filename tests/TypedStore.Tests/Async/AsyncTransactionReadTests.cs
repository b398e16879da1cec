using TypedStore.Tests.Lifecycle;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>
/// Scans, counts and queries inside a transaction on the async path (docs/async.md, "What runs through the engine's
/// async members"): the transaction's pending puts, deletes and range deletes are merged with pages read at its snapshot
/// (<c>OverlaySnapshot.ReadPageAsync</c>). Every async member of a plain, a soft-delete and a stream table is compared
/// with its synchronous form in the same transaction after seeded random writes across page boundaries, both directions
/// and with bounds; on the yielding engine each is shown to make no synchronous engine call; and a key an async scan
/// returned is validated at commit as a synchronous scan's is.
/// </summary>
public abstract partial class AsyncTransactionReadTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Groups = ["g0", "g1", "g2"];

    private readonly List<IDisposable> _opened = [];

    /// <summary>Opens a new, empty store.</summary>
    internal abstract AsyncTransactionReadStore Open(StoreOptions? options = null);

    /// <summary>The async engine the last store opened runs on, when the suite runs on one.</summary>
    internal virtual YieldingStorageEngine? AsyncEngine => null;

    /// <summary>Whether the engine's async members complete on return (RocksDB, memory); a network engine's do not.</summary>
    internal virtual bool CompletesSynchronously => AsyncEngine is null;

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

    internal AsyncTransactionReadStore Track(AsyncTransactionReadStore store)
    {
        _opened.Add(store);
        return store;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Plain_table_async_reads_in_a_transaction_equal_the_synchronous_reads(int seed)
    {
        AsyncTransactionReadStore store = Open();
        Random random = new(seed);
        store.TxItems.PutMany(from g in Groups from n in Enumerable.Range(0, 200) where random.Next(10) < 7 select new TxItem(g, n, n));

        using AsyncTransactionReadStoreTransaction tx = store.BeginTransaction();

        // The first read of the transaction takes its snapshot, asynchronously; later writes are merged from then on.
        int snapshots = AsyncEngine?.AsyncSnapshots ?? 0;
        Assert.Equal(store.TxItems.Count(), await Async("CountAsync (first read)", () => tx.TxItems.CountAsync().AsTask()));
        if (AsyncEngine is { } engine)
        {
            Assert.Equal(snapshots + 1, engine.AsyncSnapshots);
        }

        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 40; i++)
            {
                string group = Groups[random.Next(Groups.Length)];
                int number = random.Next(-5, 215);
                switch (random.Next(10))
                {
                    case < 5:
                        tx.TxItems.Put(new TxItem(group, number, random.Next(1000)));
                        break;
                    case < 8:
                        tx.TxItems.Delete(group, number);
                        break;
                    default:
                        tx.TxItems.Scan(group).From(number).Before(number + random.Next(1, 20)).Delete();
                        break;
                }
            }

            await CompareItems(tx, random);
        }

        // Everything pending is deleted: the snapshot's keys are all hidden, pages read on to the end of the range.
        tx.TxItems.Scan("g1").Delete();
        Assert.Empty(await AsyncList("ToAsyncEnumerable (range deleted)", tx.TxItems.Scan("g1").ToAsyncEnumerable()));
        Assert.Null(await Async("FirstAsync (range deleted)", () => tx.TxItems.Scan("g1").FirstAsync().AsTask()));
        tx.TxItems.Put(new TxItem("g1", 100, 1));
        Assert.Equal([new TxItem("g1", 100, 1)], await AsyncList("ToAsyncEnumerable (one put over a range delete)", tx.TxItems.Scan("g1").Reverse().ToAsyncEnumerable()));
        await CompareItems(tx, random);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Soft_delete_table_async_reads_in_a_transaction_equal_the_synchronous_reads(int seed)
    {
        AsyncTransactionReadStore store = Open();
        Random random = new(seed);
        store.TxNotes.PutMany(from g in Groups from n in Enumerable.Range(0, 150) where random.Next(10) < 7 select new TxNote(g, n, n));
        foreach (string group in Groups)
        {
            for (int n = 0; n < 150; n += 4)
            {
                store.TxNotes.Delete(group, n); // a marker beside the row, or a marker alone
            }
        }

        using AsyncTransactionReadStoreTransaction tx = store.BeginTransaction();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 40; i++)
            {
                string group = Groups[random.Next(Groups.Length)];
                int number = random.Next(-5, 160);
                switch (random.Next(10))
                {
                    case < 5:
                        tx.TxNotes.Put(new TxNote(group, number, random.Next(1000)));
                        break;
                    case < 8:
                        tx.TxNotes.Delete(group, number);
                        break;
                    default:
                        tx.TxNotes.Scan(group).From(number).Before(number + random.Next(1, 20)).Delete();
                        break;
                }
            }

            await CompareNotes(tx, random);
        }
    }

    [Fact]
    public async Task Stream_table_async_reads_in_a_transaction_hide_expired_rows_as_the_synchronous_reads_do()
    {
        ManualTimeProvider clock = new(T0);
        AsyncTransactionReadStore store = Open(new StoreOptions { TimeProvider = clock });
        List<TxBeat> appended = [];
        foreach (int second in new[] { 0, 30, 50 })
        {
            clock.Now = T0.AddSeconds(second);
            for (int i = 0; i < 60; i++)
            {
                appended.Add(store.TxBeats.Append(new TxBeat("d" + (i % 2), 0, second * 100 + i)));
            }
        }

        clock.Now = T0.AddSeconds(75); // the rows of second 0 are expired
        Random random = new(6);
        using AsyncTransactionReadStoreTransaction tx = store.BeginTransaction();
        for (int i = 0; i < 50; i++)
        {
            TxBeat beat = appended[random.Next(appended.Count)];
            switch (random.Next(3))
            {
                case 0:
                    tx.TxBeats.Put(beat with { Value = -beat.Value });
                    break;
                case 1:
                    tx.TxBeats.Delete(beat.Device, beat.Seq);
                    break;
                default:
                    tx.TxBeats.Scan(beat.Device).From(beat.Seq).To(beat.Seq + 3).Delete();
                    break;
            }
        }

        Assert.Equal(tx.TxBeats.Count(), await Async("CountAsync", () => tx.TxBeats.CountAsync().AsTask()));
        Assert.Equal(tx.TxBeats.ScanAll(), await AsyncList("ScanAllAsync", tx.TxBeats.ScanAllAsync()));
        Assert.Equal(tx.TxBeats.ScanAll(reverse: true), await AsyncList("ScanAllAsync (reverse)", tx.TxBeats.ScanAllAsync(reverse: true)));
        foreach (string device in new[] { "d0", "d1" })
        {
            await CompareQuery("Scan(device)", tx.TxBeats.Scan(device));
            await CompareQuery("Scan(device).Reverse()", tx.TxBeats.Scan(device).Reverse());
            Assert.Equal(tx.TxBeats.Scan(device).Keys(), await AsyncList("KeysAsync", tx.TxBeats.Scan(device).KeysAsync()));
        }

        (string, long)[] keys = [.. appended.Select(b => (b.Device, b.Seq)).Where((_, i) => i % 7 == 0)];
        Assert.Equal(tx.TxBeats.GetMany(keys), await Async("GetManyAsync", () => tx.TxBeats.GetManyAsync(keys).AsTask()));
        foreach ((string device, long seq) in keys)
        {
            Assert.Equal(tx.TxBeats.Get(device, seq), await Async("GetAsync", () => tx.TxBeats.GetAsync(device, seq).AsTask()));
            Assert.Equal(tx.TxBeats.GetEntry(device, seq), await Async("GetEntryAsync", () => tx.TxBeats.GetEntryAsync(device, seq).AsTask()));
        }

    }

    private async Task CompareItems(AsyncTransactionReadStoreTransaction tx, Random random)
    {
        Assert.Equal(tx.TxItems.Count(), await Async("CountAsync", () => tx.TxItems.CountAsync().AsTask()));
        Assert.Equal(tx.TxItems.ScanAll(), await AsyncList("ScanAllAsync", tx.TxItems.ScanAllAsync()));
        Assert.Equal(tx.TxItems.ScanAll(reverse: true), await AsyncList("ScanAllAsync (reverse)", tx.TxItems.ScanAllAsync(reverse: true)));
        await CompareQuery("Scan()", tx.TxItems.Scan());
        await CompareQuery("Scan().Reverse()", tx.TxItems.Scan().Reverse());
        Assert.Equal(tx.TxItems.Scan().Keys(), await AsyncList("KeysAsync", tx.TxItems.Scan().KeysAsync()));
        foreach (string group in Groups.Append("none"))
        {
            int from = random.Next(0, 120);
            int to = from + random.Next(0, 90);
            await CompareQuery($"Scan({group})", tx.TxItems.Scan(group));
            await CompareQuery($"Scan({group}).Reverse()", tx.TxItems.Scan(group).Reverse());
            await CompareQuery($"Scan({group}).From({from}).Before({to})", tx.TxItems.Scan(group).From(from).Before(to));
            await CompareQuery($"Scan({group}).After({from}).To({to}).Reverse()", tx.TxItems.Scan(group).After(from).To(to).Reverse());
            Assert.Equal(tx.TxItems.Scan(group).Reverse().Keys(), await AsyncList("KeysAsync (reverse)", tx.TxItems.Scan(group).Reverse().KeysAsync()));
        }

        (string, int)[] keys = [.. Enumerable.Range(0, 30).Select(_ => (Groups[random.Next(Groups.Length)], random.Next(-5, 215)))];
        Assert.Equal(tx.TxItems.GetMany(keys), await Async("GetManyAsync", () => tx.TxItems.GetManyAsync(keys).AsTask()));
        foreach ((string group, int number) in keys.Take(8))
        {
            Assert.Equal(tx.TxItems.GetEntry(group, number), await Async("GetEntryAsync", () => tx.TxItems.GetEntryAsync(group, number).AsTask()));
        }
    }

    private async Task CompareNotes(AsyncTransactionReadStoreTransaction tx, Random random)
    {
        Assert.Equal(tx.TxNotes.Count(), await Async("CountAsync", () => tx.TxNotes.CountAsync().AsTask()));
        Assert.Equal(tx.TxNotes.ScanAll(), await AsyncList("ScanAllAsync", tx.TxNotes.ScanAllAsync()));
        Assert.Equal(tx.TxNotes.ScanAll(reverse: true, includeDeleted: true), await AsyncList("ScanAllAsync (reverse, deleted)", tx.TxNotes.ScanAllAsync(reverse: true, includeDeleted: true)));
        await CompareQuery("Scan()", tx.TxNotes.Scan());
        await CompareQuery("Scan().IncludeDeleted().Reverse()", tx.TxNotes.Scan().IncludeDeleted().Reverse());
        foreach (string group in Groups)
        {
            int from = random.Next(0, 100);
            int to = from + random.Next(0, 60);
            await CompareQuery($"Scan({group})", tx.TxNotes.Scan(group));
            await CompareQuery($"Scan({group}).Reverse()", tx.TxNotes.Scan(group).Reverse());
            await CompareQuery($"Scan({group}).From({from}).Before({to})", tx.TxNotes.Scan(group).From(from).Before(to));
            await CompareQuery($"Scan({group}).IncludeDeleted().After({from}).To({to}).Reverse()", tx.TxNotes.Scan(group).IncludeDeleted().After(from).To(to).Reverse());
            Assert.Equal(tx.TxNotes.Scan(group).Keys(), await AsyncList("KeysAsync", tx.TxNotes.Scan(group).KeysAsync()));
        }

        (string, int)[] keys = [.. Enumerable.Range(0, 30).Select(_ => (Groups[random.Next(Groups.Length)], random.Next(-5, 160)))];
        Assert.Equal(tx.TxNotes.GetMany(keys), await Async("GetManyAsync", () => tx.TxNotes.GetManyAsync(keys).AsTask()));
        foreach ((string group, int number) in keys.Take(10))
        {
            Assert.Equal(tx.TxNotes.Get(group, number), await Async("GetAsync", () => tx.TxNotes.GetAsync(group, number).AsTask()));
            Assert.Equal(tx.TxNotes.Exists(group, number), await Async("ExistsAsync", () => tx.TxNotes.ExistsAsync(group, number).AsTask()));
            Assert.Equal(tx.TxNotes.GetEntry(group, number), await Async("GetEntryAsync", () => tx.TxNotes.GetEntryAsync(group, number).AsTask()));
        }
    }

    // Every async member of a query against its synchronous form, in the same transaction.
    private async Task CompareQuery<TRow, TContext>(string name, TableQuery<TRow, TContext> query)
        where TContext : struct, Runtime.Contexts.IReadContext
    {
        Assert.Equal([.. query], await AsyncList(name + ".ToAsyncEnumerable", query.ToAsyncEnumerable()));
        Assert.Equal(query.First(), await Async(name + ".FirstAsync", () => query.FirstAsync().AsTask()));
        Assert.Equal(query.Last(), await Async(name + ".LastAsync", () => query.LastAsync().AsTask()));
        Assert.Equal(query.Any(), await Async(name + ".AnyAsync", () => query.AnyAsync().AsTask()));
        Assert.Equal(query.Count(), await Async(name + ".CountAsync", () => query.CountAsync().AsTask()));
        foreach (int size in new[] { 7, 45 })
        {
            AssertPagesEqual(Pages(next => query.Page(size, next)), await Async($"{name}.PageAsync({size})", () => PagesAsync(next => query.PageAsync(size, next))));
        }
    }

    private Task<T> Async<T>(string member, Func<Task<T>> read) => AsyncReadChecks.NoSyncCall(AsyncEngine, member, read);

    private Task<List<T>> AsyncList<T>(string member, IAsyncEnumerable<T> rows) => Async(member, () => ToListAsync(rows));

    private static Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows) => AsyncReadChecks.ToListAsync(rows);

    private static List<(List<T> Rows, string? Next)> Pages<T>(Func<string?, Page<T>> page) => AsyncReadChecks.Pages(page);

    private static Task<List<(List<T> Rows, string? Next)>> PagesAsync<T>(Func<string?, ValueTask<Page<T>>> page) => AsyncReadChecks.PagesAsync(page);

    private static void AssertPagesEqual<T>(List<(List<T> Rows, string? Next)> expected, List<(List<T> Rows, string? Next)> actual)
        => AsyncReadChecks.AssertPagesEqual(expected, actual);
}
