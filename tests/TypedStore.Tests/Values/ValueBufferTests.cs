using TypedStore.Values;

namespace TypedStore.Tests.Values;

public class ValueBufferTests
{
    [Fact]
    public void Grows_KeepingWhatWasWritten()
    {
        using var buffer = new ValueBuffer();
        byte[] expected = Enumerable.Range(0, 100_000).Select(i => (byte)i).ToArray();

        for (int offset = 0; offset < expected.Length; offset += 7_000)
        {
            ReadOnlySpan<byte> chunk = expected.AsSpan(offset, Math.Min(7_000, expected.Length - offset));
            chunk.CopyTo(buffer.GetSpan(chunk.Length));
            buffer.Advance(chunk.Length);
        }

        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
        Assert.Equal(expected, buffer.WrittenMemory.ToArray());
    }

    [Fact]
    public void Rent_ReusesThisThreadsBuffer_AndNestedRentsGetTheirOwn()
    {
        ValueBuffer first = ValueBuffer.Rent();
        ValueBuffer nested = ValueBuffer.Rent();
        Assert.NotSame(first, nested);
        ValueBuffer.Return(nested);
        ValueBuffer.Return(first);

        ValueBuffer again = ValueBuffer.Rent();
        Assert.Same(first, again);
        Assert.Equal(0, again.WrittenCount);
        ValueBuffer.Return(again);
    }

    [Fact]
    public void Advance_PastTheBuffer_Throws()
    {
        using var buffer = new ValueBuffer();
        int free = buffer.GetSpan().Length;
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(free + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));
    }
}
