using System.Buffers.Binary;
using System.Text;

namespace TypedStore.Export;

/// <summary>
/// Reads a frame's payload written by <see cref="ExportPayloadWriter"/>. Every read checks the bytes are there: a
/// payload whose checksum matched but whose contents do not parse (a writer bug, a crafted stream) is refused with
/// <see cref="ExportFormatException"/>, never read past its end.
/// </summary>
internal ref struct ExportPayloadReader
{
    private readonly ReadOnlySpan<byte> _payload;
    private readonly string _frame;
    private int _position;

    public ExportPayloadReader(ReadOnlySpan<byte> payload, string frame)
    {
        _payload = payload;
        _frame = frame;
    }

    public readonly bool IsAtEnd => _position == _payload.Length;

    public byte ReadByte() => Take(1)[0];

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> ReadBytes() => Take(checked((int)Math.Min(ReadUInt32(), int.MaxValue)));

    public string ReadString()
    {
        ReadOnlySpan<byte> bytes = ReadBytes();
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ExportFormatException($"The export stream is damaged: a string in a {_frame} frame is not valid UTF-8.", ex);
        }
    }

    /// <summary>Throws unless the whole payload was read.</summary>
    public readonly void RequireEnd()
    {
        if (!IsAtEnd)
        {
            throw new ExportFormatException($"The export stream is damaged: a {_frame} frame has {_payload.Length - _position} bytes after its contents.");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        if (length > _payload.Length - _position)
        {
            throw new ExportFormatException($"The export stream is damaged: a {_frame} frame ends inside its contents.");
        }

        ReadOnlySpan<byte> span = _payload.Slice(_position, length);
        _position += length;
        return span;
    }
}
