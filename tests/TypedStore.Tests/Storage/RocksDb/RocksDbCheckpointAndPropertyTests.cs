using System.Globalization;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbCheckpointAndPropertyTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Checkpoint_OpensWithTheSameData_AndMissesLaterWrites()
    {
        var expected = new Dictionary<string, SortedDictionary<byte[], byte[]>>
        {
            ["a"] = StoreContents.NewModel(),
            ["b"] = StoreContents.NewModel(),
        };

        // WAL disabled: the checkpoint must still hold writes that were never flushed.
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a", "b"], new StoreOptions { DisableWal = true });
        for (int i = 0; i < 200; i++)
        {
            byte[] key = [(byte)(i % 7), (byte)i, 0xFF];
            byte[] value = [.. BitConverter.GetBytes(i * 31)];
            string family = i % 2 == 0 ? "a" : "b";
            engine.Put(engine.GetColumnFamily(family), key, value);
            expected[family][key] = value;
        }

        string copy = _directory.Sub("copy");
        engine.Maintenance().CreateCheckpoint(copy);
        engine.Put(engine.GetColumnFamily("a"), [0xEE], [0xEE]);

        using StorageEngine checkpoint = StorageEngines.OpenRocksDb(copy, ["a", "b"]);
        foreach (string family in new[] { "a", "b" })
        {
            StoreContents.AssertSame(expected[family], StoreContents.ReadAll(checkpoint, checkpoint.GetColumnFamily(family)), family);
        }

        Assert.True(engine.Contains(engine.GetColumnFamily("a"), [0xEE]));
    }

    [Fact]
    public void Checkpoint_IntoExistingDirectory_FailsClearly_AndLeavesItAlone()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        string existing = _directory.Sub("existing");
        Directory.CreateDirectory(existing);
        File.WriteAllText(Path.Combine(existing, "mine.txt"), "keep me");

        var exception = Assert.Throws<StorageEngineException>(() => engine.Maintenance().CreateCheckpoint(existing));

        Assert.Contains(existing, exception.Message, StringComparison.Ordinal);
        Assert.Equal(["mine.txt"], Directory.EnumerateFileSystemEntries(existing).Select(Path.GetFileName));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(existing, "mine.txt")));
    }

    [Fact]
    public void Checkpoint_OntoAnExistingFile_FailsClearly()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        string file = _directory.Sub("file");
        File.WriteAllText(file, "x");

        Assert.Throws<StorageEngineException>(() => engine.Maintenance().CreateCheckpoint(file));
        Assert.Equal("x", File.ReadAllText(file));
        Assert.Throws<ArgumentException>(() => engine.Maintenance().CreateCheckpoint(""));
    }

    [Fact]
    public void GetProperty_EstimateNumKeys_IsANumber_AndUnknownPropertyIsNull()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        StorageColumnFamily a = engine.GetColumnFamily("a");
        engine.Put(a, [1], [1]);

        string? estimate = engine.Maintenance().GetProperty(a, "rocksdb.estimate-num-keys");

        Assert.True(long.TryParse(estimate, NumberStyles.None, CultureInfo.InvariantCulture, out long parsed), $"Not a number: '{estimate}'.");
        Assert.True(parsed >= 1);
        Assert.Null(engine.Maintenance().GetProperty(a, "rocksdb.no-such-property"));
        Assert.Throws<ArgumentException>(() => engine.Maintenance().GetProperty(a, ""));
    }

    [Fact]
    public void EstimateKeyCount_CountsDistinctKeysOfOneColumnFamily()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a", "b"]);
        StorageColumnFamily a = engine.GetColumnFamily("a");
        for (int i = 0; i < 1000; i++)
        {
            engine.Put(a, BitConverter.GetBytes(i), [1]);
        }

        engine.Put(engine.GetColumnFamily("b"), [1], [1]);
        engine.Maintenance().Flush();
        engine.Maintenance().CompactRange(a);

        // After flush and compaction "a" is one table file of 1000 entries and no deletions, for which
        // RocksDB's estimate (entries minus twice the deletions) is exact.
        Assert.Equal(1000, engine.Maintenance().EstimateKeyCount(a));
        Assert.Equal(1, engine.Maintenance().EstimateKeyCount(engine.GetColumnFamily("b")));
    }

    [Fact]
    public void CompactRange_KeepsLiveData_AndDropsRangeDeletedData()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        StorageColumnFamily a = engine.GetColumnFamily("a");
        for (byte i = 0; i < 100; i++)
        {
            engine.Put(a, [i], new byte[1000]);
        }

        engine.Maintenance().Flush();
        engine.DeleteRange(a, [10], [90]);
        engine.Maintenance().Flush();
        engine.Maintenance().CompactRange(a, [0], [0xFF]);
        engine.Maintenance().CompactRange(a);

        Assert.Equal(20, StoreContents.ReadAll(engine, a).Count);
        Assert.Equal(20, engine.Maintenance().EstimateKeyCount(a));
    }
}
