using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>The async-member suite on the in-memory engine, whose async members complete synchronously.</summary>
public sealed class MemoryAsyncMemberTests : AsyncMemberTests
{
    internal override AsyncStore Open(StoreOptions? options = null) => Track(AsyncStore.OpenInMemory(options));
}

/// <summary>The async-member suite on RocksDB, whose async members complete synchronously.</summary>
public sealed class RocksDbAsyncMemberTests : AsyncMemberTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-async-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbAsyncMemberTests() => Directory.CreateDirectory(_root);

    internal override AsyncStore Open(StoreOptions? options = null) => Track(AsyncStore.Open(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores)), options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The async-member suite on the in-memory engine behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingMemoryAsyncMemberTests : AsyncMemberTests
{
    private YieldingEngineProvider? _provider;

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(MemoryEngineProvider.Instance);
        return Track(AsyncStore.Open(_provider, options));
    }
}

/// <summary>The async-member suite on RocksDB behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingRocksDbAsyncMemberTests : AsyncMemberTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-async-y-" + Guid.NewGuid().ToString("N"));
    private YieldingEngineProvider? _provider;
    private int _stores;

    public YieldingRocksDbAsyncMemberTests() => Directory.CreateDirectory(_root);

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(new RocksDbEngineProvider(Path.Combine(_root, "s" + Interlocked.Increment(ref _stores))));
        return Track(AsyncStore.Open(_provider, options));
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
