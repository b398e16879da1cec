namespace TypedStore.Features.RowCache;

/// <summary>
/// One decoded row in a <see cref="RowCache{TRow, TCacheKey}"/> and the moment it stops being served (UTC ticks of the store's
/// clock; <see cref="long.MaxValue"/> without a TTL).
/// </summary>
/// <remarks>
/// A class, not a struct: the LRU replaces an entry's value in place when a row is inserted again, and a reference
/// is replaced atomically, so a concurrent hit can never read a row paired with another row's expiry.
/// </remarks>
internal sealed class CachedRow<TRow>(TRow row, long expiresUtcTicks)
{
    public TRow Row { get; } = row;

    public long ExpiresUtcTicks { get; } = expiresUtcTicks;
}
