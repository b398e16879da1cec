using TypedStore.Features.ChangeFeed;
using TypedStore.Values;

namespace TypedStore.Tests.Lifecycle;

/// <summary>The change record format (docs/table-kinds.md, "Change feed"): written as specified, and anything else rejected.</summary>
public sealed class ChangeRecordTests
{
    [Fact]
    public void Write_LaysOutVersionKindTicksKeyLengthKeyAndRow()
    {
        using var buffer = new ValueBuffer();

        ChangeRecord.Write(buffer, ChangeKind.Put, 0x0102030405060708, [0xAA, 0xBB], [0x01, 0x02, 0x03]);

        Assert.Equal(
            [0x01, 0x01, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, 0x02, 0x00, 0x00, 0x00, 0xAA, 0xBB, 0x01, 0x02, 0x03],
            buffer.WrittenSpan.ToArray());
        Assert.True(ChangeRecord.TryRead(buffer.WrittenSpan, out ChangeKind kind, out long ticks, out int keyLength));
        Assert.Equal((ChangeKind.Put, 0x0102030405060708L, 2), (kind, ticks, keyLength));
    }

    public static TheoryData<string, byte[]> Invalid => new()
    {
        { "too short", [0x01, 0x02, 0, 0, 0, 0, 0, 0, 0] },
        { "unknown version", Record(version: 2, kind: 2, keyLength: 1, tail: [0x61]) },
        { "unknown kind", Record(version: 1, kind: 9, keyLength: 1, tail: [0x61]) },
        { "kind zero", Record(version: 1, kind: 0, keyLength: 1, tail: [0x61]) },
        { "empty key", Record(version: 1, kind: 2, keyLength: 0, tail: []) },
        { "key longer than the record", Record(version: 1, kind: 2, keyLength: 5, tail: [0x61]) },
        { "a put without its row", Record(version: 1, kind: 1, keyLength: 1, tail: [0x61]) },
        { "a delete carrying a row", Record(version: 1, kind: 2, keyLength: 1, tail: [0x61, 0x01]) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void TryRead_RejectsWhatItDoesNotUnderstand(string reason, byte[] record)
    {
        Assert.False(ChangeRecord.TryRead(record, out _, out _, out _), reason);
    }

    private static byte[] Record(byte version, byte kind, uint keyLength, byte[] tail)
    {
        byte[] record = new byte[ChangeRecord.HeaderLength + tail.Length];
        record[0] = version;
        record[1] = kind;
        BitConverter.TryWriteBytes(record.AsSpan(10), keyLength);
        tail.CopyTo(record, ChangeRecord.HeaderLength);
        return record;
    }
}
