namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>Schema evolution on RocksDB: the versions reopen one store directory; dumps are read with RocksDbSharp.</summary>
public sealed class RocksDbSchemaEvolutionTests : SchemaEvolutionTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-evolution-" + Guid.NewGuid().ToString("N"));

    private protected override IVersionedStore Open(TableVersion version) => CompiledVersion.Of(version).Open(_path);

    private protected override StoreDump Dump() => StoreDump.Of(_path);

    [Fact]
    public void ReadOnlyOpen_WithAppendedMembers_ReadsOldRowsWithDefaults_AndRecordsNothing()
    {
        using (IVersionedStore v1 = Open(Versions.V1))
        {
            v1.Write("a");
        }

        StoreDump before = Dump();
        using (IVersionedStore readOnly = CompiledVersion.Of(Versions.Appended).OpenReadOnly(_path))
        {
            Assert.Equal("a|name-a|1|True|<null>|<null>|0", readOnly.Read("a"));
            Assert.Throws<InvalidOperationException>(() => readOnly.Write("b"));
        }

        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void ReadOnlyOpen_WithAnIncompatibleChange_StillFails()
    {
        using (IVersionedStore v1 = Open(Versions.V1))
        {
            v1.Write("a");
        }

        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => CompiledVersion.Of(Versions.Retyped).OpenReadOnly(_path));
        Assert.Equal(SchemaChange.MemberRetyped, refused.Change);
    }

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }
}
