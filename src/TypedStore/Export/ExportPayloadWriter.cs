using System.Buffers.Binary;
using System.Text;

namespace TypedStore.Export;

/// <summary>
/// Builds one frame's payload in a reused buffer: little-endian integers and length-prefixed UTF-8 strings and byte
/// runs (docs/export-format.md, "Payloads"). One instance per export; <see cref="Reset"/> starts the next payload.
/// The buffer grows only for a row larger than any before, so an export holds about one frame.
/// </summary>
internal sealed class ExportPayloadWriter
{
    private byte[] _buffer = new byte[ExportFormat.TargetRowsPayload + 64 * 1024];
    private int _length;

    /// <summary>The payload written since the last <see cref="Reset"/>.</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

    /// <summary>Its length in bytes.</summary>
    public int Length => _length;

    /// <summary>Starts a new payload; the buffer is kept.</summary>
    public void Reset() => _length = 0;

    public void WriteByte(byte value) => Take(1)[0] = value;

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Take(2), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Take(8), value);

    /// <summary>Overwrites four bytes already written at <paramref name="offset"/> (a count known only at the end).</summary>
    public void PatchUInt32(int offset, uint value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, _length - 4);
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(offset, 4), value);
    }

    /// <summary>A uint32 length, then the bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        value.CopyTo(Take(value.Length));
    }

    /// <summary>A uint32 length, then the string's UTF-8 bytes.</summary>
    public void WriteString(string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteUInt32((uint)length);
        Encoding.UTF8.GetBytes(value, Take(length));
    }

    private Span<byte> Take(int count)
    {
        if (_buffer.Length - _length < count)
        {
            long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + count);
            Array.Resize(ref _buffer, (int)Math.Min(wanted, Array.MaxLength));
        }

        Span<byte> span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
