using TypedStore.Catalog;

namespace TypedStore.Tests.Catalog;

/// <summary>
/// A catalog that is damaged, or was written by a newer build, makes Open fail with a clear
/// <see cref="TypedStoreException"/> and leaves every key and value of the store as it was. Damage is done
/// from outside the store (RocksDbSharp, or the raw engine). Written once and run on every engine.
/// </summary>
public abstract class CatalogCorruptionTests : IDisposable
{
    // Not a value this build wrote: an unknown envelope version.
    private static readonly byte[] s_badHeader = [0x7F, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    // A valid envelope whose MessagePack body is cut short: an array of 3 members holding one byte MessagePack never uses.
    private static readonly byte[] s_badBody = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x93, 0xC1];

    public void Dispose()
    {
        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string, bool> DamagedRows => new()
    {
        { "__store", true }, { "__store", false },
        { "__tables", true }, { "__tables", false },
        { "__schemas", true }, { "__schemas", false },
        { "__sequences", true }, { "__sequences", false },
    };

    /// <summary>Opens the one store of this test.</summary>
    private protected abstract SequenceStore Open();

    private protected abstract StoreDump Dump();

    /// <summary>Writes a raw key and value, bypassing the store (the store is closed).</summary>
    private protected abstract void PutRaw(string columnFamily, byte[] key, byte[] value);

    private protected abstract void DeleteRaw(string columnFamily, byte[] key);

    protected abstract void DisposeEngineResources();

    [Theory]
    [MemberData(nameof(DamagedRows))]
    public void UndecodableCatalogRow_FailsTheOpen_NamingTheCatalogTable_AndChangesNothing(string columnFamily, bool damageHeader)
    {
        CreateStoreWithASequence();
        byte[] key = Dump()[columnFamily][0].Key;
        PutRaw(columnFamily, key, damageHeader ? s_badHeader : s_badBody);
        StoreDump before = Dump();

        CorruptDataException failure = Assert.Throws<CorruptDataException>(Open);

        Assert.Equal(columnFamily, failure.Table);
        Assert.Contains("catalog is corrupt", failure.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void UndecodableCatalogKey_FailsTheOpen_AndChangesNothing()
    {
        CreateStoreWithASequence();
        byte[] value = Dump()["__tables"][0].Value;
        PutRaw("__tables", [0xFF, 0x00, 0x13], value); // not a terminated string
        StoreDump before = Dump();

        CorruptDataException failure = Assert.Throws<CorruptDataException>(Open);

        Assert.Equal("__tables", failure.Table);
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void TableAtASchemaVersionThatIsNotRecorded_FailsTheOpen_AndChangesNothing()
    {
        CreateStoreWithASequence();
        using (SequenceStore store = Open())
        {
            CatalogStore catalog = CatalogStore.Attach(store.Runtime);
            CatalogTableRecord tickets = catalog.Tables.Get("tickets")!;
            catalog.Tables.Put(tickets with { SchemaVersion = 2 });
        }

        StoreDump before = Dump();
        CorruptDataException failure = Assert.Throws<CorruptDataException>(Open);

        Assert.Equal("__schemas", failure.Table);
        Assert.Contains("'tickets' is at schema version 2", failure.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void MissingFormatRecord_WithTablesRecorded_FailsTheOpen_AndChangesNothing()
    {
        CreateStoreWithASequence();
        DeleteRaw("__store", Dump()["__store"][0].Key);
        StoreDump before = Dump();

        CorruptDataException failure = Assert.Throws<CorruptDataException>(Open);

        Assert.Equal("__store", failure.Table);
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void CatalogFromANewerFormat_FailsTheOpen_SayingSo_AndChangesNothing()
    {
        CreateStoreWithASequence();
        using (SequenceStore store = Open())
        {
            CatalogStore.Attach(store.Runtime).Store.Put(new CatalogFormatRecord(CatalogFormat.RecordName, CatalogFormat.Current + 1, DateTimeOffset.UtcNow));
        }

        StoreDump before = Dump();
        TypedStoreException failure = Assert.Throws<TypedStoreException>(Open);

        Assert.Contains($"format version {CatalogFormat.Current + 1}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("newer build", failure.Message, StringComparison.Ordinal);
        Assert.Equal("__store", failure.Table);
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void UndamagedCatalog_Opens_AndTheStoreKeepsWorking()
    {
        CreateStoreWithASequence();
        using SequenceStore store = Open();
        Assert.Equal("first", store.Tickets.Get(1)!.Title);
        Assert.True(store.Tickets.Insert(new Ticket(0, "second")).Id > 1);
    }

    // A store whose four catalog tables each hold at least one row.
    private void CreateStoreWithASequence()
    {
        using SequenceStore store = Open();
        store.Tickets.Insert(new Ticket(0, "first"));
    }
}
