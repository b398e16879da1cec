using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using TypedStore.Text;
using TypedStore.Time;

namespace TypedStore.Keys;

/// <summary>
/// Appends key parts, in key order, as bytes whose unsigned lexicographic order is the order of
/// the values (the rules are in <c>docs/key-encoding.md</c>). Parts carry no type tag: the reader
/// must ask for the same types in the same order.
/// </summary>
/// <remarks>
/// <para>
/// Writes go into the caller's buffer (usually <c>stackalloc byte[256]</c>); when a key outgrows
/// it the writer moves to an array rented from <see cref="ArrayPool{T}.Shared"/>, which
/// <see cref="Dispose"/> returns. Fixed-width parts never allocate.
/// </para>
/// <para>
/// Every method validates its part completely (null, <see cref="DateTimeKind.Unspecified"/>,
/// invalid UTF-16, <see cref="KeyLimits.MaxKeyLength"/>) before appending it, so a failed write
/// leaves the key exactly as it was. Do not copy a writer: copies would share the rented array.
/// </para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public ref struct KeyWriter
{
    /// <summary>Every string and byte-array part ends with 0x00 0x01 (inverted when descending).</summary>
    private const int TerminatorLength = 2;

    /// <summary>Size of the first rented array; doubling from here reaches the key limit in a few steps.</summary>
    private const int MinimumRentSize = 256;

    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;
    private bool _disposed;

    /// <summary>Creates a writer that starts in <paramref name="initialBuffer"/>.</summary>
    /// <param name="initialBuffer">
    /// Where the key is built until it outgrows it; may be empty. The writer never reads what the
    /// buffer held before.
    /// </param>
    public KeyWriter(Span<byte> initialBuffer)
    {
        _buffer = initialBuffer;
    }

    /// <summary>Number of encoded bytes written so far.</summary>
    /// <exception cref="ObjectDisposedException">The writer has been disposed.</exception>
    public readonly int Length
    {
        get
        {
            ThrowIfDisposed();
            return _length;
        }
    }

    /// <summary>
    /// The encoded key so far. Valid until the next write (which may move the key to a larger
    /// buffer) or <see cref="Dispose"/>.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The writer has been disposed.</exception>
    public readonly ReadOnlySpan<byte> WrittenSpan
    {
        get
        {
            ThrowIfDisposed();
            return _buffer[.._length];
        }
    }

    /// <summary>Appends a string part: its UTF-8 bytes, escaped, then a terminator.</summary>
    /// <param name="value">The string; compared by ordinal UTF-8 bytes (that is, by Unicode code point).</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> holds an unpaired surrogate (it could not round-trip), or the key
    /// would exceed <see cref="KeyLimits.MaxKeyLength"/>.
    /// </exception>
    public void WriteString(string value, bool descending = false)
    {
        if (value is null)
        {
            ThrowNullPart("string");
        }

        ThrowIfDisposed();
        int start = _length;

        // The common case, one pass: the worst case (3 bytes per UTF-16 code unit, which also covers an
        // escaped U+0000: 1 code unit, 2 bytes) fits the buffer and the key limit, so the string is encoded
        // in place with no size computed first. (long: value.Length * 3 cannot overflow.)
        long worstEnd = start + (3L * value.Length) + TerminatorLength;
        if (worstEnd <= _buffer.Length && worstEnd <= KeyLimits.MaxKeyLength)
        {
            Span<byte> free = _buffer[start..];

            // ASCII without U+0000 (the usual id) narrows straight into place and needs no escape; anything
            // else takes the strict UTF-8 encoder and the escape pass.
            int encoded = value.Length;
            int partLength = encoded + TerminatorLength;
            if (!ShortAscii.TryNarrow(value, free, lowest: '\u0001'))
            {
                encoded = EncodeUtf8(value, free);
                partLength = encoded + TerminatorLength;

                // Valid UTF-8 never contains 0xFF, so only U+0000 (encoded as 0x00) needs an escape.
                int zeros = free[..encoded].Count((byte)0x00);
                if (zeros != 0)
                {
                    partLength += zeros;
                    EscapeZerosInPlace(free, encoded, zeros);
                }
            }

            FinishTerminatedPart(free[..partLength], descending);
            _length = start + partLength;
            return;
        }

        WriteLongString(value, descending, start);
    }

    /// <summary>
    /// <see cref="WriteString"/> when the worst case may not fit: the exact size is counted first, so the writer
    /// rents only what the string needs and a too-long key is refused before anything is appended.
    /// </summary>
    private void WriteLongString(string value, bool descending, int start)
    {
        // Each UTF-16 code unit becomes at least one UTF-8 byte: reject hopeless strings before
        // encoding them. value.Length is at most int.MaxValue / 2, so this cannot overflow.
        int minimumEnd = start + value.Length + TerminatorLength;
        if (minimumEnd > KeyLimits.MaxKeyLength)
        {
            ThrowKeyTooLong(minimumEnd);
        }

        int exact = GetUtf8ByteCount(value);
        EnsureCapacity(start + exact + TerminatorLength, bytesToKeep: start);
        int encodedLength = EncodeUtf8(value, _buffer[start..]);

        int zeroCount = _buffer.Slice(start, encodedLength).Count((byte)0x00);
        int partLength = encodedLength + zeroCount + TerminatorLength;
        EnsureCapacity(start + partLength, bytesToKeep: start + encodedLength);

        Span<byte> part = _buffer.Slice(start, partLength);
        if (zeroCount != 0)
        {
            EscapeZerosInPlace(part, encodedLength, zeroCount);
        }

        FinishTerminatedPart(part, descending);
        _length = start + partLength;
    }

    /// <summary>Appends a byte-array part: the bytes, escaped, then a terminator.</summary>
    /// <param name="value">The bytes; compared as unsigned bytes, a prefix sorting first.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteBytes(byte[] value, bool descending = false)
    {
        if (value is null)
        {
            ThrowNullPart("byte[]");
        }

        WriteBytes(new ReadOnlySpan<byte>(value), descending);
    }

    /// <summary>Appends a byte-array part: the bytes, escaped, then a terminator.</summary>
    /// <param name="value">The bytes; compared as unsigned bytes, a prefix sorting first.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteBytes(ReadOnlySpan<byte> value, bool descending = false)
    {
        ThrowIfDisposed();
        int start = _length;
        long minimumEnd = (long)start + value.Length + TerminatorLength;
        if (minimumEnd > KeyLimits.MaxKeyLength)
        {
            ThrowKeyTooLong(minimumEnd);
        }

        int escapeCount = value.Count((byte)0x00) + value.Count((byte)0xFF);
        int partLength = value.Length + escapeCount + TerminatorLength;
        EnsureCapacity(start + partLength, bytesToKeep: start);

        Span<byte> part = _buffer.Slice(start, partLength);
        CopyEscaped(value, part);
        FinishTerminatedPart(part, descending);
        _length = start + partLength;
    }

    /// <summary>Appends a Boolean part: one byte, 0 for false and 1 for true.</summary>
    /// <param name="value">The value; false sorts first.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteBoolean(bool value, bool descending = false)
        => WriteByte(value ? (byte)1 : (byte)0, descending);

    /// <summary>Appends an unsigned 8-bit part.</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteByte(byte value, bool descending = false)
        => Append(sizeof(byte))[0] = descending ? (byte)~value : value;

    /// <summary>Appends a signed 8-bit part (sign bit flipped).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteSByte(sbyte value, bool descending = false)
        => WriteByte((byte)((byte)value ^ 0x80), descending);

    /// <summary>Appends a signed 16-bit part (sign bit flipped, big-endian).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteInt16(short value, bool descending = false)
        => WriteUInt16((ushort)((ushort)value ^ 0x8000), descending);

    /// <summary>Appends an unsigned 16-bit part (big-endian).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteUInt16(ushort value, bool descending = false)
        => BinaryPrimitives.WriteUInt16BigEndian(Append(sizeof(ushort)), descending ? (ushort)~value : value);

    /// <summary>Appends a signed 32-bit part (sign bit flipped, big-endian).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteInt32(int value, bool descending = false)
        => WriteUInt32((uint)value ^ OrderPreservingBits.Int32SignBit, descending);

    /// <summary>Appends an unsigned 32-bit part (big-endian).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteUInt32(uint value, bool descending = false)
        => BinaryPrimitives.WriteUInt32BigEndian(Append(sizeof(uint)), descending ? ~value : value);

    /// <summary>Appends a signed 64-bit part (sign bit flipped, big-endian).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteInt64(long value, bool descending = false)
        => WriteUInt64((ulong)value ^ OrderPreservingBits.Int64SignBit, descending);

    /// <summary>Appends an unsigned 64-bit part (big-endian).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteUInt64(ulong value, bool descending = false)
        => BinaryPrimitives.WriteUInt64BigEndian(Append(sizeof(ulong)), descending ? ~value : value);

    /// <summary>
    /// Appends a 32-bit floating-point part. -0.0 is written as 0.0, and every NaN as one NaN
    /// that sorts after +Infinity.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteSingle(float value, bool descending = false)
        => WriteUInt32(OrderPreservingBits.EncodeSingle(value), descending);

    /// <summary>
    /// Appends a 64-bit floating-point part. -0.0 is written as 0.0, and every NaN as one NaN
    /// that sorts after +Infinity.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteDouble(double value, bool descending = false)
        => WriteUInt64(OrderPreservingBits.EncodeDouble(value), descending);

    /// <summary>
    /// Appends a <see cref="DateTime"/> part as its UTC ticks (signed 64-bit), so keys order by
    /// instant. <see cref="DateTimeKind.Local"/> values are converted to UTC exactly, or refused: a local time
    /// whose instant is outside <see cref="DateTime"/>'s range, or that a daylight-saving change skips, would
    /// otherwise become the key of another instant.
    /// </summary>
    /// <param name="value">A UTC or local time.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> has <see cref="DateTimeKind.Unspecified"/> (the instant it means is
    /// unknown), is a local time that does not convert to exactly one UTC instant, or the key would exceed
    /// <see cref="KeyLimits.MaxKeyLength"/>.
    /// </exception>
    public void WriteDateTime(DateTime value, bool descending = false)
    {
        long utcTicks = value.Kind switch
        {
            DateTimeKind.Utc => value.Ticks,
            DateTimeKind.Local => LocalTimeConversion.ToUtcTicks(value, TimeZoneInfo.Local, "A DateTime key part"),
            _ => throw new ArgumentException(
                $"A DateTime key part has DateTimeKind.Unspecified ({value:O}), so the instant it stands for is unknown. " +
                "Use DateTimeKind.Utc or DateTimeKind.Local, e.g. DateTime.SpecifyKind(value, DateTimeKind.Utc).",
                nameof(value)),
        };
        WriteInt64(utcTicks, descending);
    }

    /// <summary>
    /// Appends a <see cref="DateTimeOffset"/> part as its UTC ticks. The offset is not part of the
    /// key: the same instant at different offsets is the same key, read back with offset zero.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteDateTimeOffset(DateTimeOffset value, bool descending = false)
        => WriteInt64(value.UtcTicks, descending);

    /// <summary>Appends a <see cref="DateOnly"/> part as its <see cref="DateOnly.DayNumber"/> (signed 32-bit).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteDateOnly(DateOnly value, bool descending = false)
        => WriteInt32(value.DayNumber, descending);

    /// <summary>Appends a <see cref="TimeSpan"/> part as its ticks (signed 64-bit).</summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteTimeSpan(TimeSpan value, bool descending = false)
        => WriteInt64(value.Ticks, descending);

    /// <summary>
    /// Appends a <see cref="Guid"/> part as its 16 bytes in RFC 9562 (big-endian) order, so
    /// version-7 GUIDs sort by creation time.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="descending">Whether this part sorts in reverse.</param>
    /// <exception cref="ArgumentException">The key would exceed <see cref="KeyLimits.MaxKeyLength"/>.</exception>
    public void WriteGuid(Guid value, bool descending = false)
    {
        Span<byte> part = Append(16);
        value.TryWriteBytes(part, bigEndian: true, out _);
        if (descending)
        {
            OrderPreservingBits.Invert(part);
        }
    }

    /// <summary>Returns the rented array, if any. The writer cannot be used afterwards.</summary>
    public void Dispose()
    {
        byte[]? rented = _rented;
        _rented = null;
        _buffer = default;
        _length = 0;
        _disposed = true;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Empties the key, keeping the buffer (and any array rented for it), to encode the next key.</summary>
    internal void Reset()
    {
        ThrowIfDisposed();
        _length = 0;
    }

    /// <summary>Appends bytes that are already an encoded key prefix (whole parts), as they are: a query's prefix before its bound's parts.</summary>
    internal void WriteEncoded(ReadOnlySpan<byte> encodedParts) => encodedParts.CopyTo(Append(encodedParts.Length));

    /// <summary>Reserves <paramref name="size"/> bytes at the end of the key and returns them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Append(int size)
    {
        int start = _length;
        int end = start + size;
        if (end > _buffer.Length || end > KeyLimits.MaxKeyLength || _disposed)
        {
            EnsureCapacity(end, bytesToKeep: start);
        }

        _length = end;
        return _buffer.Slice(start, size);
    }

    /// <summary>
    /// Makes the buffer at least <paramref name="requiredLength"/> long, keeping its first
    /// <paramref name="bytesToKeep"/> bytes (the key plus any part being built in place).
    /// </summary>
    private void EnsureCapacity(int requiredLength, int bytesToKeep)
    {
        ThrowIfDisposed();
        if (requiredLength > KeyLimits.MaxKeyLength)
        {
            ThrowKeyTooLong(requiredLength);
        }

        if (requiredLength <= _buffer.Length)
        {
            return;
        }

        // Doubling keeps a key built from many parts at O(length) copying; requiredLength is at
        // most MaxKeyLength here, so neither term can overflow.
        int size = Math.Max(requiredLength, Math.Max(MinimumRentSize, _buffer.Length * 2));
        byte[] next = ArrayPool<byte>.Shared.Rent(Math.Min(size, KeyLimits.MaxKeyLength));
        _buffer[..bytesToKeep].CopyTo(next);
        byte[]? previous = _rented;
        _buffer = next;
        _rented = next;
        if (previous is not null)
        {
            ArrayPool<byte>.Shared.Return(previous);
        }
    }

    /// <summary>
    /// Spreads the encoded bytes in <paramref name="part"/>[..contentLength] to the right, turning
    /// each 0x00 into 0x00 0xFF. Works from the end so nothing is overwritten before it is moved.
    /// </summary>
    private static void EscapeZerosInPlace(Span<byte> part, int contentLength, int zeroCount)
    {
        int sourceEnd = contentLength;
        int destinationEnd = contentLength + zeroCount;
        while (zeroCount > 0)
        {
            int zero = part[..sourceEnd].LastIndexOf((byte)0x00);
            int tailLength = sourceEnd - zero - 1;
            part.Slice(zero + 1, tailLength).CopyTo(part.Slice(destinationEnd - tailLength, tailLength));
            destinationEnd -= tailLength + 2;
            part[destinationEnd] = 0x00;
            part[destinationEnd + 1] = 0xFF;
            sourceEnd = zero;
            zeroCount--;
        }
    }

    /// <summary>Copies <paramref name="source"/> into <paramref name="destination"/>, escaping 0x00 and 0xFF.</summary>
    private static void CopyEscaped(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int written = 0;
        while (true)
        {
            int special = source.IndexOfAny((byte)0x00, (byte)0xFF);
            if (special < 0)
            {
                source.CopyTo(destination[written..]);
                return;
            }

            source[..special].CopyTo(destination[written..]);
            written += special;
            byte value = source[special];
            destination[written] = value;
            destination[written + 1] = (byte)~value; // 0x00 → 00 FF, 0xFF → FF 00
            written += 2;
            source = source[(special + 1)..];
        }
    }

    /// <summary>Writes the terminator into the last two bytes, then inverts the part if descending.</summary>
    private static void FinishTerminatedPart(Span<byte> part, bool descending)
    {
        part[^2] = 0x00;
        part[^1] = 0x01;
        if (descending)
        {
            OrderPreservingBits.Invert(part);
        }
    }

    private static int GetUtf8ByteCount(string value)
    {
        try
        {
            return StrictUtf8.Encoding.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw InvalidUtf16(e);
        }
    }

    private static int EncodeUtf8(string value, Span<byte> destination)
    {
        try
        {
            return StrictUtf8.Encoding.GetBytes(value, destination);
        }
        catch (EncoderFallbackException e)
        {
            throw InvalidUtf16(e);
        }
    }

    private static ArgumentException InvalidUtf16(EncoderFallbackException e)
    {
        char surrogate = e.CharUnknown != '\0' ? e.CharUnknown : e.CharUnknownHigh;
        return new ArgumentException(
            $"A string key part holds an unpaired surrogate (U+{(int)surrogate:X4}), which has no UTF-8 form. " +
            "Keys must round-trip exactly, so it cannot be replaced; fix the string.",
            "value",
            e);
    }

    private readonly void ThrowIfDisposed()
    {
        if (_disposed)
        {
            ThrowDisposed();
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDisposed() => throw new ObjectDisposedException(nameof(KeyWriter));

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNullPart(string partType)
        => throw new ArgumentNullException("value", $"A {partType} key part is null; every key part needs a value.");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowKeyTooLong(long length)
        => throw new ArgumentException(
            $"The encoded key would be at least {length} bytes, over KeyLimits.MaxKeyLength ({KeyLimits.MaxKeyLength}). " +
            "Keep long strings and byte arrays in the row's value, not its key.",
            "value");
}
