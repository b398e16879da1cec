using System.Buffers.Binary;

namespace TypedStore.Values;

/// <summary>
/// Walks MessagePack bytes that may be cut short, without decoding them: used on the failure path of a write, to
/// tell which member of a row's value array was being written when the writer gave up.
/// </summary>
internal static class MessagePackElements
{
    /// <summary>
    /// For <paramref name="bytes"/> that start with an array header (possibly cut short), the index of the first
    /// element that is not complete in them (the element count when all are).
    /// </summary>
    public static int FirstIncompleteElement(ReadOnlySpan<byte> bytes)
    {
        int position = 0;
        if (!TryReadHeader(bytes, ref position, out long count, out long payload) || payload != 0)
        {
            return 0;
        }

        for (int i = 0; i < count; i++)
        {
            if (!TrySkip(bytes, ref position))
            {
                return i;
            }
        }

        return (int)Math.Min(count, int.MaxValue);
    }

    // Skips one element with everything nested in it, without recursion: 'pending' counts elements still to skip.
    private static bool TrySkip(ReadOnlySpan<byte> bytes, ref int position)
    {
        long pending = 1;
        while (pending > 0)
        {
            if (!TryReadHeader(bytes, ref position, out long children, out long payload) || payload > bytes.Length - position)
            {
                return false;
            }

            position += (int)payload;
            pending += children - 1;
        }

        return true;
    }

    // One element's header: how many elements are nested in it (array n, map 2n) and how many payload bytes follow.
    private static bool TryReadHeader(ReadOnlySpan<byte> bytes, ref int position, out long children, out long payload)
    {
        children = 0;
        payload = 0;
        if (position >= bytes.Length)
        {
            return false;
        }

        byte code = bytes[position++];
        switch (code)
        {
            case <= 0x7f or >= 0xe0 or 0xc0 or 0xc2 or 0xc3:
                return true;
            case <= 0x8f:
                children = 2L * (code & 0x0f);
                return true;
            case <= 0x9f:
                children = code & 0x0f;
                return true;
            case <= 0xbf:
                payload = code & 0x1f;
                return true;
            case 0xc4 or 0xd9:
                return TryReadLength(bytes, ref position, 1, out payload);
            case 0xc5 or 0xda:
                return TryReadLength(bytes, ref position, 2, out payload);
            case 0xc6 or 0xdb:
                return TryReadLength(bytes, ref position, 4, out payload);
            case 0xc7 or 0xc8 or 0xc9:
                bool read = TryReadLength(bytes, ref position, code == 0xc7 ? 1 : code == 0xc8 ? 2 : 4, out payload);
                payload++; // the extension's type byte
                return read;
            case 0xcc or 0xd0:
                payload = 1;
                return true;
            case 0xcd or 0xd1:
                payload = 2;
                return true;
            case 0xca or 0xce or 0xd2:
                payload = 4;
                return true;
            case 0xcb or 0xcf or 0xd3:
                payload = 8;
                return true;
            case >= 0xd4 and <= 0xd8:
                payload = 1 + (1 << (code - 0xd4)); // fixext 1, 2, 4, 8, 16 and the type byte
                return true;
            case 0xdc or 0xdd:
                return TryReadLength(bytes, ref position, code == 0xdc ? 2 : 4, out children);
            case 0xde or 0xdf:
                bool mapRead = TryReadLength(bytes, ref position, code == 0xde ? 2 : 4, out children);
                children *= 2;
                return mapRead;
            default:
                return false; // 0xc1: never used
        }
    }

    private static bool TryReadLength(ReadOnlySpan<byte> bytes, ref int position, int width, out long length)
    {
        length = 0;
        if (bytes.Length - position < width)
        {
            return false;
        }

        ReadOnlySpan<byte> field = bytes.Slice(position, width);
        length = width switch
        {
            1 => field[0],
            2 => BinaryPrimitives.ReadUInt16BigEndian(field),
            _ => BinaryPrimitives.ReadUInt32BigEndian(field),
        };
        position += width;
        return true;
    }
}
