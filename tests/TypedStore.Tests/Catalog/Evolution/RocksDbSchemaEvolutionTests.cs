namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>Schema evolution on RocksDB: the versions reopen one store directory; dumps are read with RocksDbSharp.</summary>
public sealed class RocksDbSchemaEvolutionTests : SchemaEvolutionTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-evolution-" + Guid.NewGuid().ToString("N"));

    private protected override IVersionedStore Open(TableVersion version) => CompiledVersion.Of(version).Open(_path);

    private protected override StoreDump Dump() => StoreDump.Of(_path);

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}
