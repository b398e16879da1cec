using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Catalog.Evolution;

namespace TypedStore.Tests.Catalog;

/// <summary>Catalog damage on the in-memory engine, done through the raw engine the stores are opened over.</summary>
public sealed class MemoryCatalogCorruptionTests : CatalogCorruptionTests
{
    private readonly StorageEngine _engine = StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(SequenceStore.Descriptors));

    private protected override SequenceStore Open()
        => SequenceStore.Attach(StoreRuntime.Create(nameof(SequenceStore), new SharedEngine(_engine), SequenceStore.Descriptors));

    private protected override StoreDump Dump() => StoreDump.Of(_engine);

    private protected override void PutRaw(string columnFamily, byte[] key, byte[] value) => _engine.Put(_engine.GetColumnFamily(columnFamily), key, value);

    private protected override void DeleteRaw(string columnFamily, byte[] key) => _engine.Delete(_engine.GetColumnFamily(columnFamily), key);

    protected override void DisposeEngineResources() => _engine.Dispose();
}
