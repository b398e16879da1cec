namespace TypedStore.Features.RowCache;

/// <summary>
/// One stripe of a <see cref="RowCache{TRow, TCacheKey}"/>'s invalidation protocol: a lock and a version that every invalidation
/// of a key in the stripe increments under the lock. A read that missed inserts its row only if the version it read
/// before reading the engine is still current, checked under the same lock (docs/row-cache.md, "Invalidation").
/// </summary>
internal sealed class RowCacheStripe
{
    private long _version;

    /// <summary>Serialises the version check and insert of a miss with the increment and removal of an invalidation.</summary>
    public Lock Lock { get; } = new();

    /// <summary>The version now; read before the engine read of a miss (acquire: the engine read cannot move before it).</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Marks every row read from the engine before now as possibly stale. Call under <see cref="Lock"/>.</summary>
    public void Advance() => Volatile.Write(ref _version, _version + 1);
}
