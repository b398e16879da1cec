using TypedStore.Catalog;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.Catalog.Evolution;

namespace TypedStore.Tests.Catalog;

/// <summary>A table declared by one build as a Shared table...</summary>
[Table("kinded")]
public sealed record SharedKinded([property: Key] string Id, [property: Key(Descending = true)] DateTime At, int? Score, List<string> Tags);

/// <summary>...and by a later build as a System table, with the same schema.</summary>
[Table("kinded", Kind = TableKind.System)]
public sealed record SystemKinded([property: Key] string Id, [property: Key(Descending = true)] DateTime At, int? Score, List<string> Tags);

[Store(typeof(SharedKinded))]
public sealed partial class SharedKindedStore
{
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    internal StoreRuntime Runtime => _runtime;

    internal static SharedKindedStore Attach(StoreRuntime runtime) => new(runtime);
}

[Store(typeof(SystemKinded))]
public sealed partial class SystemKindedStore
{
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    internal StoreRuntime Runtime => _runtime;

    internal static SystemKindedStore Attach(StoreRuntime runtime) => new(runtime);
}

/// <summary>What the catalog records, read back through the catalog's own generated tables.</summary>
public sealed class CatalogRecordTests : IDisposable
{
    private static readonly DateTimeOffset s_now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly StorageEngine _engine = StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(SharedKindedStore.Descriptors));
    private readonly StoreOptions _options = new() { TimeProvider = new FixedClock(s_now) };

    public void Dispose() => _engine.Dispose();

    [Fact]
    public void FirstOpen_RecordsTheFormat_TheTable_AndItsSchema_AsDeclared()
    {
        using SharedKindedStore store = SharedKindedStore.Attach(StoreRuntime.Create(nameof(SharedKindedStore), new SharedEngine(_engine), SharedKindedStore.Descriptors, _options));
        CatalogStore catalog = CatalogStore.Attach(store.Runtime);

        Assert.Equal(new CatalogFormatRecord("catalog", 3, s_now), catalog.Store.Get("catalog"));
        Assert.Equal(
            new CatalogTableRecord("kinded", TableKind.Shared, 1, s_now, s_now, new CatalogTableOptions(SoftDelete: false, ChangeFeed: false, TtlSeconds: 0, GeneratedKeyPart: null)),
            catalog.Tables.Get("kinded"));
        CatalogSchemaRecord schema = catalog.Schemas.Get("kinded", 1)!;
        Assert.Equal(
            [new CatalogKeyPart("Id", "string", false), new CatalogKeyPart("At", "System.DateTime", true)],
            schema.KeyParts);
        Assert.Equal(
            [new CatalogMember("Score", "int?"), new CatalogMember("Tags", "System.Collections.Generic.List<string>")],
            schema.Members);
        Assert.Empty(schema.ObjectTypes);
        Assert.Equal(s_now, schema.Recorded);
        Assert.Empty(catalog.Sequences.ScanAll());
    }

    [Fact]
    public void Format2Catalog_IsRaisedTo3_ByTheFirstReadWriteOpen_SoBuildsWithoutIndexesRefuseTheStore()
    {
        // Format 3 added indexes: a build reading format 2 would write rows without their index entries. A store it
        // wrote (format 2) opens here and is raised, so from then on that build refuses it ("written by a newer build").
        using (SharedKindedStore first = SharedKindedStore.Attach(StoreRuntime.Create(nameof(SharedKindedStore), new SharedEngine(_engine), SharedKindedStore.Descriptors, _options)))
        {
            CatalogStore.Attach(first.Runtime).Store.Put(new CatalogFormatRecord("catalog", 2, s_now));
        }

        using SharedKindedStore store = SharedKindedStore.Attach(StoreRuntime.Create(nameof(SharedKindedStore), new SharedEngine(_engine), SharedKindedStore.Descriptors, _options));
        Assert.Equal(new CatalogFormatRecord("catalog", 3, s_now), CatalogStore.Attach(store.Runtime).Store.Get("catalog"));
    }

    [Fact]
    public void KindChange_FromSharedToSystem_IsNotASchemaChange_TheCatalogRecordsTheNewKind()
    {
        using (SharedKindedStore.Attach(StoreRuntime.Create(nameof(SharedKindedStore), new SharedEngine(_engine), SharedKindedStore.Descriptors, _options)))
        {
        }

        using SystemKindedStore store = SystemKindedStore.Attach(StoreRuntime.Create(nameof(SystemKindedStore), new SharedEngine(_engine), SystemKindedStore.Descriptors, _options));
        CatalogStore catalog = CatalogStore.Attach(store.Runtime);

        CatalogTableRecord table = catalog.Tables.Get("kinded")!;
        Assert.Equal((TableKind.System, 1), (table.Kind, table.SchemaVersion));
        Assert.Single(catalog.Schemas.ScanAll());
    }

    [Fact]
    public void ApplicationTable_CannotUseACatalogName()
    {
        var descriptor = new TableDescriptor("__tables", TableKind.Shared);

        ArgumentException refused = Assert.Throws<ArgumentException>(() => StoreRuntime.GetColumnFamilyNames([descriptor]));
        Assert.Contains("reserved for the store's catalog", refused.Message, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
