namespace TypedStore.Tests.Queries;

/// <summary>The query suite on RocksDB, plus what only a persistent engine can show: tokens that survive reopening.</summary>
public sealed partial class RocksDbQueryTests : QueryTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-queries-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbQueryTests()
    {
        Directory.CreateDirectory(_root);
    }

    internal override QueryStore OpenStore(StoreOptions options) => Track(QueryStore.Open(NewPath(), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Continuation_IsValidAfterReopening()
    {
        string path = NewPath();
        string? next;
        using (QueryStore store = QueryStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            store.QItems.PutMany(Enumerable.Range(0, 10).Select(i => new QItem("p", i, 0, $"r{i}")));
            Page<QItem> first = store.QItems.Scan("p").From(7L).Page(3);
            Assert.Equal([7L, 6, 5], first.Rows.Select(r => r.At));
            next = first.Next;
        }

        using (QueryStore store = QueryStore.Open(path, new StoreOptions { TimeProvider = Clock }))
        {
            Page<QItem> second = store.QItems.Scan("p").From(7L).Page(3, next);
            Assert.Equal([4L, 3, 2], second.Rows.Select(r => r.At));
            Page<QItem> third = store.QItems.Scan("p").From(7L).Page(3, second.Next);
            Assert.Equal([1L, 0], third.Rows.Select(r => r.At));
            Assert.Null(third.Next);
        }
    }

    /// <summary>
    /// On RocksDB (native memory is not counted), a longer range costs exactly its extra rows: enumeration allocates
    /// the rows and nothing else per row, Count and Keys over a fixed-size key nothing per row.
    /// </summary>
    [Fact]
    public void Enumeration_AllocatesOnlyTheRows_CountAndKeysNothingPerRow()
    {
        QueryStore store = Open();
        store.QCounters.PutMany(Enumerable.Range(0, 2_000).Select(i => new QCounter(i, i)));
        long rowSize = Allocated(() => _ = new QCounter(1, 1));

        long Enumerate(int rows) => Allocated(() =>
        {
            foreach (QCounter row in store.QCounters.Scan().From(100).Before(100 + rows))
            {
                GC.KeepAlive(row);
            }
        });
        long Count(int rows) => Allocated(() => store.QCounters.Scan().From(100).Before(100 + rows).Count());
        long sum = 0;
        long Keys(int rows) => Allocated(() =>
        {
            foreach (int key in store.QCounters.Scan().From(100).Before(100 + rows).Keys())
            {
                sum += key;
            }
        });

        foreach (Func<int, long> warmUp in new[] { Enumerate, Count, Keys })
        {
            warmUp(10);
        }

        Assert.Equal(900 * rowSize, Enumerate(1_000) - Enumerate(100));
        Assert.Equal(0, Count(1_000) - Count(100));
        Assert.Equal(0, Keys(1_000) - Keys(100));
        Assert.True(sum > 0);

        static long Allocated(Action action)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    private string NewPath() => Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}");
}
