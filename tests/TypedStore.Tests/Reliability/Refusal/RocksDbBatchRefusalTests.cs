using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability.Refusal;

/// <summary>The batch-refusal and key-limit tests on RocksDB.</summary>
public sealed class RocksDbBatchRefusalTests : BatchRefusalTests
{
    private readonly TempDirectory _directory = new();
    private int _stores;

    internal override RefusalStore OpenStore() => RefusalStore.Open(_directory.Sub($"store{++_stores}"));

    protected override void DisposeEngineResources() => _directory.Dispose();
}
