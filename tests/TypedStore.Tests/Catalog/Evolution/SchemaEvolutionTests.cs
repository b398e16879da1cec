namespace TypedStore.Tests.Catalog.Evolution;

/// <summary>
/// Two compiled versions of table "items" opening one store in turn (design §5, docs/schema-evolution.md):
/// appended members become a new schema version and old rows read with defaults; every other change makes
/// the open fail with a <see cref="SchemaMismatchException"/> naming the table and the member, and leaves the
/// store exactly as it was. Written once and run on every engine (see the derived classes).
/// </summary>
public abstract class SchemaEvolutionTests : IDisposable
{
    public void Dispose()
    {
        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the one store of this test with <paramref name="version"/>'s generated code.</summary>
    private protected abstract IVersionedStore Open(TableVersion version);

    /// <summary>Every key and value of the store (which is closed).</summary>
    private protected abstract StoreDump Dump();

    protected abstract void DisposeEngineResources();

    public static TheoryData<string, SchemaChange, string> IncompatibleChanges => new()
    {
        { nameof(Versions.Removed), SchemaChange.MemberRemoved, "Count" },
        { nameof(Versions.Renamed), SchemaChange.MemberRenamed, "Count" },
        { nameof(Versions.Reordered), SchemaChange.MemberReordered, "Name" },
        { nameof(Versions.Retyped), SchemaChange.MemberRetyped, "Count" },
        { nameof(Versions.KeyRetyped), SchemaChange.KeyChanged, "Id" },
        { nameof(Versions.KeyPartAdded), SchemaChange.KeyChanged, "Part" },
        { nameof(Versions.KeyDescending), SchemaChange.KeyChanged, "Id" },
        { nameof(Versions.MemberIntoKey), SchemaChange.KeyChanged, "Name" },
    };

    [Fact]
    public void FirstOpen_RecordsTheCatalogFormat_TheTable_AndSchemaVersion1()
    {
        WriteWithV1("a");

        StoreDump dump = Dump();
        Assert.Single(dump["__store"]);
        Assert.Single(dump["__tables"]);
        Assert.Single(dump["__schemas"]);
        Assert.Empty(dump["__sequences"]);
    }

    [Fact]
    public void ReopeningWithTheSameSchema_WritesNothing()
    {
        WriteWithV1("a");
        StoreDump before = Dump();

        using (IVersionedStore store = Open(Versions.V1))
        {
            Assert.Equal("a|name-a|1|True", store.Read("a"));
        }

        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void NullableAnnotationChange_IsNotASchemaChange()
    {
        WriteWithV1("a");
        StoreDump before = Dump();

        using (IVersionedStore store = Open(Versions.NullableName))
        {
            Assert.Equal("a|name-a|1|True", store.Read("a"));
        }

        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void AppendedMembers_AreRecordedAsVersion2_OldRowsReadWithDefaults_NewRowsRoundTrip()
    {
        WriteWithV1("a", "bb");
        Assert.Single(Dump()["__schemas"]);

        using (IVersionedStore v2 = Open(Versions.Appended))
        {
            // Rows written by v1 hold 3 members; the 3 appended ones take their defaults: null, null, 0.
            Assert.Equal("a|name-a|1|True|<null>|<null>|0", v2.Read("a"));
            v2.Write("c");
            Assert.Equal(
                ["a|name-a|1|True|<null>|<null>|0", "bb|name-bb|2|True|<null>|<null>|0", "c|name-c|1|True|note-c|tag-c|7"],
                v2.ReadAll());
        }

        StoreDump afterUpgrade = Dump();
        Assert.Equal(2, afterUpgrade["__schemas"].Count);

        // Version 2 is now the recorded schema: opening with it again writes nothing.
        using (IVersionedStore v2 = Open(Versions.Appended))
        {
            Assert.Equal("c|name-c|1|True|note-c|tag-c|7", v2.Read("c"));
        }

        StoreDump.AssertSame(afterUpgrade, Dump());
    }

    [Fact]
    public void OlderBuild_AfterMembersWereAppended_CannotOpen_BecauseItWouldDropThem()
    {
        WriteWithV1("a");
        using (IVersionedStore v2 = Open(Versions.Appended))
        {
            v2.Write("b");
        }

        StoreDump before = Dump();
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(Versions.V1));

        Assert.Equal(("items", "Note", SchemaChange.MemberRemoved, 2), (refused.Table, refused.Member, refused.Change, refused.StoredVersion));
        StoreDump.AssertSame(before, Dump());
    }

    [Theory]
    [MemberData(nameof(IncompatibleChanges))]
    public void IncompatibleChange_FailsTheOpen_NamingTableAndMember_AndChangesNothing(string versionName, SchemaChange change, string member)
    {
        TableVersion changed = Versions.Named(versionName);
        WriteWithV1("a", "bb");
        StoreDump before = Dump();

        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(changed));

        Assert.Equal(("items", member, change), (refused.Table, refused.Member, refused.Change));
        Assert.Equal(1, refused.StoredVersion);
        Assert.Contains("'items'", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'{member}'", refused.Message, StringComparison.Ordinal);
        Assert.Equal("key(Id: string) members(Name: string, Count: int, Active: bool)", refused.StoredSchema);
        Assert.NotEqual(refused.StoredSchema, refused.DeclaredSchema);
        StoreDump.AssertSame(before, Dump());

        // The store is intact and still opens with the version that wrote it.
        using IVersionedStore v1 = Open(Versions.V1);
        Assert.Equal(["a|name-a|1|True", "bb|name-bb|2|True"], v1.ReadAll());
    }

    public static TheoryData<string, SchemaChange> IncompatibleNestedChanges => new()
    {
        { nameof(Versions.NestedRemoved), SchemaChange.MemberRemoved },
        { nameof(Versions.NestedRenamed), SchemaChange.MemberRenamed },
        { nameof(Versions.NestedRetyped), SchemaChange.MemberRetyped },
    };

    [Fact]
    public void MemberAppendedToANestedRecord_IsANewVersion_OldNestedValuesReadWithDefaults()
    {
        using (IVersionedStore v1 = Open(Versions.NestedV1))
        {
            v1.Write("a");
        }

        using (IVersionedStore v2 = Open(Versions.NestedAppended))
        {
            // The stored Address holds 2 members; the appended Country takes its default.
            Assert.Equal("a|name-a|city-a|zip-a|<null>", v2.Read("a"));
            v2.Write("b");
            Assert.Equal("b|name-b|city-b|zip-b|country-b", v2.Read("b"));
        }

        Assert.Equal(2, Dump()["__schemas"].Count);
        StoreDump before = Dump();
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(Versions.NestedV1));
        Assert.Equal(("Address.Country", SchemaChange.MemberRemoved), (refused.Member, refused.Change));
        StoreDump.AssertSame(before, Dump());
    }

    [Theory]
    [MemberData(nameof(IncompatibleNestedChanges))]
    public void IncompatibleChangeToANestedRecord_FailsTheOpen_NamingTypeAndMember_AndChangesNothing(string versionName, SchemaChange change)
    {
        using (IVersionedStore v1 = Open(Versions.NestedV1))
        {
            v1.Write("a");
        }

        StoreDump before = Dump();
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(Versions.Named(versionName)));

        Assert.Equal(("items", "Address.Zip", change), (refused.Table, refused.Member, refused.Change));
        StoreDump.AssertSame(before, Dump());
        using IVersionedStore intact = Open(Versions.NestedV1);
        Assert.Equal("a|name-a|city-a|zip-a", intact.Read("a"));
    }

    private void WriteWithV1(params string[] ids)
    {
        using IVersionedStore v1 = Open(Versions.V1);
        foreach (string id in ids)
        {
            v1.Write(id);
        }
    }
}
