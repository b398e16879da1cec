namespace TypedStore.Tests.RowCache;

/// <summary>The row cache suite on RocksDB.</summary>
public sealed class RocksDbRowCacheTests : RowCacheTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-rowcache-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbRowCacheTests()
    {
        Directory.CreateDirectory(_root);
    }

    internal override RowCacheStore OpenStore(StoreOptions options)
        => Track(RowCacheStore.Open(Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}"), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
