using System.Globalization;
using System.Text;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// The tuning options of issue 14 (docs/benchmarks.md, "RocksDB tuning, knob by knob"): each reaches RocksDB (read back
/// from the OPTIONS file RocksDB writes into the store, so a setting that is not passed on fails here), each is refused
/// out of range before anything is written, and reads and writes stay correct with each on and off.
/// </summary>
public sealed class RocksDbTuningOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.Sub("store");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Defaults_AreTheMeasuredOnes()
    {
        var options = new RocksDbOptions();

        Assert.Equal(RocksDbOptions.DefaultMemtableBloomFilterRatio, options.MemtableBloomFilterRatio);
        Assert.Equal(0.02, RocksDbOptions.DefaultMemtableBloomFilterRatio);
    }

    [Theory]
    [InlineData(0.02, "true")]
    [InlineData(0.25, "true")]
    [InlineData(0.0, "false")]
    public void MemtableBloomFilterRatio_ReachesRocksDb(double ratio, string wholeKeyFiltering)
    {
        using (StorageEngines.OpenRocksDb(StorePath, ["a"], rocksDb: new RocksDbOptions { MemtableBloomFilterRatio = ratio }))
        {
        }

        Assert.Equal(ratio, double.Parse(StoredOption("memtable_prefix_bloom_size_ratio"), CultureInfo.InvariantCulture));
        Assert.Equal(wholeKeyFiltering, StoredOption("memtable_whole_key_filtering"));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.02)]
    [InlineData(0.25)]
    public void MemtableBloomFilter_FindsEveryStoredKey_AndNoOther(double ratio)
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"], rocksDb: new RocksDbOptions { MemtableBloomFilterRatio = ratio });
        StorageColumnFamily family = engine.GetColumnFamily("a");
        for (int i = 0; i < 2000; i += 2)
        {
            engine.Put(family, Utf8("key" + i.ToString(CultureInfo.InvariantCulture)), Utf8("v" + i.ToString(CultureInfo.InvariantCulture)));
        }

        // Half the keys in a table file, the rest in the memtable: a read must find each wherever it is.
        engine.Maintenance().Flush();
        for (int i = 2000; i < 4000; i += 2)
        {
            engine.Put(family, Utf8("key" + i.ToString(CultureInfo.InvariantCulture)), Utf8("v" + i.ToString(CultureInfo.InvariantCulture)));
        }

        byte[] buffer = new byte[64];
        for (int i = 0; i < 4000; i++)
        {
            int length = engine.Get(family, Utf8("key" + i.ToString(CultureInfo.InvariantCulture)), buffer);
            if (i % 2 == 0)
            {
                Assert.Equal("v" + i.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer, 0, length));
            }
            else
            {
                Assert.Equal(-1, length);
            }
        }
    }

    [Fact]
    public void BlockCacheBytes_SizesOneCacheSharedByEveryColumnFamily()
    {
        const long capacity = 48L << 20;
        using StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a", "b"], rocksDb: new RocksDbOptions { BlockCacheBytes = capacity });
        StorageColumnFamily a = engine.GetColumnFamily("a");
        StorageColumnFamily b = engine.GetColumnFamily("b");
        for (int i = 0; i < 1000; i++)
        {
            engine.Put(a, Utf8("a" + i.ToString(CultureInfo.InvariantCulture)), new byte[200]);
            engine.Put(b, Utf8("b" + i.ToString(CultureInfo.InvariantCulture)), new byte[200]);
        }

        engine.Maintenance().Flush();
        byte[] buffer = new byte[256];
        for (int i = 0; i < 1000; i++)
        {
            Assert.Equal(200, engine.Get(a, Utf8("a" + i.ToString(CultureInfo.InvariantCulture)), buffer));
            Assert.Equal(200, engine.Get(b, Utf8("b" + i.ToString(CultureInfo.InvariantCulture)), buffer));
        }

        Assert.Equal(capacity.ToString(CultureInfo.InvariantCulture), engine.Maintenance().GetProperty(a, "rocksdb.block-cache-capacity"));
        Assert.Equal(capacity.ToString(CultureInfo.InvariantCulture), engine.Maintenance().GetProperty(b, "rocksdb.block-cache-capacity"));

        // One cache: what both families' reads put there is counted once, in the same usage figure.
        Assert.Equal(engine.Maintenance().GetProperty(a, "rocksdb.block-cache-usage"), engine.Maintenance().GetProperty(b, "rocksdb.block-cache-usage"));
        Assert.True(long.Parse(engine.Maintenance().GetProperty(a, "rocksdb.block-cache-usage")!, CultureInfo.InvariantCulture) > 0);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(0.26)]
    [InlineData(double.NaN)]
    public void MemtableBloomFilterRatio_OutOfRange_IsRefusedByName_BeforeAnythingIsWritten(double ratio)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(
            () => StorageEngines.OpenRocksDb(StorePath, ["a"], rocksDb: new RocksDbOptions { MemtableBloomFilterRatio = ratio }));

        Assert.Equal(nameof(RocksDbOptions.MemtableBloomFilterRatio), error.ParamName);
        Assert.Contains("RocksDbOptions.MemtableBloomFilterRatio", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(StorePath));
    }

    [Fact]
    public void ExperimentOptionsString_ThatDoesNotParse_IsRefusedByName_BeforeAnythingIsWritten()
    {
        var error = Assert.Throws<ArgumentException>(
            () => StorageEngines.OpenRocksDb(StorePath, ["a"], rocksDb: new RocksDbOptions { ExperimentOptionsString = "no_such_option=1" }));

        Assert.Equal(nameof(RocksDbOptions.ExperimentOptionsString), error.ParamName);
        Assert.Contains("no_such_option", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(StorePath));
    }

    [Fact]
    public void ExperimentOptionsString_IsAppliedOnTopOfTheTypedOptions()
    {
        using (StorageEngines.OpenRocksDb(StorePath, ["a"], rocksDb: new RocksDbOptions { ExperimentOptionsString = "write_buffer_size=33554432" }))
        {
        }

        Assert.Equal("33554432", StoredOption("write_buffer_size"));
        Assert.Equal(RocksDbOptions.DefaultMemtableBloomFilterRatio, double.Parse(StoredOption("memtable_prefix_bloom_size_ratio"), CultureInfo.InvariantCulture));
    }

    // RocksDB writes the options a store was opened with into OPTIONS-<number> files; the newest is the last open's.
    // The column family options appear once per column family; "a" is listed after "default", so the last one is a's.
    private string StoredOption(string name)
    {
        string file = Directory.EnumerateFiles(StorePath, "OPTIONS-*")
            .OrderBy(path => long.Parse(Path.GetFileName(path)["OPTIONS-".Length..], CultureInfo.InvariantCulture))
            .Last();
        string prefix = name + "=";
        string? line = File.ReadLines(file).Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.NotNull(line);
        return line[prefix.Length..];
    }
}
