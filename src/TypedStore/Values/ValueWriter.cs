using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;
using TypedStore.Text;

namespace TypedStore.Values;

/// <summary>
/// Writes MessagePack into the caller's buffer (usually <c>stackalloc</c>), moving to an array rented from
/// <see cref="ArrayPool{T}.Shared"/> when a value outgrows it; <see cref="Dispose"/> returns that array.
/// Generated value formatters write every row through it.
/// </summary>
/// <remarks>
/// <para>
/// Every method writes exactly the bytes <c>MessagePack.MessagePackWriter</c> (MessagePack-CSharp 2.x) writes for
/// the same call: the most compact integer form, <c>str8</c> headers, lenient UTF-8 (an unpaired surrogate becomes
/// U+FFFD). Values stay plain MessagePack, read back with <c>MessagePackReader</c>; the tests compare the two
/// writers byte for byte.
/// </para>
/// <para>
/// Why not <c>MessagePackWriter</c> itself: it writes through an <see cref="IBufferWriter{T}"/> (interface calls,
/// a <see cref="Memory{T}"/> round trip, a commit step), which made the value the largest part of what the typed
/// layer adds to a Put (docs/value-format.md, "Writer"). This writer keeps the bytes on the stack and is a few
/// inlined stores per member.
/// </para>
/// <para>Do not copy a writer: copies would share the rented array.</para>
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public ref struct ValueWriter
{
    // MessagePack format codes (https://github.com/msgpack/msgpack/blob/master/spec.md).
    private const byte Nil = 0xc0;
    private const byte False = 0xc2;
    private const byte True = 0xc3;
    private const byte Bin8 = 0xc4;
    private const byte Bin16 = 0xc5;
    private const byte Bin32 = 0xc6;
    private const byte Float32 = 0xca;
    private const byte Float64 = 0xcb;
    private const byte UInt8 = 0xcc;
    private const byte UInt16 = 0xcd;
    private const byte UInt32 = 0xce;
    private const byte UInt64 = 0xcf;
    private const byte Int8 = 0xd0;
    private const byte Int16 = 0xd1;
    private const byte Int32 = 0xd2;
    private const byte Int64 = 0xd3;
    private const byte Str8 = 0xd9;
    private const byte Str16 = 0xda;
    private const byte Str32 = 0xdb;
    private const byte Array16 = 0xdc;
    private const byte Array32 = 0xdd;
    private const byte Map16 = 0xde;
    private const byte Map32 = 0xdf;
    private const byte MinFixMap = 0x80;
    private const byte MinFixArray = 0x90;
    private const byte MinFixStr = 0xa0;
    private const int MaxFixPositiveInt = 127;
    private const int MinFixNegativeInt = -32;
    private const int MaxFixStrLength = 31;
    private const int MaxFixCount = 15;
    private const int BinHeaderMaxLength = 5;

    /// <summary>Size of the first rented array; doubling from here keeps growing values at O(length) copying.</summary>
    private const int MinimumRentSize = 1024;

    /// <summary>
    /// Above this many UTF-16 code units a non-ASCII string's exact UTF-8 size is counted before encoding, rather than
    /// reserving the worst case (3 bytes per code unit), so one large string does not rent three times its size.
    /// </summary>
    private const int CountExactlyAbove = 16 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    /// <summary>Creates a writer that starts in <paramref name="initialBuffer"/>.</summary>
    /// <param name="initialBuffer">
    /// Where the value is built until it outgrows it; may be empty. The writer never reads what the buffer held before.
    /// </param>
    public ValueWriter(Span<byte> initialBuffer)
    {
        _buffer = initialBuffer;
    }

    /// <summary>Number of bytes written so far.</summary>
    public readonly int Length => _length;

    /// <summary>
    /// The bytes written so far. Valid until the next write (which may move the value to a larger buffer),
    /// <see cref="Reset"/> or <see cref="Dispose"/>.
    /// </summary>
    public readonly ReadOnlySpan<byte> WrittenSpan => _buffer[.._length];

    /// <summary>Forgets everything written, keeping the current buffer, so one writer can encode value after value.</summary>
    public void Reset() => _length = 0;

    /// <summary>Returns the rented array, if any. The writer is empty afterwards.</summary>
    public void Dispose()
    {
        byte[]? rented = _rented;
        _rented = null;
        _buffer = default;
        _length = 0;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Returns a span of at least <paramref name="sizeHint"/> bytes at the end of the value; commit what was used with <see cref="Advance"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sizeHint"/> is negative.</exception>
    public Span<byte> GetSpan(int sizeHint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeHint);
        EnsureFree(sizeHint);
        return _buffer[_length..];
    }

    /// <summary>Commits <paramref name="count"/> bytes written into the span from <see cref="GetSpan"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or beyond the buffer.</exception>
    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _length))
        {
            ThrowAdvancePastEnd(count);
        }

        _length += count;
    }

    /// <summary>Writes nil.</summary>
    public void WriteNil() => Reserve(1)[0] = Nil;

    /// <summary>Writes an array header for <paramref name="count"/> elements: fixarray, array16 or array32.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <remarks>Inlined: generated formatters pass their member count as a constant, which folds to one store.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteArrayHeader(int count)
    {
        if ((uint)count <= MaxFixCount)
        {
            Reserve(1)[0] = (byte)(MinFixArray | count);
            return;
        }

        WriteLongArrayHeader(count);
    }

    /// <summary>Writes a map header for <paramref name="count"/> entries: fixmap, map16 or map32.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void WriteMapHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteCollectionHeader((uint)count, MinFixMap, Map16, Map32);
    }

    /// <summary>Writes a bin header for <paramref name="length"/> bytes: bin8, bin16 or bin32.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative.</exception>
    public void WriteBinHeader(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        uint size = (uint)length;
        if (size <= byte.MaxValue)
        {
            Span<byte> span = Reserve(2);
            span[0] = Bin8;
            span[1] = (byte)size;
        }
        else if (size <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = Bin16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)size);
        }
        else
        {
            Span<byte> span = Reserve(5);
            span[0] = Bin32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], size);
        }
    }

    /// <summary>Writes a Boolean.</summary>
    public void Write(bool value) => Reserve(1)[0] = value ? True : False;

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(byte value) => WriteUnsigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(sbyte value) => WriteSigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(short value) => WriteSigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(ushort value) => WriteUnsigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(int value) => WriteSigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(uint value) => WriteUnsigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(long value) => WriteSigned(value);

    /// <summary>Writes an integer in its most compact form.</summary>
    public void Write(ulong value) => WriteUnsigned(value);

    /// <summary>Writes a character as its UTF-16 code unit (an unsigned integer).</summary>
    public void Write(char value) => WriteUnsigned(value);

    /// <summary>Writes a float32.</summary>
    public void Write(float value)
    {
        Span<byte> span = Reserve(5);
        span[0] = Float32;
        BinaryPrimitives.WriteSingleBigEndian(span[1..], value);
    }

    /// <summary>Writes a float64.</summary>
    public void Write(double value)
    {
        Span<byte> span = Reserve(9);
        span[0] = Float64;
        BinaryPrimitives.WriteDoubleBigEndian(span[1..], value);
    }

    /// <summary>Writes bytes as bin, or nil for <see langword="null"/>.</summary>
    public void Write(byte[]? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        Write(new ReadOnlySpan<byte>(value));
    }

    /// <summary>Writes bytes as bin.</summary>
    /// <exception cref="ValueTooLargeException">The value would exceed <see cref="ValueLimits.MaxValueLength"/>.</exception>
    public void Write(ReadOnlySpan<byte> value)
    {
        EnsureFree(BinHeaderMaxLength + value.Length); // header and bytes fit, or neither is written
        WriteBinHeader(value.Length);
        value.CopyTo(Reserve(value.Length));
    }

    /// <summary>Writes a string as UTF-8 str (fixstr, str8, str16 or str32), or nil for <see langword="null"/>.</summary>
    /// <exception cref="ValueTooLargeException">The value would exceed <see cref="ValueLimits.MaxValueLength"/>; nothing of the string is written.</exception>
    public void Write(string? value)
    {
        if (value is null)
        {
            WriteNil();
            return;
        }

        // ASCII, the common case: the byte count is the character count, so the header is known before encoding and
        // the characters are narrowed straight into place.
        int length = value.Length;
        int headerLength = StringHeaderLength(length);
        EnsureFree(headerLength + length);
        Span<byte> destination = _buffer.Slice(_length + headerLength, length);
        if (ShortAscii.TryNarrow(value, destination, lowest: '\0'))
        {
            WriteStringHeader(_buffer.Slice(_length, headerLength), length);
            _length += headerLength + length;
            return;
        }

        WriteUtf8String(value);
    }

    /// <summary>Writes an unsigned integer as positive fixint, uint8, uint16, uint32 or uint64, whichever is shortest.</summary>
    private void WriteUnsigned(ulong value)
    {
        if (value <= MaxFixPositiveInt)
        {
            Reserve(1)[0] = (byte)value;
        }
        else if (value <= byte.MaxValue)
        {
            Span<byte> span = Reserve(2);
            span[0] = UInt8;
            span[1] = (byte)value;
        }
        else if (value <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = UInt16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)value);
        }
        else if (value <= uint.MaxValue)
        {
            Span<byte> span = Reserve(5);
            span[0] = UInt32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)value);
        }
        else
        {
            Span<byte> span = Reserve(9);
            span[0] = UInt64;
            BinaryPrimitives.WriteUInt64BigEndian(span[1..], value);
        }
    }

    /// <summary>Writes a signed integer: as unsigned when not negative, else negative fixint, int8, int16, int32 or int64.</summary>
    private void WriteSigned(long value)
    {
        if (value >= 0)
        {
            WriteUnsigned((ulong)value);
        }
        else if (value >= MinFixNegativeInt)
        {
            Reserve(1)[0] = unchecked((byte)value);
        }
        else if (value >= sbyte.MinValue)
        {
            Span<byte> span = Reserve(2);
            span[0] = Int8;
            span[1] = unchecked((byte)value);
        }
        else if (value >= short.MinValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = Int16;
            BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
        }
        else if (value >= int.MinValue)
        {
            Span<byte> span = Reserve(5);
            span[0] = Int32;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
        }
        else
        {
            Span<byte> span = Reserve(9);
            span[0] = Int64;
            BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
        }
    }

    private void WriteLongArrayHeader(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteCollectionHeader((uint)count, MinFixArray, Array16, Array32);
    }

    private void WriteCollectionHeader(uint count, byte fixCode, byte code16, byte code32)
    {
        if (count <= MaxFixCount)
        {
            Reserve(1)[0] = (byte)(fixCode | count);
        }
        else if (count <= ushort.MaxValue)
        {
            Span<byte> span = Reserve(3);
            span[0] = code16;
            BinaryPrimitives.WriteUInt16BigEndian(span[1..], (ushort)count);
        }
        else
        {
            Span<byte> span = Reserve(5);
            span[0] = code32;
            BinaryPrimitives.WriteUInt32BigEndian(span[1..], count);
        }
    }

    /// <summary>
    /// A string with non-ASCII characters: encoded after a header sized for its worst case (or its exact size, when
    /// long), then moved left when the actual size needs a shorter header.
    /// </summary>
    private void WriteUtf8String(string value)
    {
        if (value.Length > ValueLimits.MaxValueLength / 3)
        {
            // Its UTF-8 may not fit an int (Encoding would throw "Conversion buffer overflow"): count in a long first.
            RequireStringFits(value);
        }

        int reserved = value.Length > CountExactlyAbove ? Utf8.GetByteCount(value) : Utf8.GetMaxByteCount(value.Length);
        int reservedHeaderLength = StringHeaderLength(reserved);
        EnsureFree(reservedHeaderLength + reserved);
        int start = _length;
        int byteCount = Utf8.GetBytes(value, _buffer[(start + reservedHeaderLength)..]);
        int headerLength = StringHeaderLength(byteCount);
        if (headerLength != reservedHeaderLength)
        {
            _buffer.Slice(start + reservedHeaderLength, byteCount).CopyTo(_buffer[(start + headerLength)..]);
        }

        WriteStringHeader(_buffer.Slice(start, headerLength), byteCount);
        _length = start + headerLength + byteCount;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private readonly void RequireStringFits(string value)
    {
        const int Chunk = 1 << 20;
        long byteCount = 0;
        ReadOnlySpan<char> rest = value;
        while (!rest.IsEmpty)
        {
            int take = Math.Min(rest.Length, Chunk);
            if (take < rest.Length && char.IsHighSurrogate(rest[take - 1]))
            {
                take--; // keep a surrogate pair in one chunk, or it would count as two replacement characters
            }

            byteCount += Utf8.GetByteCount(rest[..take]);
            rest = rest[take..];
        }

        long required = _length + StringHeaderLength((int)Math.Min(byteCount, int.MaxValue)) + byteCount;
        if (required > ValueLimits.MaxValueLength)
        {
            throw new ValueTooLargeException(
                $"A string of {value.Length:N0} characters encodes to {byteCount:N0} UTF-8 bytes, so the value would be at least " +
                $"{required:N0} bytes; a stored value is at most {ValueLimits.MaxValueLength:N0} bytes (ValueLimits.MaxValueLength).",
                required);
        }
    }

    private static int StringHeaderLength(int byteCount) => byteCount switch
    {
        <= MaxFixStrLength => 1,
        <= byte.MaxValue => 2,
        <= ushort.MaxValue => 3,
        _ => 5,
    };

    private static void WriteStringHeader(Span<byte> header, int byteCount)
    {
        switch (header.Length)
        {
            case 1:
                header[0] = (byte)(MinFixStr | byteCount);
                break;
            case 2:
                header[0] = Str8;
                header[1] = (byte)byteCount;
                break;
            case 3:
                header[0] = Str16;
                BinaryPrimitives.WriteUInt16BigEndian(header[1..], (ushort)byteCount);
                break;
            default:
                header[0] = Str32;
                BinaryPrimitives.WriteUInt32BigEndian(header[1..], (uint)byteCount);
                break;
        }
    }

    /// <summary>Reserves <paramref name="size"/> bytes at the end of the value, commits them and returns them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Span<byte> Reserve(int size)
    {
        int start = _length;
        if ((uint)size > (uint)(_buffer.Length - start))
        {
            Grow(size);
        }

        _length = start + size;
        return _buffer.Slice(start, size);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureFree(int size)
    {
        if ((uint)size > (uint)(_buffer.Length - _length))
        {
            Grow(size);
        }
    }

    /// <summary>Moves the value to a rented array with room for <paramref name="size"/> more bytes.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size)
    {
        long required = (long)_length + size;
        if (required > ValueLimits.MaxValueLength)
        {
            throw new ValueTooLargeException(
                $"The value would be at least {required:N0} bytes; a stored value is at most {ValueLimits.MaxValueLength:N0} bytes (ValueLimits.MaxValueLength).",
                required);
        }

        int newSize = (int)Math.Min(Math.Max(required, Math.Max(MinimumRentSize, (long)_buffer.Length * 2)), ValueLimits.MaxValueLength);
        byte[] next = ArrayPool<byte>.Shared.Rent(newSize);
        _buffer[.._length].CopyTo(next);
        byte[]? previous = _rented;
        _buffer = next;
        _rented = next;
        if (previous is not null)
        {
            ArrayPool<byte>.Shared.Return(previous);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowAdvancePastEnd(int count)
        => throw new ArgumentOutOfRangeException(nameof(count), count, "Cannot advance past the end of the span from GetSpan.");
}
