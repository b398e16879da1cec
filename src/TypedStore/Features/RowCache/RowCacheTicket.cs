namespace TypedStore.Features.RowCache;

/// <summary>
/// What a read that missed the cache took before reading the engine: the stripe of its key and that stripe's version
/// then. <see cref="RowCache{TRow, TCacheKey}.Insert(TCacheKey, in RowCacheTicket, TRow)"/> inserts the row read only while the version is unchanged.
/// </summary>
internal readonly struct RowCacheTicket(RowCacheStripe stripe, long version)
{
    public RowCacheStripe Stripe { get; } = stripe;

    public long Version { get; } = version;
}
