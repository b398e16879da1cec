using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>The bulk-write suite on the in-memory engine, whose async members complete synchronously.</summary>
public sealed class MemoryAsyncBulkTests : AsyncBulkTests
{
    internal override BulkStore Open(StoreOptions? options = null) => Track(BulkStore.OpenInMemory(options));
}

/// <summary>The bulk-write suite on RocksDB, whose async members complete synchronously.</summary>
public sealed class RocksDbAsyncBulkTests : AsyncBulkTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-abulk-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbAsyncBulkTests() => Directory.CreateDirectory(_root);

    internal override BulkStore Open(StoreOptions? options = null) => Track(BulkStore.Open(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores)), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The bulk-write suite on the in-memory engine behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingMemoryAsyncBulkTests : AsyncBulkTests
{
    private YieldingEngineProvider? _provider;

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override BulkStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(MemoryEngineProvider.Instance);
        return Track(BulkStore.Open(_provider, options));
    }
}

/// <summary>The bulk-write suite on RocksDB behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingRocksDbAsyncBulkTests : AsyncBulkTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-abulk-y-" + Guid.NewGuid().ToString("N"));
    private YieldingEngineProvider? _provider;
    private int _stores;

    public YieldingRocksDbAsyncBulkTests() => Directory.CreateDirectory(_root);

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override BulkStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(new RocksDbEngineProvider(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores))));
        return Track(BulkStore.Open(_provider, options));
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
