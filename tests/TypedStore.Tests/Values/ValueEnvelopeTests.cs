using TypedStore.Values;

namespace TypedStore.Tests.Values;

public class ValueEnvelopeTests
{
    [Fact]
    public void Header_IsVersionFlagsAndLittleEndianTicks()
    {
        Span<byte> header = stackalloc byte[ValueEnvelope.HeaderLength];
        ValueEnvelope.WriteHeader(header, ValueFlags.Deleted, 0x0102030405060708);

        // The documented layout (docs/value-format.md), byte by byte.
        Assert.Equal(new byte[] { 1, 1, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01 }, header.ToArray());
    }

    [Fact]
    public void Header_RoundTrips()
    {
        byte[] value = new byte[ValueEnvelope.HeaderLength + 3];
        long ticks = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc).Ticks;
        ValueEnvelope.WriteHeader(value, ValueFlags.None, ticks);

        Assert.True(ValueEnvelope.TryReadHeader(value, out ValueHeader header));
        Assert.Equal(ticks, header.UpdatedUtcTicks);
        Assert.False(header.IsDeleted);
        Assert.Equal(new DateTimeOffset(ticks, TimeSpan.Zero), header.Updated);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 2, 0, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    public void TryReadHeader_RejectsWhatThisFormatNeverWrites(byte[] value)
    {
        Assert.False(ValueEnvelope.TryReadHeader(value, out _));
    }
}
