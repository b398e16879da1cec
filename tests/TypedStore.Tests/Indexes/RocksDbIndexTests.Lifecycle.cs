using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Indexes;

/// <summary>Build on open, drop when removed, read-only opens: what only a persistent engine can show.</summary>
public sealed partial class RocksDbIndexTests
{
    [Fact]
    public void IndexAddedToATableWithRows_IsBuiltOnOpen_InChunks_WithProgress()
    {
        string path = NewPath();
        const int rows = 25_000;
        using (PeopleV1Store v1 = PeopleV1Store.Open(path))
        {
            v1.People.PutMany(Enumerable.Range(0, rows).Select(i => new PersonV1(i, $"p{i}@x", "c" + (i % 7))));
        }

        List<IndexBuildProgress> progress = [];
        using (PeopleV2Store v2 = PeopleV2Store.Open(path, new StoreOptions { IndexBuildProgress = progress.Add }))
        {
            Assert.Equal(12_345, v2.People.ByEmail.Get("p12345@x")!.Id);
            Assert.Equal(Enumerable.Range(0, rows).Count(i => i % 7 == 3), v2.People.ByCity.Count("c3"));
            Assert.Equal(rows, v2.People.ByEmail.Count());
            IndexOracle.AssertVerified(v2.People.Verify());

            // Built: written as the rows change from now on, and unique from now on.
            Assert.Throws<UniqueConstraintException>(() => v2.People.Put(new PersonV2(-1, "p7@x", "c0")));
        }

        long[] expected = [0, 10_000, 20_000, rows];
        Assert.Equal(expected, progress.Where(p => p.Index == "by_email").Select(p => p.EntriesWritten));
        Assert.Equal(expected, progress.Where(p => p.Index == "by_city").Select(p => p.EntriesWritten));
        Assert.All(progress, p => Assert.Equal(rows, p.TotalEntries));
        Assert.All(progress, p => Assert.Equal("people", p.Table));

        // Opening again builds nothing.
        progress.Clear();
        using (PeopleV2Store again = PeopleV2Store.Open(path, new StoreOptions { IndexBuildProgress = progress.Add }))
        {
            Assert.Empty(progress);
            Assert.Equal(rows, again.People.ByEmail.Count());
        }
    }

    [Fact]
    public void UniqueIndexAdded_OverDuplicateRows_FailsTheOpen_AndLeavesTheStoreAsItWas()
    {
        string path = NewPath();
        using (PeopleV1Store v1 = PeopleV1Store.Open(path))
        {
            v1.People.Put(new PersonV1(1, "same@x", "a"));
            v1.People.Put(new PersonV1(2, "other@x", "b"));
            v1.People.Put(new PersonV1(3, "same@x", "c"));
        }

        UniqueConstraintException ex = Assert.Throws<UniqueConstraintException>(() => PeopleV2Store.Open(path));
        Assert.Equal("people", ex.Table);
        Assert.Equal("by_email", ex.Index);
        Assert.Equal("\"same@x\"", ex.Value);
        Assert.Contains("Nothing was written", ex.Message, StringComparison.Ordinal);

        // The old declaration opens the store as it was (the failed open released it), and the fix makes the new one open.
        using (PeopleV1Store v1 = PeopleV1Store.Open(path))
        {
            Assert.Equal(3, v1.People.Count());
            Assert.Equal("same@x", v1.People.Get(3)!.Email);
            v1.People.Put(new PersonV1(3, "third@x", "c"));
        }

        using PeopleV2Store v2 = PeopleV2Store.Open(path);
        Assert.Equal(3, v2.People.Get(3)!.Id);
        Assert.Equal(3, v2.People.ByEmail.Get("third@x")!.Id);
        IndexOracle.AssertVerified(v2.People.Verify());
    }

