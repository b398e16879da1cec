using TypedStore.Storage.Overlay;

namespace TypedStore.Storage;

/// <summary>Optimistic writes: the commit of a transaction (docs/transactions.md).</summary>
public abstract partial class StorageEngine
{
    /// <summary>
    /// Begins a write that commits only when the keys it validates are unchanged since <paramref name="snapshot"/>,
    /// atomically with every other write of this engine. Engines the runtime ships override it (memory: under its
    /// writer lock, comparing versions; RocksDB: an optimistic transaction of its own, validated in its write queue).
    /// </summary>
    internal virtual OptimisticWrite BeginOptimisticWrite(StorageSnapshot snapshot, WriteDurability durability)
        => throw new NotSupportedException($"The storage engine {GetType().Name} does not support transactions (optimistic writes).");

    /// <summary>The overlay a read's snapshot is, when it is one (a transaction's view); engines send such reads to it.</summary>
    internal static OverlaySnapshot? OverlayOf(StorageSnapshot? snapshot) => snapshot as OverlaySnapshot;
}
