using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>The async-read suite on the in-memory engine, whose async members complete synchronously.</summary>
public sealed class MemoryAsyncReadTests : AsyncReadTests
{
    internal override AsyncReadStore Open(StoreOptions? options = null) => Track(AsyncReadStore.OpenInMemory(options));
}

/// <summary>The async-read suite on RocksDB, whose async members complete synchronously.</summary>
public sealed class RocksDbAsyncReadTests : AsyncReadTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-areads-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbAsyncReadTests() => Directory.CreateDirectory(_root);

    internal override AsyncReadStore Open(StoreOptions? options = null) => Track(AsyncReadStore.Open(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores)), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The async-read suite on the in-memory engine behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingMemoryAsyncReadTests : AsyncReadTests
{
    private YieldingEngineProvider? _provider;

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncReadStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(MemoryEngineProvider.Instance);
        return Track(AsyncReadStore.Open(_provider, options));
    }
}

/// <summary>The async-read suite on RocksDB behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingRocksDbAsyncReadTests : AsyncReadTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-areads-y-" + Guid.NewGuid().ToString("N"));
    private YieldingEngineProvider? _provider;
    private int _stores;

    public YieldingRocksDbAsyncReadTests() => Directory.CreateDirectory(_root);

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncReadStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(new RocksDbEngineProvider(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores))));
        return Track(AsyncReadStore.Open(_provider, options));
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
