using TypedStore.Storage;
using TypedStore.Storage.RocksDb;

namespace TypedStore.Tool.Tests;

/// <summary>Every column family of a store directory, byte for byte: what a byte-exact round trip is checked against.</summary>
internal static class RawStore
{
    public static SortedDictionary<string, List<(byte[] Key, byte[] Value)>> Read(string path, Func<string, bool>? include = null)
    {
        IReadOnlyList<string> names = RocksDbEngine.ListStored(path);
        SortedDictionary<string, List<(byte[], byte[])>> contents = new(StringComparer.Ordinal);
        using StorageEngine engine = StorageEngines.OpenRocksDb(path, names, new StoreOptions { ReadOnly = true });
        foreach (string name in names.Where(include ?? (_ => true)))
        {
            List<(byte[], byte[])> entries = [];
            using StorageIterator iterator = engine.CreateIterator(engine.GetColumnFamily(name));
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                entries.Add((iterator.Key.ToArray(), iterator.Value.ToArray()));
            }

            contents.Add(name, entries);
        }

        return contents;
    }

    /// <summary>Overwrites one entry of a column family directly in the engine (to damage a store on purpose).</summary>
    public static void Put(string path, string columnFamily, byte[] key, byte[] value)
    {
        IReadOnlyList<string> names = RocksDbEngine.ListStored(path);
        using StorageEngine engine = StorageEngines.OpenRocksDb(path, names);
        engine.Put(engine.GetColumnFamily(columnFamily), key, value, WriteDurability.Synced);
    }

    /// <summary>Whether two raw contents are equal, entry by entry.</summary>
    public static void AssertEqual(SortedDictionary<string, List<(byte[] Key, byte[] Value)>> expected, SortedDictionary<string, List<(byte[] Key, byte[] Value)>> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach ((string name, List<(byte[] Key, byte[] Value)> entries) in expected)
        {
            List<(byte[] Key, byte[] Value)> other = actual[name];
            Assert.True(entries.Count == other.Count, $"'{name}': {entries.Count} entries expected, {other.Count} found.");
            for (int i = 0; i < entries.Count; i++)
            {
                Assert.True(entries[i].Key.AsSpan().SequenceEqual(other[i].Key), $"'{name}' entry {i}: keys differ.");
                Assert.True(entries[i].Value.AsSpan().SequenceEqual(other[i].Value), $"'{name}' entry {i}: values differ.");
            }
        }
    }
}
