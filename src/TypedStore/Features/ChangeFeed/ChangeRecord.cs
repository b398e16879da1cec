using System.Buffers.Binary;
using TypedStore.Values;

namespace TypedStore.Features.ChangeFeed;

/// <summary>
/// The value of one change in the <c>__changes</c> column family (docs/table-kinds.md, "Change feed"):
/// byte 0 the format version, byte 1 the <see cref="ChangeKind"/>, bytes 2..9 the commit time (UTC ticks, int64
/// little-endian), bytes 10..13 the key's length (uint32 little-endian), then the encoded key (a whole row key, or
/// the user prefix for <see cref="ChangeKind.DeleteUser"/>), then, for <see cref="ChangeKind.Put"/>, the stored row
/// value exactly as the table holds it (value header and members).
/// </summary>
internal static class ChangeRecord
{
    /// <summary>The only format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Bytes before the key.</summary>
    public const int HeaderLength = 14;

    /// <summary>Appends a change record to <paramref name="destination"/>.</summary>
    public static void Write(ValueBuffer destination, ChangeKind kind, long utcTicks, ReadOnlySpan<byte> key, ReadOnlySpan<byte> rowValue)
    {
        Span<byte> span = destination.GetSpan(HeaderLength + key.Length + rowValue.Length);
        span[0] = FormatVersion;
        span[1] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[2..], utcTicks);
        BinaryPrimitives.WriteUInt32LittleEndian(span[10..], (uint)key.Length);
        key.CopyTo(span[HeaderLength..]);
        rowValue.CopyTo(span[(HeaderLength + key.Length)..]);
        destination.Advance(HeaderLength + key.Length + rowValue.Length);
    }

    /// <summary>Reads a record's header; <see langword="false"/> when the bytes are not a record this build understands.</summary>
    public static bool TryRead(ReadOnlySpan<byte> record, out ChangeKind kind, out long utcTicks, out int keyLength)
    {
        kind = default;
        utcTicks = 0;
        keyLength = 0;
        if (record.Length < HeaderLength || record[0] != FormatVersion || record[1] is < (byte)ChangeKind.Put or > (byte)ChangeKind.DeleteUser)
        {
            return false;
        }

        long ticks = BinaryPrimitives.ReadInt64LittleEndian(record[2..]);
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(record[10..]);
        if ((ulong)ticks > (ulong)DateTime.MaxValue.Ticks || length == 0 || length > (uint)(record.Length - HeaderLength))
        {
            return false;
        }

        kind = (ChangeKind)record[1];
        bool carriesRow = record.Length > HeaderLength + (int)length;
        if (carriesRow != (kind == ChangeKind.Put))
        {
            return false;
        }

        utcTicks = ticks;
        keyLength = (int)length;
        return true;
    }
}
