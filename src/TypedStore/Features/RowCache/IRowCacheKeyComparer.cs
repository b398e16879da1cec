namespace TypedStore.Features.RowCache;

/// <summary>
/// How a <see cref="RowCache{TRow, TCacheKey}"/> compares its keys: as themselves (a read's lookup, its insert) and as
/// the encoded row key a write hands the cache when it invalidates (the alternate side). The two hashes of one row agree,
/// so a key and its encoded form find one entry and pick one stripe.
/// </summary>
/// <typeparam name="TCacheKey">What the cache is keyed by: the encoded key (<see cref="EncodedKeyComparer"/>) or, for a
/// table keyed by one string, the string (<see cref="StringKeyComparer"/>).</typeparam>
internal interface IRowCacheKeyComparer<TCacheKey> : IEqualityComparer<TCacheKey>, IAlternateEqualityComparer<ReadOnlySpan<byte>, TCacheKey>
    where TCacheKey : notnull
{
}
