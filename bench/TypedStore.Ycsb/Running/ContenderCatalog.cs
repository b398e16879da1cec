using System.Numerics;
using TypedStore.Ycsb.Contenders;

namespace TypedStore.Ycsb.Running;

/// <summary>Every contender the suite knows, by the id <c>--contenders</c> takes, in report order.</summary>
internal static class ContenderCatalog
{
    /// <summary>The ids, in the order the report lists them.</summary>
    public static IReadOnlyList<string> Ids => s_ids;

    private static readonly List<string> s_ids =
    [
        "typedstore", "typedstore-cached", "typedstore-nowal", "typedstore-memory", "rocksdbsharp", "litedb", "zonetree", "zonetree-async", "faster", "lightningdb", "sqlite",
    ];

    private static readonly Dictionary<string, (string Label, RocksDbOptions Options)> s_variants = new(StringComparer.Ordinal);

    /// <summary>
    /// Registers a TypedStore tuning variant from <c>--variant label::spec</c> and returns its contender id
    /// (<c>typedstore:label</c>, listed right after <c>typedstore</c>). <paramref name="spec"/> is RocksDB's options string
    /// (<c>name=value;...</c>), except that the typed options <c>BlockCacheBytes=n</c> and <c>BloomFilterBitsPerKey=n</c>
    /// are set as such, and parts starting <c>read.</c> (<c>read.fill_cache=false</c>, <c>read.readahead_size=n</c>, ...)
    /// are iterator read options (the internal <c>RocksDbOptions.ExperimentScanReadOptions</c>).
    /// </summary>
    public static string AddVariant(string label, string spec)
    {
        long blockCache = 0;
        double bloom = RocksDbOptions.DefaultBloomFilterBitsPerKey;
        var rest = new List<string>();
        var scanRead = new List<string>();
        foreach (string part in spec.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("BlockCacheBytes=", StringComparison.Ordinal))
            {
                blockCache = long.Parse(part["BlockCacheBytes=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (part.StartsWith("BloomFilterBitsPerKey=", StringComparison.Ordinal))
            {
                bloom = double.Parse(part["BloomFilterBitsPerKey=".Length..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (part.StartsWith("read.", StringComparison.Ordinal))
            {
                scanRead.Add(part["read.".Length..]);
            }
            else
            {
                rest.Add(part);
            }
        }

        string id = "typedstore:" + label;
        s_variants[id] = (label, new RocksDbOptions
        {
            BlockCacheBytes = blockCache,
            BloomFilterBitsPerKey = bloom,
            ExperimentOptionsString = rest.Count == 0 ? null : string.Join(';', rest),
            ExperimentScanReadOptions = scanRead.Count == 0 ? null : string.Join(';', scanRead),
        });
        if (!s_ids.Contains(id))
        {
            s_ids.Insert(s_ids.IndexOf("typedstore") + 1 + s_variants.Count - 1, id);
        }

        return id;
    }

    /// <summary>Opens contender <paramref name="id"/> on a fresh <paramref name="directory"/> sized for <paramref name="records"/> records.</summary>
    public static YcsbContender Open(string id, string directory, long records)
    {
        Directory.CreateDirectory(directory);
        return id switch
        {
            "typedstore" => TypedStoreYcsb.OpenRocksDb(directory),
            "typedstore-cached" => new TypedStoreCachedYcsb(directory),
            "typedstore-nowal" => TypedStoreYcsb.OpenRocksDbWithoutWal(directory),
            "typedstore-memory" => TypedStoreYcsb.OpenInMemory(),
            "rocksdbsharp" => new RocksDbSharpYcsb(directory),
            "litedb" => new LiteDbYcsb(directory),
            "zonetree" => new ZoneTreeYcsb(directory, asyncWal: false),
            "zonetree-async" => new ZoneTreeYcsb(directory, asyncWal: true),
            "faster" => new FasterYcsb(directory, memoryBytes: (long)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1L << 28, records * 4096))),
            "lightningdb" => new LightningDbYcsb(directory, mapSizeBytes: Math.Max(1L << 30, records * 8192)),
            "sqlite" => new SqliteYcsb(directory),
            _ when s_variants.TryGetValue(id, out var variant) => TypedStoreYcsb.OpenRocksDbVariant(directory, variant.Label, variant.Options),
            _ => throw new ArgumentException($"unknown contender '{id}'; known: {string.Join(", ", Ids)}", nameof(id)),
        };
    }
}
