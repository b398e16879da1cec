using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// The hot path does not allocate: fixed-width parts and strings that fit the caller's buffer are
/// written, and fixed-width parts read, without a single managed allocation. (A behaviour
/// assertion on allocated bytes, not a timing.)
/// </summary>
public class KeyCodecAllocationTests
{
    private const int Iterations = 200;

    [Fact]
    public void FixedWidthWrites_AllocateNothing()
        => Assert.Equal(0, AllocatedBy(WriteEveryFixedWidthPart));

    [Fact]
    public void StringAndByteWritesThatFitTheBuffer_AllocateNothing()
        => Assert.Equal(0, AllocatedBy(WriteStringsAndBytes));

    [Fact]
    public void FixedWidthReadsAndSkips_AllocateNothing()
        => Assert.Equal(0, AllocatedBy(ReadEveryFixedWidthPart));

    private static long AllocatedBy(Action action)
    {
        action(); // JIT and static initialisation happen here, not in the measured loop
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            action();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void WriteEveryFixedWidthPart()
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        foreach (bool descending in (ReadOnlySpan<bool>)[false, true])
        {
            writer.WriteBoolean(true, descending);
            writer.WriteByte(7, descending);
            writer.WriteSByte(-7, descending);
            writer.WriteInt16(-300, descending);
            writer.WriteUInt16(300, descending);
            writer.WriteInt32(-70_000, descending);
            writer.WriteUInt32(70_000, descending);
            writer.WriteInt64(long.MinValue, descending);
            writer.WriteUInt64(ulong.MaxValue, descending);
            writer.WriteSingle(float.NaN, descending);
            writer.WriteDouble(-0.0, descending);
            writer.WriteDateTime(DateTime.UnixEpoch, descending);
            writer.WriteDateTimeOffset(DateTimeOffset.UnixEpoch, descending);
            writer.WriteDateOnly(DateOnly.MaxValue, descending);
            writer.WriteTimeSpan(TimeSpan.FromHours(1), descending);
            writer.WriteGuid(Guid.AllBitsSet, descending);
        }

        writer.Dispose();
    }

    private static void WriteStringsAndBytes()
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        writer.WriteString("user-42");
        writer.WriteString("caf\u00E9 \U0001F600", descending: true);
        writer.WriteString("with\0zeros\0", descending: false);
        writer.WriteBytes([0x00, 0xFF, 0x10], descending: true);
        writer.Dispose();
    }

    private static void ReadEveryFixedWidthPart()
    {
        ReadOnlySpan<byte> key =
        [
            0x01, 0x07, 0x80, 0x80, 0x01, 0x80, 0x00, 0x00, 0x01, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0xBF, 0xF0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x61, 0x00, 0xFF, 0x00, 0x01,
            0x88, 0xDC, 0x0A, 0x5C, 0x99, 0x00, 0xC0, 0x00,
            0x01, 0x7F, 0x22, 0xE2, 0x79, 0xB0, 0x7C, 0xC3, 0x98, 0xC4, 0xDC, 0x0C, 0x0C, 0x07, 0x39, 0x8F,
        ];
        var reader = new KeyReader(key);
        _ = reader.ReadBoolean();
        _ = reader.ReadByte();
        _ = reader.ReadSByte();
        _ = reader.ReadInt16();
        _ = reader.ReadInt32();
        _ = reader.ReadInt64();
        _ = reader.ReadDouble();
        reader.SkipString();
        _ = reader.ReadDateTime();
        _ = reader.ReadGuid(descending: true);
        Assert.True(reader.IsAtEnd);
    }
}
