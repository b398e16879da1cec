using System.Numerics;
using TypedStore.Ycsb.Contenders;

namespace TypedStore.Ycsb.Running;

/// <summary>Every contender the suite knows, by the id <c>--contenders</c> takes, in report order.</summary>
internal static class ContenderCatalog
{
    /// <summary>The ids, in the order the report lists them.</summary>
    public static IReadOnlyList<string> Ids { get; } =
    [
        "typedstore", "typedstore-cached", "typedstore-nowal", "typedstore-memory", "rocksdbsharp", "litedb", "zonetree", "zonetree-async", "faster", "lightningdb", "sqlite",
    ];

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
            _ => throw new ArgumentException($"unknown contender '{id}'; known: {string.Join(", ", Ids)}", nameof(id)),
        };
    }
}
