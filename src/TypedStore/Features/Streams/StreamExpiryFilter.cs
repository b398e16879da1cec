using TypedStore.Runtime.Reads;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Features.Streams;

/// <summary>
/// The read side of a stream table with a TTL: rows expired at the read's moment are hidden from every read (point
/// read, scan, count), judged by one "now" per read (<see cref="StreamExpiry"/>), before eviction removes them.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
internal sealed class StreamExpiryFilter<TRow, TKey, TCodec> : IReadFilter<TKey>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly int _ttlSeconds;
    private readonly GeneratedIdKeys<TKey>? _agesById;

    /// <param name="ttlSeconds">The table's TtlSeconds (above 0).</param>
    /// <param name="agesById">The time-ordered ids a row's age comes from; <see langword="null"/> when it comes from <c>_updated</c>.</param>
    public StreamExpiryFilter(int ttlSeconds, GeneratedIdKeys<TKey>? agesById)
    {
        _ttlSeconds = ttlSeconds;
        _agesById = agesById;

        // The header is read by ids too: a count of a stream reads every row's header, and reports a corrupt one.
        Needs = ReadNeeds.Clock | ReadNeeds.Header | (agesById is not null ? ReadNeeds.DecodedKey : ReadNeeds.None);
    }

    /// <inheritdoc/>
    public ReadNeeds Needs { get; }

    /// <inheritdoc/>
    public bool Hides(in TKey key, in ValueHeader header, long nowUtcTicks)
    {
        // A few integer operations per row; computing it per row keeps the filter stateless (and thread-safe).
        StreamExpiry expiry = StreamExpiry.At(nowUtcTicks, _ttlSeconds);
        return _agesById is { } ids ? expiry.IsExpiredById(ids.IdOf(key)) : expiry.IsExpiredByUpdated(header.UpdatedUtcTicks);
    }
}
