namespace TypedStore.Tests.Catalog.TableOptions;

/// <summary>
/// The table options the catalog records beside the schema (docs/schema-evolution.md, "Table options"): Kind,
/// SoftDelete, ChangeFeed, TtlSeconds and which key part is generated. A change that would make stored rows read
/// differently fails the open, naming the table and the option, and leaves the store exactly as it was; the
/// others open and are recorded. Written once and run on every engine (see the derived classes).
/// </summary>
public abstract class TableOptionTests : IDisposable
{
    public void Dispose()
    {
        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<string, string> RefusedKindChanges => new()
    {
        { nameof(OptionsDeclaration.Plain), nameof(OptionsDeclaration.User) },
        { nameof(OptionsDeclaration.User), nameof(OptionsDeclaration.Plain) },
        { nameof(OptionsDeclaration.Plain), nameof(OptionsDeclaration.StreamPlain) },
        { nameof(OptionsDeclaration.StreamPlain), nameof(OptionsDeclaration.Plain) },
        { nameof(OptionsDeclaration.System), nameof(OptionsDeclaration.StreamPlain) },
        { nameof(OptionsDeclaration.StreamGenerated), nameof(OptionsDeclaration.SharedGenerated) },
    };

    public static TheoryData<string, string> RefusedGeneratedFlagChanges => new()
    {
        { nameof(OptionsDeclaration.Plain), nameof(OptionsDeclaration.SharedGenerated) },
        { nameof(OptionsDeclaration.SharedGenerated), nameof(OptionsDeclaration.Plain) },
        { nameof(OptionsDeclaration.StreamPlain), nameof(OptionsDeclaration.StreamGenerated) },
        { nameof(OptionsDeclaration.StreamGenerated), nameof(OptionsDeclaration.StreamPlain) },
    };

    /// <summary>Opens the one store of this test with <paramref name="declaration"/>'s generated code.</summary>
    private protected abstract IOptionsStore Open(OptionsDeclaration declaration);

    /// <summary>Every key and value of the store (which is closed).</summary>
    private protected abstract StoreDump Dump();

    /// <summary>Writes a raw key and value, bypassing the store (the store is closed).</summary>
    private protected abstract void PutRaw(string columnFamily, byte[] key, byte[] value);

    protected abstract void DisposeEngineResources();

    [Fact]
    public void SoftDeleteTurnedOff_WhileRowsAreMarkedDeleted_IsRefused_AndTheRowsStayDeleted()
    {
        using (IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn))
        {
            soft.Put(1, "a");
            soft.Put(2, "b");
            soft.Delete(1);
        }

        StoreDump before = Dump();

        // Without SoftDelete the marker of row 1 would be ignored: row 1 would come back and Count would count the marker.
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.Plain));

        Assert.Equal(("items", "SoftDelete", SchemaChange.SoftDeleteTurnedOff), (refused.Table, refused.Member, refused.Change));
        Assert.Contains("'items'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Purge", refused.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(before, Dump());

        using IOptionsStore again = Open(OptionsDeclaration.SoftDeleteOn);
        Assert.Null(again.Get(1));
        Assert.Equal(["2|b"], again.ReadAll());
        Assert.Equal(1, again.Count());
    }

    [Fact]
    public void SoftDeleteTurnedOff_AfterTheDeletedRowsWerePurged_IsAllowed()
    {
        using (IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn))
        {
            soft.Put(1, "a");
            soft.Put(2, "b");
            soft.Delete(1);
        }

        Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.Plain));

        // The recovery the message names: purge the deleted rows under the old declaration, then turn SoftDelete off.
        using (IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn))
        {
            soft.Purge(1);
        }

        using IOptionsStore plain = Open(OptionsDeclaration.Plain);
        Assert.Null(plain.Get(1));
        Assert.Equal(["2|b"], plain.ReadAll());
        Assert.Equal(1, plain.Count());
    }

    [Fact]
    public void SoftDeleteTurnedOff_WithoutDeletionMarkers_IsAllowed_AndRecorded()
    {
        using (IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn))
        {
            soft.Put(1, "a");
            soft.Put(2, "b");
        }

        using (IOptionsStore plain = Open(OptionsDeclaration.Plain))
        {
            Assert.Equal(["1|a", "2|b"], plain.ReadAll());
            plain.Delete(1);
            Assert.Equal(1, plain.Count());
        }

        // Recorded as off: opening without SoftDelete again checks nothing more and writes nothing.
        StoreDump recorded = Dump();
        using (IOptionsStore plain = Open(OptionsDeclaration.Plain))
        {
            Assert.Equal(["2|b"], plain.ReadAll());
        }

        StoreDump.AssertSame(recorded, Dump());
    }

    [Fact]
    public void SoftDeleteTurnedOn_IsAllowed()
    {
        using (IOptionsStore plain = Open(OptionsDeclaration.Plain))
        {
            plain.Put(1, "a");
            plain.Put(2, "b");
        }

        using IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn);
        Assert.Equal("1|a", soft.Get(1));
        soft.Delete(1);
        Assert.Null(soft.Get(1));
        Assert.Equal(["2|b"], soft.ReadAll());
    }

    [Fact]
    public void ChangeFeedTurnedOnAndOff_IsAllowed()
    {
        using (IOptionsStore plain = Open(OptionsDeclaration.Plain))
        {
            plain.Put(1, "a");
        }

        using (IOptionsStore fed = Open(OptionsDeclaration.ChangeFeedOn))
        {
            Assert.Equal("1|a", fed.Get(1));
            fed.Put(2, "b");
        }

        using IOptionsStore again = Open(OptionsDeclaration.Plain);
        Assert.Equal(["1|a", "2|b"], again.ReadAll());
    }

    [Fact]
    public void SharedTableWithGeneratedIds_DeclaredAsStream_IsRefused_AndNothingIsDeleted()
    {
        using (IOptionsStore shared = Open(OptionsDeclaration.SharedGenerated))
        {
            Assert.Equal([1L, 2L, 3L], [shared.Insert("a"), shared.Insert("b"), shared.Insert("c")]);
        }

        StoreDump before = Dump();

        // As a Stream, ids 1, 2, 3 would be read as times in 1970: expired, and EvictExpired would delete them for good.
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.StreamGenerated));

        Assert.Equal(("items", "Kind", SchemaChange.KindChanged), (refused.Table, refused.Member, refused.Change));
        Assert.Contains("'items'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Shared", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Stream", refused.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(before, Dump());

        using IOptionsStore again = Open(OptionsDeclaration.SharedGenerated);
        Assert.Equal(["1|a", "2|b", "3|c"], again.ReadAll());
    }

    [Fact]
    public void KindChange_SharedToSystem_AndBack_IsAllowed()
    {
        using (IOptionsStore shared = Open(OptionsDeclaration.Plain))
        {
            shared.Put(1, "a");
        }

        using (IOptionsStore system = Open(OptionsDeclaration.System))
        {
            Assert.Equal("1|a", system.Get(1));
            system.Put(2, "b");
        }

        using IOptionsStore again = Open(OptionsDeclaration.Plain);
        Assert.Equal(["1|a", "2|b"], again.ReadAll());
    }

    [Theory]
    [MemberData(nameof(RefusedKindChanges))]
    public void OtherKindChanges_AreRefused_NamingTheTableAndBothKinds(string from, string to)
    {
        OptionsDeclaration was = OptionsDeclaration.Named(from);
        OptionsDeclaration now = OptionsDeclaration.Named(to);
        long id = 1;
        using (IOptionsStore store = Open(was))
        {
            // A Stream's generated ids are times: a chosen id 1 would be from 1970, expired at once.
            if (was.Generated)
            {
                id = store.Insert("a");
            }
            else
            {
                store.Put(id, "a");
            }
        }

        StoreDump before = Dump();
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(now));

        Assert.Equal(("items", "Kind", SchemaChange.KindChanged), (refused.Table, refused.Member, refused.Change));
        Assert.Contains(was.Kind.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains(now.Kind.ToString(), refused.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(before, Dump());
        using IOptionsStore again = Open(was);
        Assert.Equal($"{id}|a", again.Get(id));
    }

    [Fact]
    public void StreamWhoseKeyBecomesGenerated_IsRefused_BecauseRowsWouldAgeByTheirIds()
    {
        using (IOptionsStore stream = Open(OptionsDeclaration.StreamPlain))
        {
            // Chosen ids, aging by _updated: fresh rows.
            stream.Put(1, "a");
            stream.Put(2, "b");
        }

        StoreDump before = Dump();

        // A generated key part of a Stream is a time-ordered id, and rows age by it: ids 1 and 2 would be from 1970.
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.StreamGenerated));

        Assert.Equal(("items", "Id", SchemaChange.KeyChanged), (refused.Table, refused.Member, refused.Change));
        Assert.Contains("generated", refused.Message, StringComparison.Ordinal);
        StoreDump.AssertSame(before, Dump());
        using IOptionsStore again = Open(OptionsDeclaration.StreamPlain);
        again.EvictExpired();
        Assert.Equal(["1|a", "2|b"], again.ReadAll());
    }

    [Theory]
    [MemberData(nameof(RefusedGeneratedFlagChanges))]
    public void GeneratedFlagChange_IsAKeyChange_AndIsRefused(string from, string to)
    {
        using (IOptionsStore store = Open(OptionsDeclaration.Named(from)))
        {
            store.Put(7, "a");
        }

        StoreDump before = Dump();
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.Named(to)));

        Assert.Equal(("items", "Id", SchemaChange.KeyChanged), (refused.Table, refused.Member, refused.Change));
        StoreDump.AssertSame(before, Dump());
    }

    [Fact]
    public void TtlChange_OnAStream_IsAllowed_AndRowsStay()
    {
        using (IOptionsStore stream = Open(OptionsDeclaration.StreamGenerated))
        {
            stream.Insert("a");
            stream.Insert("b");
        }

        using (IOptionsStore longer = Open(OptionsDeclaration.StreamGeneratedLongerTtl))
        {
            Assert.Equal(2, longer.Count());
            longer.Insert("c");
        }

        using IOptionsStore again = Open(OptionsDeclaration.StreamGenerated);
        again.EvictExpired();
        Assert.Equal(3, again.Count());
    }

    [Fact]
    public void OldCatalog_WithoutRecordedOptions_StillOpens_AndThenRecordsTheDeclaration()
    {
        using (IOptionsStore shared = Open(OptionsDeclaration.SharedGenerated))
        {
            shared.Insert("a");
        }

        LegacyCatalog.Rewrite(Dump(), PutRaw);
        StoreDump legacy = Dump();

        using (IOptionsStore shared = Open(OptionsDeclaration.SharedGenerated))
        {
            Assert.Equal(["1|a"], shared.ReadAll());
        }

        // The first open recorded the options (and the catalog format that holds them)...
        StoreDump upgraded = Dump();
        Assert.NotEqual(legacy["__tables"][0].Value, upgraded["__tables"][0].Value);
        Assert.NotEqual(legacy["__store"][0].Value, upgraded["__store"][0].Value);

        // ...so a later change of the generated flag is refused, which an unrecorded option could not be.
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.Plain));
        Assert.Equal(("Id", SchemaChange.KeyChanged), (refused.Member, refused.Change));
        StoreDump.AssertSame(upgraded, Dump());
    }

    [Fact]
    public void OldCatalog_DeclaredWithoutSoftDelete_WhileRowsAreMarkedDeleted_IsRefused()
    {
        using (IOptionsStore soft = Open(OptionsDeclaration.SoftDeleteOn))
        {
            soft.Put(1, "a");
            soft.Delete(1);
        }

        LegacyCatalog.Rewrite(Dump(), PutRaw);
        StoreDump legacy = Dump();

        // The old catalog does not say SoftDelete was on, but the marker does.
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => Open(OptionsDeclaration.Plain));

        Assert.Equal(("items", "SoftDelete", SchemaChange.SoftDeleteTurnedOff), (refused.Table, refused.Member, refused.Change));
        StoreDump.AssertSame(legacy, Dump());
        using IOptionsStore soft2 = Open(OptionsDeclaration.SoftDeleteOn);
        Assert.Null(soft2.Get(1));
    }
}
