namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>Table options on RocksDB: the declarations reopen one store directory; dumps are read with RocksDbSharp.</summary>
public sealed class RocksDbTableOptionTests : TableOptionTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-options-" + Guid.NewGuid().ToString("N"));

    private protected override IOptionsStore Open(OptionsDeclaration declaration) => CompiledDeclaration.Of(declaration).Open(_path);

    private protected override StoreDump Dump() => StoreDump.Of(_path);

    private protected override void PutRaw(string columnFamily, byte[] key, byte[] value) => StoreDump.Put(_path, columnFamily, key, value);

    [Fact]
    public void ReadOnlyOpen_SoftDeleteTurnedOff_WhileRowsAreMarkedDeleted_IsRefusedToo()
    {
        using (IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn))
        {
            soft.Put(1, "a");
            soft.Delete(1);
        }

        StoreDump before = Dump();
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => CompiledDeclaration.Of(OptionsDeclaration.Plain).OpenReadOnly(_path));

        Assert.Equal(SchemaChange.SoftDeleteTurnedOff, refused.Change);
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void ReadOnlyOpen_WithAnAllowedOptionChange_RecordsNothing()
    {
        using (IOptionsStore plain = Open(OptionsDeclaration.Plain))
        {
            plain.Put(1, "a");
        }

        StoreDump before = Dump();
        using (IOptionsStore system = CompiledDeclaration.Of(OptionsDeclaration.System).OpenReadOnly(_path))
        {
            Assert.Equal("1|a", system.Get(1));
        }

        StoreDump.AssertSame(before, Dump());
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}
