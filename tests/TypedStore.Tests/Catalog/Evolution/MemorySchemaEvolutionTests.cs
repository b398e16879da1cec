using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// Schema evolution on the in-memory engine: one engine outlives the stores opened over it in turn (each through
/// the same runtime path as OpenInMemory, catalog check included).
/// </summary>
public sealed class MemorySchemaEvolutionTests : SchemaEvolutionTests
{
    private readonly StorageEngine _engine = StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(CompiledVersion.Of(Versions.V1).Descriptors));

    private protected override IVersionedStore Open(TableVersion version)
    {
        CompiledVersion compiled = CompiledVersion.Of(version);
        StoreRuntime runtime = StoreRuntime.Create("EvolvingStore", new SharedEngine(_engine), compiled.Descriptors);
        return compiled.Attach(runtime);
    }

    private protected override StoreDump Dump() => StoreDump.Of(_engine);

    protected override void DisposeEngineResources() => _engine.Dispose();
}
