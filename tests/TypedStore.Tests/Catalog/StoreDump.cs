using RocksDbSharp;
using TypedStore.Storage;
using TypedStore.Tests.Storage.RocksDb;
using SharpRocksDb = RocksDbSharp.RocksDb;

namespace TypedStore.Tests.Catalog;

/// <summary>
/// Every key and value of every column family of a store, read from outside the store: from a RocksDB
/// directory with the independent RocksDbSharp binding, or from an engine with its iterators. Comparing two
/// dumps proves an operation wrote nothing (a failed open must leave the store exactly as it was).
/// </summary>
internal sealed class StoreDump
{
    private StoreDump(SortedDictionary<string, List<KeyValuePair<byte[], byte[]>>> families)
    {
        Families = families;
    }

    public SortedDictionary<string, List<KeyValuePair<byte[], byte[]>>> Families { get; }

    /// <summary>The entries of one column family (empty when it does not exist).</summary>
    public IReadOnlyList<KeyValuePair<byte[], byte[]>> this[string columnFamily]
        => Families.TryGetValue(columnFamily, out List<KeyValuePair<byte[], byte[]>>? entries) ? entries : [];

    /// <summary>Reads a closed RocksDB store with RocksDbSharp, every column family included.</summary>
    public static StoreDump Of(string path)
    {
        string[] names = SharpRocksDb.ListColumnFamilies(new DbOptions(), path).ToArray();
        using SharpRocksDb db = SharpRocksDb.OpenReadOnly(new DbOptions(), path, ToColumnFamilies(names), false);
        var families = new SortedDictionary<string, List<KeyValuePair<byte[], byte[]>>>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            var entries = new List<KeyValuePair<byte[], byte[]>>();
            using Iterator iterator = db.NewIterator(db.GetColumnFamily(name));
            for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
            {
                entries.Add(new(iterator.Key(), iterator.Value()));
            }

            families.Add(name, entries);
        }

        return new StoreDump(families);
    }

    /// <summary>Reads every column family of an open engine.</summary>
    public static StoreDump Of(StorageEngine engine)
    {
        var families = new SortedDictionary<string, List<KeyValuePair<byte[], byte[]>>>(StringComparer.Ordinal);
        foreach (StorageColumnFamily family in engine.ColumnFamilies)
        {
            families.Add(family.Name, StoreContents.ReadAll(engine, family));
        }

        return new StoreDump(families);
    }

    /// <summary>Overwrites (or adds) one key of a closed RocksDB store through RocksDbSharp, as damage from outside would.</summary>
    public static void Put(string path, string columnFamily, byte[] key, byte[] value)
    {
        string[] names = SharpRocksDb.ListColumnFamilies(new DbOptions(), path).ToArray();
        using SharpRocksDb db = SharpRocksDb.Open(new DbOptions(), path, ToColumnFamilies(names));
        db.Put(key, value, db.GetColumnFamily(columnFamily));
    }

    /// <summary>Removes one key of a closed RocksDB store through RocksDbSharp.</summary>
    public static void Delete(string path, string columnFamily, byte[] key)
    {
        string[] names = SharpRocksDb.ListColumnFamilies(new DbOptions(), path).ToArray();
        using SharpRocksDb db = SharpRocksDb.Open(new DbOptions(), path, ToColumnFamilies(names));
        db.Remove(key, db.GetColumnFamily(columnFamily));
    }

    /// <summary>Asserts that both dumps hold the same column families with the same entries, byte for byte.</summary>
    public static void AssertSame(StoreDump expected, StoreDump actual)
    {
        Assert.Equal(expected.Families.Keys, actual.Families.Keys);
        foreach ((string name, List<KeyValuePair<byte[], byte[]>> entries) in expected.Families)
        {
            StoreContents.AssertSame(entries, actual.Families[name], name);
        }
    }

    private static ColumnFamilies ToColumnFamilies(string[] names)
    {
        var families = new ColumnFamilies();
        foreach (string name in names)
        {
            if (name != "default")
            {
                families.Add(name, new ColumnFamilyOptions());
            }
        }

        return families;
    }
}
