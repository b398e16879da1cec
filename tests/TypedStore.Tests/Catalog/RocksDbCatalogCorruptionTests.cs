namespace TypedStore.Tests.Catalog;

/// <summary>Catalog damage on RocksDB, done and observed with the independent RocksDbSharp binding.</summary>
public sealed class RocksDbCatalogCorruptionTests : CatalogCorruptionTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-catalog-" + Guid.NewGuid().ToString("N"));

    private protected override SequenceStore Open() => SequenceStore.Open(_path);

    private protected override StoreDump Dump() => StoreDump.Of(_path);

    private protected override void PutRaw(string columnFamily, byte[] key, byte[] value) => StoreDump.Put(_path, columnFamily, key, value);

    private protected override void DeleteRaw(string columnFamily, byte[] key) => StoreDump.Delete(_path, columnFamily, key);

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}
