namespace TypedStore.Features.Streams;

/// <summary>
/// Which rows of a stream table are expired at one moment. A row is expired when it is strictly older than the
/// table's TtlSeconds: its time <c>t</c> satisfies <c>now - t &gt; ttl</c>, i.e. <c>t &lt; now - ttl</c> (a row exactly
/// TtlSeconds old is still returned). The row's time is its time-ordered id's millisecond when the table has one,
/// else its <c>_updated</c>. One instance is computed per read or eviction, so a whole scan judges rows by one "now".
/// </summary>
internal readonly struct StreamExpiry
{
    private StreamExpiry(long cutoffUtcTicks, long firstLiveId)
    {
        IsActive = true;
        CutoffUtcTicks = cutoffUtcTicks;
        FirstLiveId = firstLiveId;
    }

    /// <summary>Whether anything can expire (the table is a stream with a TTL).</summary>
    public bool IsActive { get; }

    /// <summary>Rows whose <c>_updated</c> is below this (UTC ticks) are expired.</summary>
    public long CutoffUtcTicks { get; }

    /// <summary>Rows whose time-ordered id is below this are expired: the first id of the first live millisecond.</summary>
    public long FirstLiveId { get; }

    /// <summary>The expiry of a table with <paramref name="ttlSeconds"/> (0: nothing expires) at <paramref name="now"/>.</summary>
    public static StreamExpiry At(DateTimeOffset now, int ttlSeconds) => At(now.UtcTicks, ttlSeconds);

    /// <summary>The expiry of a table with <paramref name="ttlSeconds"/> (0: nothing expires) at <paramref name="nowUtcTicks"/>.</summary>
    public static StreamExpiry At(long nowUtcTicks, int ttlSeconds)
    {
        if (ttlSeconds <= 0)
        {
            return default;
        }

        // TtlSeconds is an int, so the subtraction cannot overflow a long; before year 1 it clamps to "nothing expired".
        long cutoff = Math.Max(0, nowUtcTicks - (ttlSeconds * TimeSpan.TicksPerSecond));

        // An id of millisecond m stands for time m (ticks m * 10 000 past the epoch): expired when that is below
        // the cut-off, i.e. when m is below the cut-off rounded up to a whole millisecond.
        long cutoffSinceEpoch = cutoff - DateTime.UnixEpoch.Ticks;
        long firstLiveMillisecond = Math.DivRem(cutoffSinceEpoch, TimeSpan.TicksPerMillisecond, out long remainder);
        if (remainder > 0)
        {
            firstLiveMillisecond++;
        }

        return new StreamExpiry(cutoff, TimeOrderedId.FirstOf(firstLiveMillisecond));
    }

    /// <summary>Whether a row last written at <paramref name="updatedUtcTicks"/> is expired.</summary>
    public bool IsExpiredByUpdated(long updatedUtcTicks) => IsActive && updatedUtcTicks < CutoffUtcTicks;

    /// <summary>Whether a row with time-ordered id <paramref name="id"/> is expired.</summary>
    public bool IsExpiredById(long id) => IsActive && id < FirstLiveId;
}
