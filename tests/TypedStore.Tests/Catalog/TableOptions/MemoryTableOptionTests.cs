using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Catalog.Evolution;

namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>
/// Table options on the in-memory engine: one engine (with the column families of every declaration) outlives the
/// stores opened over it in turn, each through the same runtime path as OpenInMemory, catalog check included.
/// </summary>
public sealed class MemoryTableOptionTests : TableOptionTests
{
    private readonly StorageEngine _engine = StorageEngines.CreateInMemory(
        OptionsDeclaration.All.SelectMany(d => StoreRuntime.GetColumnFamilyNames(CompiledDeclaration.Of(d).Descriptors)).Distinct(StringComparer.Ordinal).ToArray());

    private protected override IOptionsStore Open(OptionsDeclaration declaration)
    {
        CompiledDeclaration compiled = CompiledDeclaration.Of(declaration);
        StoreRuntime runtime = StoreRuntime.Create("OptionsStore", new SharedEngine(_engine), compiled.Descriptors);
        return compiled.Attach(runtime);
    }

    private protected override StoreDump Dump() => StoreDump.Of(_engine);

    private protected override void PutRaw(string columnFamily, byte[] key, byte[] value)
        => _engine.Put(_engine.GetColumnFamily(columnFamily), key, value);

    protected override void DisposeEngineResources() => _engine.Dispose();
}
