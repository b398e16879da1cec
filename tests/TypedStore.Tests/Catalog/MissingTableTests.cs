using RocksDbSharp;
using TypedStore.Tables;
using SharpRocksDb = RocksDbSharp.RocksDb;

namespace TypedStore.Tests.Catalog;

/// <summary>A table both builds declare.</summary>
[Table("kept")]
public sealed record KeptRow([property: Key] string Id, string Text);

/// <summary>A table only the later build declares.</summary>
[Table("added")]
public sealed record AddedRow([property: Key] string Id, string Text);

/// <summary>The earlier build: "kept" only.</summary>
[Store(typeof(KeptRow))]
public sealed partial class BeforeAddStore;

/// <summary>The later build: "kept" and "added".</summary>
[Store(typeof(KeptRow), typeof(AddedRow))]
public sealed partial class AfterAddStore
{
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;
}

/// <summary>
/// Opening a store that lacks a table the code declares, when the open may not create it (ReadOnly, or
/// CreateIfMissing = false): a <see cref="SchemaMismatchException"/> naming the table and saying to open the store
/// read-write once, and nothing written. RocksDB only: an in-memory store is always created with every table.
/// </summary>
public sealed class MissingTableTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "typedstore-missing-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<bool> NonCreatingOpens => new() { true, false };

    public void Dispose()
    {
        if (Directory.Exists(_path))
        {
            Directory.Delete(_path, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(NonCreatingOpens))]
    public void NonCreatingOpen_OfAStoreWithoutADeclaredTable_FailsNamingTheTable_AndWritesNothing(bool readOnly)
    {
        using (BeforeAddStore before = BeforeAddStore.Open(_path))
        {
            before.Kept.Put(new KeptRow("k", "kept"));
        }

        StoreDump dump = StoreDump.Of(_path);
        StoreOptions options = readOnly ? new StoreOptions { ReadOnly = true } : new StoreOptions { CreateIfMissing = false };

        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => AfterAddStore.Open(_path, options));

        Assert.Equal(("added", SchemaChange.TableMissing), (refused.Table, refused.Change));
        Assert.Contains("'added'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("read-write", refused.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(dump, StoreDump.Of(_path));

        // The remedy the message gives: one read-write open adds the table.
        using (AfterAddStore after = AfterAddStore.Open(_path))
        {
            Assert.Equal("kept", after.Kept.Get("k")!.Text);
        }

        using AfterAddStore reopened = AfterAddStore.Open(_path, options);
        Assert.Null(reopened.Added.Get("a"));
    }

    [Fact]
    public void ReadOnlyOpen_OfAStoreWithoutTheCatalog_FailsNamingTheCatalogTables()
    {
        // A RocksDB directory written by something else: its tables, but no catalog.
        using (SharpRocksDb.Open(new DbOptions().SetCreateIfMissing(true).SetCreateMissingColumnFamilies(true), _path, new ColumnFamilies { { "kept", new ColumnFamilyOptions() }, { "added", new ColumnFamilyOptions() } }))
        {
        }

        StoreDump dump = StoreDump.Of(_path);

        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => AfterAddStore.Open(_path, new StoreOptions { ReadOnly = true }));

        Assert.Equal(SchemaChange.TableMissing, refused.Change);
        Assert.Contains("'__tables'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("'kept'", refused.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(dump, StoreDump.Of(_path));
    }
}
