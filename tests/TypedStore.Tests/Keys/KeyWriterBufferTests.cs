using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// Where the key is built does not change what is built: any initial buffer (empty, tiny, default
/// writer, exactly full) gives the same bytes as a large one, including parts that straddle the
/// point where the writer moves to a pooled array.
/// </summary>
public class KeyWriterBufferTests
{
    [Fact]
    public void EveryInitialBufferSize_GivesTheSameKey()
    {
        byte[] expected = BuildSampleKey(new byte[KeyLimits.MaxKeyLength]);
        Assert.True(expected.Length > 512, "the sample key must outgrow the first two pooled arrays (256, 512) too");

        for (int size = 0; size <= 300; size++)
        {
            Assert.Equal(expected, BuildSampleKey(new byte[size]));
        }
    }

    [Fact]
    public void DefaultWriter_GrowsFromNothing()
    {
        KeyWriter writer = default;
        writer.WriteString("abc");
        writer.WriteInt32(1);
        Assert.Equal("61 62 63 00 01 80 00 00 01", Hex.Format(writer.WrittenSpan));
        writer.Dispose();
    }

    [Fact]
    public void StringOfZeros_LongerThanTheBuffer_IsEscapedCorrectly()
    {
        // 300 U+0000 characters: 300 × "00 FF", then "00 01", built across a growth.
        var writer = new KeyWriter(stackalloc byte[16]);
        writer.WriteString(new string('\0', 300));
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();

        Assert.Equal(602, key.Length);
        for (int i = 0; i < 600; i += 2)
        {
            Assert.Equal(0x00, key[i]);
            Assert.Equal(0xFF, key[i + 1]);
        }

        Assert.Equal(0x00, key[600]);
        Assert.Equal(0x01, key[601]);
    }

    [Fact]
    public void WrittenSpan_IsValidAfterGrowth()
    {
        var writer = new KeyWriter(stackalloc byte[4]);
        writer.WriteInt32(5);
        writer.WriteString(new string('z', 1000)); // moves the key to a pooled array
        var reader = new KeyReader(writer.WrittenSpan);
        Assert.Equal(5, reader.ReadInt32());
        Assert.Equal(new string('z', 1000), reader.ReadString());
        writer.Dispose();
    }

    private static byte[] BuildSampleKey(Span<byte> initialBuffer)
    {
        var writer = new KeyWriter(initialBuffer);
        writer.WriteInt64(-1);
        writer.WriteString("a\0b\0c", descending: true);
        writer.WriteString(new string('\u00E9', 100)); // 200 bytes
        writer.WriteBytes(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()); // 258 + 2
        writer.WriteGuid(Guid.AllBitsSet);
        writer.WriteString(new string('\0', 40), descending: true);
        writer.WriteString("\U0001F600 tail");
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }
}
