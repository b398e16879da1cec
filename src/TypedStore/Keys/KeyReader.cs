using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace TypedStore.Keys;

/// <summary>
/// Reads the parts of a key written by <see cref="KeyWriter"/>, in the same order, with the same
/// types and directions. Encoded keys carry no type tags, so the caller supplies the schema.
/// </summary>
/// <remarks>
/// Keys come from disk and may be damaged, so every read is checked: a truncated part, an
/// unterminated or badly escaped string or byte array, invalid UTF-8, or a value the writer never
/// produces (a Boolean byte other than 0/1, a date out of range, -0.0, a non-canonical NaN)
/// throws <see cref="KeyFormatException"/> and leaves <see cref="Position"/> at the start of the
/// bad part. The reader never reads outside the span it was given.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public ref struct KeyReader
{
    /// <summary>Unescaped string parts up to this size are decoded from the stack.</summary>
    private const int StackBufferSize = 256;

    private readonly ReadOnlySpan<byte> _key;
    private int _position;

    /// <summary>Creates a reader positioned at the start of <paramref name="key"/>.</summary>
    /// <param name="key">An encoded key.</param>
    public KeyReader(ReadOnlySpan<byte> key)
    {
        _key = key;
    }

    /// <summary>Whether every byte of the key has been read.</summary>
    public readonly bool IsAtEnd => _position == _key.Length;

    /// <summary>Offset of the next part, in bytes from the start of the key.</summary>
    public readonly int Position => _position;

    /// <summary>Reads a string part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The string.</returns>
    /// <exception cref="KeyFormatException">The part is unterminated, badly escaped or not valid UTF-8.</exception>
    public string ReadString(bool descending = false)
    {
        int partLength = MeasureTerminatedPart(descending, "string", out int contentLength);
        ReadOnlySpan<byte> stored = _key.Slice(_position, partLength - 2);
        string value;
        if (!descending && contentLength == stored.Length)
        {
            // Ascending with nothing escaped: the stored bytes are the UTF-8 bytes.
            value = DecodeUtf8(stored);
        }
        else
        {
            byte[]? rented = null;
            Span<byte> utf8 = contentLength <= StackBufferSize
                ? stackalloc byte[StackBufferSize]
                : (rented = ArrayPool<byte>.Shared.Rent(contentLength));
            try
            {
                utf8 = utf8[..contentLength];
                Unescape(stored, utf8, descending);
                value = DecodeUtf8(utf8);
            }
            finally
            {
                if (rented is not null)
                {
                    ArrayPool<byte>.Shared.Return(rented);
                }
            }
        }

        _position += partLength;
        return value;
    }

    /// <summary>
    /// Reads an ascending string part into <paramref name="destination"/> without allocating (the row cache looks a
    /// string-keyed row up by the encoded key a write hands it). A part of <c>n</c> bytes decodes to at most <c>n</c>
    /// chars, so a destination of the key's length always fits.
    /// </summary>
    /// <returns>The number of chars written.</returns>
    /// <exception cref="KeyFormatException">The part is unterminated, badly escaped or not valid UTF-8.</exception>
    internal int ReadString(Span<char> destination)
    {
        int partLength = MeasureTerminatedPart(descending: false, "string", out int contentLength);
        ReadOnlySpan<byte> stored = _key.Slice(_position, partLength - 2);
        int written;
        if (contentLength == stored.Length)
        {
            written = DecodeUtf8(stored, destination);
        }
        else
        {
            Span<byte> utf8 = contentLength <= KeyLimits.MaxKeyLength ? stackalloc byte[KeyLimits.MaxKeyLength] : new byte[contentLength];
            utf8 = utf8[..contentLength];
            Unescape(stored, utf8, descending: false);
            written = DecodeUtf8(utf8, destination);
        }

        _position += partLength;
        return written;
    }

    /// <summary>Reads a byte-array part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>A new array with the bytes.</returns>
    /// <exception cref="KeyFormatException">The part is unterminated or badly escaped.</exception>
    public byte[] ReadBytes(bool descending = false)
    {
        int partLength = MeasureTerminatedPart(descending, "byte[]", out int contentLength);
        ReadOnlySpan<byte> stored = _key.Slice(_position, partLength - 2);
        byte[] value = contentLength == 0 ? [] : new byte[contentLength];
        Unescape(stored, value, descending);
        _position += partLength;
        return value;
    }

    /// <summary>
    /// Skips a string or byte-array part without allocating, checking its escapes and terminator
    /// (but not, for strings, its UTF-8).
    /// </summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <exception cref="KeyFormatException">The part is unterminated or badly escaped.</exception>
    public void SkipString(bool descending = false)
        => _position += MeasureTerminatedPart(descending, "string or byte[]", out _);

    /// <summary>Reads a Boolean part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated or the byte is not 0 or 1.</exception>
    public bool ReadBoolean(bool descending = false)
    {
        byte stored = ReadFixed(sizeof(byte), "Boolean")[0];
        byte value = descending ? (byte)~stored : stored;
        if (value > 1)
        {
            _position -= sizeof(byte);
            ThrowInvalidValue("Boolean", $"byte 0x{value:X2} (only 0x00 and 0x01 are written)");
        }

        return value == 1;
    }

    /// <summary>Reads an unsigned 8-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public byte ReadByte(bool descending = false)
    {
        byte stored = ReadFixed(sizeof(byte), "Byte")[0];
        return descending ? (byte)~stored : stored;
    }

    /// <summary>Reads a signed 8-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public sbyte ReadSByte(bool descending = false)
    {
        byte stored = ReadFixed(sizeof(sbyte), "SByte")[0];
        return (sbyte)((descending ? (byte)~stored : stored) ^ 0x80);
    }

    /// <summary>Reads a signed 16-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public short ReadInt16(bool descending = false)
        => (short)(ReadUInt16Bits(descending, "Int16") ^ 0x8000);

    /// <summary>Reads an unsigned 16-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public ushort ReadUInt16(bool descending = false)
        => ReadUInt16Bits(descending, "UInt16");

    /// <summary>Reads a signed 32-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public int ReadInt32(bool descending = false)
        => (int)(ReadUInt32Bits(descending, "Int32") ^ OrderPreservingBits.Int32SignBit);

    /// <summary>Reads an unsigned 32-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public uint ReadUInt32(bool descending = false)
        => ReadUInt32Bits(descending, "UInt32");

    /// <summary>Reads a signed 64-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public long ReadInt64(bool descending = false)
        => (long)(ReadUInt64Bits(descending, "Int64") ^ OrderPreservingBits.Int64SignBit);

    /// <summary>Reads an unsigned 64-bit part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public ulong ReadUInt64(bool descending = false)
        => ReadUInt64Bits(descending, "UInt64");

    /// <summary>Reads a 32-bit floating-point part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value (NaN is returned as the positive quiet NaN).</returns>
    /// <exception cref="KeyFormatException">The key is truncated, or holds -0.0 or a non-canonical NaN.</exception>
    public float ReadSingle(bool descending = false)
    {
        uint encoded = ReadUInt32Bits(descending, "Single");
        if (!OrderPreservingBits.TryDecodeSingle(encoded, out float value))
        {
            _position -= sizeof(uint);
            ThrowInvalidValue("Single", $"encoding 0x{encoded:X8} (-0.0 and NaN have one canonical encoding each)");
        }

        return value;
    }

    /// <summary>Reads a 64-bit floating-point part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value (NaN is returned as the positive quiet NaN).</returns>
    /// <exception cref="KeyFormatException">The key is truncated, or holds -0.0 or a non-canonical NaN.</exception>
    public double ReadDouble(bool descending = false)
    {
        ulong encoded = ReadUInt64Bits(descending, "Double");
        if (!OrderPreservingBits.TryDecodeDouble(encoded, out double value))
        {
            _position -= sizeof(ulong);
            ThrowInvalidValue("Double", $"encoding 0x{encoded:X16} (-0.0 and NaN have one canonical encoding each)");
        }

        return value;
    }

    /// <summary>Reads a <see cref="DateTime"/> part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The instant, with <see cref="DateTimeKind.Utc"/>.</returns>
    /// <exception cref="KeyFormatException">The key is truncated or the ticks are out of range.</exception>
    public DateTime ReadDateTime(bool descending = false)
        => new(ReadUtcTicks(descending, "DateTime"), DateTimeKind.Utc);

    /// <summary>Reads a <see cref="DateTimeOffset"/> part. The offset was not stored, so it is zero.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The instant, with offset zero.</returns>
    /// <exception cref="KeyFormatException">The key is truncated or the ticks are out of range.</exception>
    public DateTimeOffset ReadDateTimeOffset(bool descending = false)
        => new(ReadUtcTicks(descending, "DateTimeOffset"), TimeSpan.Zero);

    /// <summary>Reads a <see cref="DateOnly"/> part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The date.</returns>
    /// <exception cref="KeyFormatException">The key is truncated or the day number is out of range.</exception>
    public DateOnly ReadDateOnly(bool descending = false)
    {
        int dayNumber = (int)(ReadUInt32Bits(descending, "DateOnly") ^ OrderPreservingBits.Int32SignBit);
        if ((uint)dayNumber > (uint)DateOnly.MaxValue.DayNumber)
        {
            _position -= sizeof(int);
            ThrowInvalidValue("DateOnly", $"day number {dayNumber} (valid: 0 to {DateOnly.MaxValue.DayNumber})");
        }

        return DateOnly.FromDayNumber(dayNumber);
    }

    /// <summary>Reads a <see cref="TimeSpan"/> part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public TimeSpan ReadTimeSpan(bool descending = false)
        => new((long)(ReadUInt64Bits(descending, "TimeSpan") ^ OrderPreservingBits.Int64SignBit));

    /// <summary>Reads a <see cref="Guid"/> part.</summary>
    /// <param name="descending">Whether the part was written descending.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyFormatException">The key is truncated.</exception>
    public Guid ReadGuid(bool descending = false)
    {
        ReadOnlySpan<byte> stored = ReadFixed(16, "Guid");
        if (!descending)
        {
            return new Guid(stored, bigEndian: true);
        }

        Span<byte> ascending = stackalloc byte[16];
        stored.CopyTo(ascending);
        OrderPreservingBits.Invert(ascending);
        return new Guid(ascending, bigEndian: true);
    }

    private ushort ReadUInt16Bits(bool descending, string partType)
    {
        ushort stored = BinaryPrimitives.ReadUInt16BigEndian(ReadFixed(sizeof(ushort), partType));
        return descending ? (ushort)~stored : stored;
    }

    private uint ReadUInt32Bits(bool descending, string partType)
    {
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(ReadFixed(sizeof(uint), partType));
        return descending ? ~stored : stored;
    }

    private ulong ReadUInt64Bits(bool descending, string partType)
    {
        ulong stored = BinaryPrimitives.ReadUInt64BigEndian(ReadFixed(sizeof(ulong), partType));
        return descending ? ~stored : stored;
    }

    private long ReadUtcTicks(bool descending, string partType)
    {
        long ticks = (long)(ReadUInt64Bits(descending, partType) ^ OrderPreservingBits.Int64SignBit);
        if ((ulong)ticks > (ulong)DateTime.MaxValue.Ticks)
        {
            _position -= sizeof(long);
            ThrowInvalidValue(partType, $"tick count {ticks} (valid: 0 to {DateTime.MaxValue.Ticks})");
        }

        return ticks;
    }

    /// <summary>Returns the next <paramref name="size"/> bytes and moves past them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> ReadFixed(int size, string partType)
    {
        int start = _position;
        if (_key.Length - start < size)
        {
            ThrowTruncated(partType, size);
        }

        _position = start + size;
        return _key.Slice(start, size);
    }

    /// <summary>
    /// Validates the terminated part at <see cref="Position"/> and returns its stored length
    /// (content, escapes and terminator); <paramref name="contentLength"/> is its length unescaped.
    /// </summary>
    /// <remarks>
    /// In ascending form a part's content never holds a bare 0x00 or 0xFF: 0x00 starts either the
    /// escape 00 FF or the terminator 00 01, and 0xFF starts the escape FF 00. A descending part is
    /// the same bytes inverted, so both directions are checked by un-inverting the two bytes at
    /// each 0x00/0xFF found (the set {0x00, 0xFF} is closed under inversion).
    /// </remarks>
    private readonly int MeasureTerminatedPart(bool descending, string partType, out int contentLength)
    {
        ReadOnlySpan<byte> rest = _key[_position..];
        byte inversion = descending ? (byte)0xFF : (byte)0x00;
        int offset = 0;
        int escapeCount = 0;
        while (true)
        {
            int found = rest[offset..].IndexOfAny((byte)0x00, (byte)0xFF);
            if (found < 0 || offset + found + 1 >= rest.Length)
            {
                ThrowUnterminated(partType);
            }

            offset += found;
            byte lead = (byte)(rest[offset] ^ inversion);
            byte next = (byte)(rest[offset + 1] ^ inversion);
            if (lead == 0x00 && next == 0x01)
            {
                contentLength = offset - escapeCount;
                return offset + 2;
            }

            bool validEscape = lead == 0x00 ? next == 0xFF : next == 0x00;
            if (!validEscape)
            {
                ThrowBadEscape(partType, _position + offset, lead, next, descending);
            }

            escapeCount++;
            offset += 2;
        }
    }

    /// <summary>
    /// Copies the stored content of a terminated part into <paramref name="destination"/>, turning
    /// each two-byte escape back into its one byte and undoing the inversion of a descending part.
    /// The content has already been validated by <see cref="MeasureTerminatedPart"/>.
    /// </summary>
    private static void Unescape(ReadOnlySpan<byte> stored, Span<byte> destination, bool descending)
    {
        int written = 0;
        while (true)
        {
            int escape = stored.IndexOfAny((byte)0x00, (byte)0xFF);
            if (escape < 0)
            {
                stored.CopyTo(destination[written..]);
                break;
            }

            stored[..escape].CopyTo(destination[written..]);
            written += escape;

            // The first byte of an escape pair is the escaped byte itself (in stored form).
            destination[written++] = stored[escape];
            stored = stored[(escape + 2)..];
        }

        if (descending)
        {
            OrderPreservingBits.Invert(destination);
        }
    }

    private readonly int DecodeUtf8(ReadOnlySpan<byte> utf8, Span<char> destination)
    {
        try
        {
            return StrictUtf8.Encoding.GetChars(utf8, destination);
        }
        catch (DecoderFallbackException e)
        {
            throw new KeyFormatException($"The string key part at offset {_position} is not valid UTF-8.", e);
        }
    }

    private readonly string DecodeUtf8(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return StrictUtf8.Encoding.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new KeyFormatException($"The string key part at offset {_position} is not valid UTF-8.", e);
        }
    }

    [DoesNotReturn]
    private readonly void ThrowTruncated(string partType, int size)
        => throw new KeyFormatException(
            $"The key is truncated: a {partType} part needs {size} bytes at offset {_position}, " +
            $"but only {_key.Length - _position} remain.");

    [DoesNotReturn]
    private readonly void ThrowUnterminated(string partType)
        => throw new KeyFormatException(
            $"The {partType} key part at offset {_position} has no terminator: the key ({_key.Length} bytes) ends inside it.");

    [DoesNotReturn]
    private readonly void ThrowBadEscape(string partType, int offset, byte lead, byte next, bool descending)
        => throw new KeyFormatException(
            $"The {partType} key part at offset {_position} has an invalid escape at offset {offset}: " +
            $"0x{lead:X2} 0x{next:X2}{(descending ? " (un-inverted)" : string.Empty)}; " +
            "only 00 FF, FF 00 and the terminator 00 01 are valid.");

    [DoesNotReturn]
    private readonly void ThrowInvalidValue(string partType, string detail)
        => throw new KeyFormatException($"The {partType} key part at offset {_position} holds an invalid {detail}.");
}
