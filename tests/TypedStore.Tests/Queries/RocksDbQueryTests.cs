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

    private string NewPath() => Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}");
}
