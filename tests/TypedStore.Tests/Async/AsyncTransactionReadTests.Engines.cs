using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>The transaction async-read suite on the in-memory engine, whose async members complete synchronously.</summary>
public sealed class MemoryAsyncTransactionReadTests : AsyncTransactionReadTests
{
    internal override AsyncTransactionReadStore Open(StoreOptions? options = null) => Track(AsyncTransactionReadStore.OpenInMemory(options));
}

/// <summary>The transaction async-read suite on RocksDB, whose async members complete synchronously.</summary>
public sealed class RocksDbAsyncTransactionReadTests : AsyncTransactionReadTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-atxreads-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbAsyncTransactionReadTests() => Directory.CreateDirectory(_root);

    internal override AsyncTransactionReadStore Open(StoreOptions? options = null) => Track(AsyncTransactionReadStore.Open(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores)), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The transaction async-read suite on the in-memory engine behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingMemoryAsyncTransactionReadTests : AsyncTransactionReadTests
{
    private YieldingEngineProvider? _provider;

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncTransactionReadStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(MemoryEngineProvider.Instance);
        return Track(AsyncTransactionReadStore.Open(_provider, options));
    }
}

/// <summary>The transaction async-read suite on RocksDB behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingRocksDbAsyncTransactionReadTests : AsyncTransactionReadTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-atxreads-y-" + Guid.NewGuid().ToString("N"));
    private YieldingEngineProvider? _provider;
    private int _stores;

    public YieldingRocksDbAsyncTransactionReadTests() => Directory.CreateDirectory(_root);

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncTransactionReadStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(new RocksDbEngineProvider(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores))));
        return Track(AsyncTransactionReadStore.Open(_provider, options));
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
