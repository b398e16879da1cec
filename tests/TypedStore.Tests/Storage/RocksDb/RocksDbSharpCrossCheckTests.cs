using RocksDbSharp;
using SharpRocksDb = RocksDbSharp.RocksDb;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// Our files are RocksDB files: written through our engine, they read back identically through the
/// independent RocksDbSharp binding, and the other way round (design §7).
/// </summary>
public sealed class RocksDbSharpCrossCheckTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.Sub("store");

    private static byte[] Key(params byte[] bytes) => bytes;

    private static List<KeyValuePair<byte[], byte[]>> ReadAllWithRocksDbSharp(SharpRocksDb db, string columnFamily)
    {
        var entries = new List<KeyValuePair<byte[], byte[]>>();
        using Iterator iterator = db.NewIterator(db.GetColumnFamily(columnFamily));
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            entries.Add(new(iterator.Key(), iterator.Value()));
        }

        return entries;
    }

    [Fact]
    public void WrittenByOurEngine_ReadByRocksDbSharp_SameColumnFamiliesKeysAndValues()
    {
        string[] families = ["users", "rooms", "__catalog"];
        var expected = families.ToDictionary(name => name, _ => StoreContents.NewModel());
        byte[] large = new byte[1024 * 1024];
        new Random(7).NextBytes(large);

        using (StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, families))
        {
            void Put(string family, byte[] key, byte[] value)
            {
                engine.Put(engine.GetColumnFamily(family), key, value);
                expected[family][key] = value;
            }

            Put("users", Key(0x00), [0xA0]);
            Put("users", Key(0x00, 0x00), [0xA1]);
            Put("users", Key(0x00, 0xFF), [0xA2]);
            Put("users", Key(0xFF), [0xA3]);
            Put("users", Key(0xFF, 0xFF, 0x00), [0xA4]);
            Put("users", Key(0x75, 0x31, 0x00, 0x01), [0xA5]);
            Put("users", [], [0xA6]);
            Put("users", Key(0x10), []);
            Put("rooms", Key(0x00), [0xB0]);
            Put("rooms", Key(0x42), large);
            Put("__catalog", Key(0x01), [0xC0]);

            engine.Delete(engine.GetColumnFamily("users"), Key(0x00, 0xFF));
            expected["users"].Remove(Key(0x00, 0xFF));

            for (byte i = 0; i < 20; i++)
            {
                Put("rooms", Key(0x80, i), [i]);
            }

            using StorageWriteBatch batch = engine.CreateWriteBatch();
            batch.DeleteRange(engine.GetColumnFamily("rooms"), Key(0x80, 5), Key(0x80, 15));
            batch.Put(engine.GetColumnFamily("rooms"), Key(0x80, 7), [0x77]);
            batch.Put(engine.GetColumnFamily("__catalog"), Key(0x02), [0xC1]);
            batch.Delete(engine.GetColumnFamily("users"), Key(0xFF));
            engine.Write(batch);
            for (byte i = 5; i < 15; i++)
            {
                expected["rooms"].Remove(Key(0x80, i));
            }

            expected["rooms"][Key(0x80, 7)] = [0x77];
            expected["__catalog"][Key(0x02)] = [0xC1];
            expected["users"].Remove(Key(0xFF));

            // Half of the data in table files, half only in the WAL: both paths must read back.
            engine.Maintenance().Flush();
            Put("users", Key(0x20), [0xD0]);
        }

        string[] stored = [.. SharpRocksDb.ListColumnFamilies(new DbOptions(), StorePath)];
        Assert.Equal(["__catalog", "default", "rooms", "users"], stored.Order(StringComparer.Ordinal));

        var columnFamilies = new ColumnFamilies();
        foreach (string family in families)
        {
            columnFamilies.Add(family, new ColumnFamilyOptions());
        }

        using SharpRocksDb reader = SharpRocksDb.OpenReadOnly(new DbOptions(), StorePath, columnFamilies, false);
        foreach (string family in families)
        {
            StoreContents.AssertSame(expected[family], ReadAllWithRocksDbSharp(reader, family), family);
        }

        Assert.Empty(ReadAllWithRocksDbSharp(reader, "default"));
    }

    [Fact]
    public void WrittenByRocksDbSharp_ReadByOurEngine_SameKeysAndValues()
    {
        string[] families = ["a", "b"];
        var expected = new Dictionary<string, SortedDictionary<byte[], byte[]>>
        {
            ["default"] = StoreContents.NewModel(),
            ["a"] = StoreContents.NewModel(),
            ["b"] = StoreContents.NewModel(),
        };
        byte[] large = new byte[1024 * 1024];
        new Random(11).NextBytes(large);

        var columnFamilies = new ColumnFamilies();
        foreach (string family in families)
        {
            columnFamilies.Add(family, new ColumnFamilyOptions());
        }

        DbOptions options = new DbOptions().SetCreateIfMissing(true).SetCreateMissingColumnFamilies(true);
        using (SharpRocksDb writer = SharpRocksDb.Open(options, StorePath, columnFamilies))
        {
            void Put(string family, byte[] key, byte[] value)
            {
                writer.Put(key, value, writer.GetColumnFamily(family));
                expected[family][key] = value;
            }

            Put("default", Key(0x01), [0x01]);
            Put("a", Key(0x00), [0xFF, 0x00]);
            Put("a", Key(0xFF, 0x00, 0xFF), [0x00]);
            Put("a", Key(0x61, 0x00, 0x01), []);
            Put("b", Key(0x7F), large);
            for (byte i = 0; i < 10; i++)
            {
                Put("b", Key(0x30, i), [i]);
            }

            writer.Flush(new FlushOptions().SetWaitForFlush(true));

            using var batch = new WriteBatch();
            batch.DeleteRange(Key(0x30, 2), 2, Key(0x30, 8), 2, writer.GetColumnFamily("b"));
            batch.Put(Key(0x30, 3), new byte[] { 0x33 }, writer.GetColumnFamily("b"));
            batch.Delete(Key(0x00), writer.GetColumnFamily("a"));
            batch.Put(Key(0xEE), new byte[] { 0xEE }, writer.GetColumnFamily("a"));
            writer.Write(batch);
            for (byte i = 2; i < 8; i++)
            {
                expected["b"].Remove(Key(0x30, i));
            }

            expected["b"][Key(0x30, 3)] = [0x33];
            expected["a"].Remove(Key(0x00));
            expected["a"][Key(0xEE)] = [0xEE];
        }

        using (StorageEngine readOnly = StorageEngines.OpenRocksDb(StorePath, ["b", "a", "default"], new StoreOptions { ReadOnly = true }))
        {
            foreach (string family in expected.Keys)
            {
                StoreContents.AssertSame(expected[family], StoreContents.ReadAll(readOnly, readOnly.GetColumnFamily(family)), family);
            }

            byte[] buffer = new byte[large.Length];
            Assert.Equal(large.Length, readOnly.Get(readOnly.GetColumnFamily("b"), Key(0x7F), buffer));
            Assert.Equal(large, buffer);
        }

        using StorageEngine readWrite = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        StoreContents.AssertSame(expected["a"], StoreContents.ReadAll(readWrite, readWrite.GetColumnFamily("a")), "a");
    }
}
