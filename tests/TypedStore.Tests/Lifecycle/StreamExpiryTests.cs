using TypedStore.Features.Streams;

namespace TypedStore.Tests.Lifecycle;

/// <summary>
/// The expiry rule: a row is expired when strictly older than the TTL (<c>t &lt; now - ttl</c>). Expectations are
/// computed here from that rule and the id layout (unix ms &lt;&lt; 12), not read back from the implementation.
/// </summary>
public sealed class StreamExpiryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void NoTtl_NothingExpires()
    {
        StreamExpiry expiry = StreamExpiry.At(Now, 0);

        Assert.False(expiry.IsActive);
        Assert.False(expiry.IsExpiredByUpdated(0));
        Assert.False(expiry.IsExpiredById(long.MinValue));
    }

    [Fact]
    public void ByUpdated_TheBoundaryIsExactToTheTick()
    {
        StreamExpiry expiry = StreamExpiry.At(Now, 60);
        long boundary = Now.UtcTicks - (60 * TimeSpan.TicksPerSecond);

        Assert.False(expiry.IsExpiredByUpdated(boundary));
        Assert.False(expiry.IsExpiredByUpdated(boundary + 1));
        Assert.True(expiry.IsExpiredByUpdated(boundary - 1));
    }

    [Fact]
    public void ById_TheFirstLiveIdIsTheFirstIdOfTheFirstMillisecondNotOlderThanTheTtl()
    {
        long boundaryMs = Now.AddSeconds(-60).ToUnixTimeMilliseconds();

        // The boundary on a whole millisecond: that millisecond is live.
        Assert.Equal(boundaryMs << 12, StreamExpiry.At(Now, 60).FirstLiveId);

        // One tick later the boundary is inside that millisecond, whose start is now older than the TTL.
        Assert.Equal((boundaryMs + 1) << 12, StreamExpiry.At(Now.AddTicks(1), 60).FirstLiveId);

        StreamExpiry expiry = StreamExpiry.At(Now, 60);
        Assert.True(expiry.IsExpiredById((boundaryMs << 12) - 1)); // the last id of the millisecond before
        Assert.False(expiry.IsExpiredById(boundaryMs << 12));
    }

    [Fact]
    public void ById_BeforeTheUnixEpoch_RoundsTowardsTheFuture()
    {
        // The boundary half a millisecond before 1970: millisecond -1 starts before it (expired), millisecond 0 does not.
        DateTimeOffset now = DateTimeOffset.UnixEpoch.AddTicks(-5_000).AddSeconds(60);

        StreamExpiry expiry = StreamExpiry.At(now, 60);

        Assert.Equal(0, expiry.FirstLiveId);
        Assert.True(expiry.IsExpiredById(-1L << 12));
        Assert.False(expiry.IsExpiredById(0));
    }

    [Fact]
    public void NearTheStartOfTime_NothingIsExpired()
    {
        StreamExpiry expiry = StreamExpiry.At(DateTimeOffset.MinValue.AddSeconds(1), 60);

        Assert.False(expiry.IsExpiredByUpdated(0));
    }
}
