using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Async;

/// <summary>The async-commit suite on the in-memory engine, whose async members complete synchronously.</summary>
public sealed class MemoryAsyncCommitTests : AsyncCommitTests
{
    internal override AsyncCommitStore Open(StoreOptions? options = null) => Track(AsyncCommitStore.OpenInMemory(options));
}

/// <summary>The async-commit suite on RocksDB, whose async members complete synchronously.</summary>
public sealed class RocksDbAsyncCommitTests : AsyncCommitTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-acommit-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbAsyncCommitTests() => Directory.CreateDirectory(_root);

    private string? _last;

    internal override bool KeepsDataAcrossOpens => true;

    internal override AsyncCommitStore Open(StoreOptions? options = null) => Track(AsyncCommitStore.Open(_last = Path.Combine(_root, "s" + Interlocked.Increment(ref _stores)), options));

    internal override AsyncCommitStore? ReopenLast(StoreOptions? options) => Track(AsyncCommitStore.Open(_last!, options));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}

/// <summary>The async-commit suite on the in-memory engine behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingMemoryAsyncCommitTests : AsyncCommitTests
{
    private YieldingEngineProvider? _provider;

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    internal override AsyncCommitStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(MemoryEngineProvider.Instance);
        return Track(AsyncCommitStore.Open(_provider, options));
    }
}

/// <summary>The async-commit suite on RocksDB behind <see cref="YieldingStorageEngine"/>: really async.</summary>
public sealed class YieldingRocksDbAsyncCommitTests : AsyncCommitTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-acommit-y-" + Guid.NewGuid().ToString("N"));
    private YieldingEngineProvider? _provider;
    private int _stores;

    public YieldingRocksDbAsyncCommitTests() => Directory.CreateDirectory(_root);

    internal override YieldingStorageEngine? AsyncEngine => _provider?.Engine;

    private string? _last;

    internal override bool KeepsDataAcrossOpens => true;

    internal override AsyncCommitStore Open(StoreOptions? options = null)
    {
        _provider = new YieldingEngineProvider(new RocksDbEngineProvider(_last = Path.Combine(_root, "s" + Interlocked.Increment(ref _stores))));
        return Track(AsyncCommitStore.Open(_provider, options));
    }

    internal override AsyncCommitStore? ReopenLast(StoreOptions? options)
    {
        _provider = new YieldingEngineProvider(new RocksDbEngineProvider(_last!));
        return Track(AsyncCommitStore.Open(_provider, options));
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