    [Fact]
    public void RemovedIndex_IsDropped_AndBuiltAgainWhenItComesBack()
    {
        string path = NewPath();
        using (PeopleV2Store v2 = PeopleV2Store.Open(path))
        {
            v2.People.Put(new PersonV2(1, "one@x", "a"));
            v2.People.Put(new PersonV2(2, "two@x", "b"));
        }

        Assert.Contains("people.by_email", StoredColumnFamilies(path));
        using (PeopleV3Store v3 = PeopleV3Store.Open(path))
        {
            StorageEngine engine = v3.People.Core.Store.Engine;
            Assert.Equal(2, Keys(engine, engine.GetColumnFamily("people.by_city")).Count);

            // Writes made while the index is not declared ...
            v3.People.Put(new PersonV3(3, "one@x", "c"));
            v3.People.Delete(2);
        }

        // The removed index's column family is gone from the store (dropped, not just emptied).
        Assert.DoesNotContain("people.by_email", StoredColumnFamilies(path));
        Assert.Contains("people.by_city", StoredColumnFamilies(path));

        // ... are in the index when it is declared again: it is rebuilt from the rows (the duplicate refuses it).
        Assert.Throws<UniqueConstraintException>(() => PeopleV2Store.Open(path));
        using (PeopleV3Store v3 = PeopleV3Store.Open(path))
        {
            v3.People.Put(new PersonV3(3, "three@x", "c"));
        }

        using PeopleV2Store back = PeopleV2Store.Open(path);
        Assert.Equal(3, back.People.ByEmail.Get("three@x")!.Id);
        Assert.Null(back.People.ByEmail.Get("two@x"));
        IndexOracle.AssertVerified(back.People.Verify());
    }

    [Fact]
    public void ReadOnlyOpen_RefusesAnIndexThatIsNotBuilt_AndReadsABuiltOne()
    {
        string path = NewPath();
        using (PeopleV1Store v1 = PeopleV1Store.Open(path))
        {
            v1.People.Put(new PersonV1(1, "one@x", "a"));
        }

        TypedStoreException ex = Assert.ThrowsAny<TypedStoreException>(() => PeopleV2Store.Open(path, new StoreOptions { ReadOnly = true }));
        Assert.Contains("people", ex.Message, StringComparison.Ordinal);

        using (PeopleV2Store.Open(path))
        {
        }

        using PeopleV2Store readOnly = PeopleV2Store.Open(path, new StoreOptions { ReadOnly = true });
        Assert.Equal(1, readOnly.People.ByEmail.Get("one@x")!.Id);
    }

    [Fact]
    public void AllIndexesRemoved_TheirRecordsAndColumnFamiliesAreDropped_ThoughTheStoreDeclaresNone()
    {
        string path = NewPath();
        using (PeopleV2Store v2 = PeopleV2Store.Open(path))
        {
            v2.People.Put(new PersonV2(1, "one@x", "a"));
        }

        using (PeopleV1Store v1 = PeopleV1Store.Open(path))
        {
            v1.People.Put(new PersonV1(2, "one@x", "b"));
        }

        Assert.DoesNotContain("people.by_email", StoredColumnFamilies(path));
        Assert.DoesNotContain("people.by_city", StoredColumnFamilies(path));

        // Declared again: built from the rows as they are now (the duplicate written meanwhile refuses the unique one).
        UniqueConstraintException ex = Assert.Throws<UniqueConstraintException>(() => PeopleV2Store.Open(path));
        Assert.Equal("by_email", ex.Index);
    }

    private static string[] StoredColumnFamilies(string path)
        => [.. RocksDbSharp.RocksDb.ListColumnFamilies(new RocksDbSharp.DbOptions(), path)];

    private static List<byte[]> Keys(StorageEngine engine, StorageColumnFamily columnFamily)
    {
        List<byte[]> keys = [];
        using StorageIterator iterator = engine.CreateIterator(columnFamily);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            keys.Add(iterator.Key.ToArray());
        }

        return keys;
    }
}
