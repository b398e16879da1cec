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
    /// Registers a TypedStore tuning variant parsed from <c>--variant label::spec</c> (<see cref="VariantSpec"/>) and
    /// returns its contender id (<c>typedstore:label</c>, listed after <c>typedstore</c> and the variants before it).
    /// </summary>
    /// <exception cref="FormatException">A variant with this label is already registered.</exception>
    public static string AddVariant(VariantSpec variant)
    {
        string id = variant.ContenderId;
        if (!s_variants.TryAdd(id, (variant.Label, variant.ToRocksDbOptions())))
        {
            throw new FormatException($"--variant: the label '{variant.Label}' is given more than once (each variant runs as its own contender, {id}).");
        }

        s_ids.Insert(s_ids.IndexOf("typedstore") + s_variants.Count, id);
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
