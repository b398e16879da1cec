using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.Pipelines;

namespace TypedStore.Export;

/// <summary>
/// Reads the stream header and frames of the native export format from a <see cref="PipeReader"/>, checking every
/// length and CRC-32 before a frame is handed out. Holds at most one frame: its payload is copied into a buffer that
/// is reused (and grows only for a frame larger than any before).
/// </summary>
internal sealed class ExportFrameReader(PipeReader input) : IDisposable
{
    private byte[] _payload = ArrayPool<byte>.Shared.Rent(ExportFormat.TargetRowsPayload + 64 * 1024);
    private int _payloadLength;
    private long _frames;

    /// <summary>The last frame's payload; valid until the next <see cref="ReadFrameAsync"/>.</summary>
    public ReadOnlySpan<byte> Payload => _payload.AsSpan(0, _payloadLength);

    /// <summary>Reads and checks the 16-byte stream header.</summary>
    public async ValueTask ReadStreamHeaderAsync(CancellationToken cancellationToken)
    {
        ReadOnlySequence<byte> buffer = await ReadAtLeastAsync(ExportFormat.StreamHeaderLength, "the stream header", cancellationToken).ConfigureAwait(false);
        byte[] header = buffer.Slice(0, ExportFormat.StreamHeaderLength).ToArray();
        input.AdvanceTo(buffer.GetPosition(ExportFormat.StreamHeaderLength));
        if (!header.AsSpan(0, 8).SequenceEqual(ExportFormat.Magic))
        {
            throw new ExportFormatException("The stream is not a TypedStore export: it does not start with 'TSEXPORT'. Nothing was imported.");
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12)) != Crc32.HashToUInt32(header.AsSpan(0, 12)))
        {
            throw new ExportFormatException("The export stream is damaged: its header's checksum does not match. Nothing was imported.");
        }

        ushort version = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        if (version != ExportFormat.Version)
        {
            throw new ExportFormatException($"The export has format version {version}; this build reads version {ExportFormat.Version}. Nothing was imported.");
        }
    }

    /// <summary>Reads the next frame; its payload is <see cref="Payload"/>.</summary>
    public async ValueTask<ExportFrameKind> ReadFrameAsync(CancellationToken cancellationToken)
    {
        long frame = ++_frames;
        ReadOnlySequence<byte> buffer = await ReadAtLeastAsync(ExportFormat.FrameHeaderLength, $"frame {frame}", cancellationToken).ConfigureAwait(false);
        int length = ReadFrameLength(buffer, frame);

        // Not consumed yet: the whole frame is read from the start of the buffer once it is all there.
        input.AdvanceTo(buffer.Start, buffer.End);
        int total = ExportFormat.FrameHeaderLength + length + ExportFormat.FrameTrailerLength;
        buffer = await ReadAtLeastAsync(total, $"frame {frame}", cancellationToken).ConfigureAwait(false);
        ExportFrameKind kind = TakeFrame(buffer.Slice(0, total), length, frame);
        input.AdvanceTo(buffer.GetPosition(total));
        return kind;
    }

    private static int ReadFrameLength(ReadOnlySequence<byte> buffer, long frame)
    {
        Span<byte> header = stackalloc byte[ExportFormat.FrameHeaderLength];
        buffer.Slice(0, ExportFormat.FrameHeaderLength).CopyTo(header);
        if (header[0] is < (byte)ExportFrameKind.TableStart or > (byte)ExportFrameKind.End || header[1] != 0 || header[2] != 0 || header[3] != 0)
        {
            throw new ExportFormatException($"The export stream is damaged: frame {frame} has an unknown kind ({header[0]}).");
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        if (length > ExportFormat.MaxPayload)
        {
            throw new ExportFormatException($"The export stream is damaged: frame {frame} claims {length} bytes.");
        }

        return (int)length;
    }

    // Copies the payload out of the pipe's buffer and checks the frame's CRC-32.
    private ExportFrameKind TakeFrame(ReadOnlySequence<byte> frameBytes, int length, long frame)
    {
        if (_payload.Length < length)
        {
            ArrayPool<byte>.Shared.Return(_payload);
            _payload = ArrayPool<byte>.Shared.Rent(length);
        }

        Span<byte> header = stackalloc byte[ExportFormat.FrameHeaderLength];
        Span<byte> trailer = stackalloc byte[ExportFormat.FrameTrailerLength];
        frameBytes.Slice(0, ExportFormat.FrameHeaderLength).CopyTo(header);
        frameBytes.Slice(ExportFormat.FrameHeaderLength, length).CopyTo(_payload);
        frameBytes.Slice(ExportFormat.FrameHeaderLength + length).CopyTo(trailer);
        _payloadLength = length;

        Crc32 crc = new();
        crc.Append(header);
        crc.Append(Payload);
        if (crc.GetCurrentHashAsUInt32() != BinaryPrimitives.ReadUInt32LittleEndian(trailer))
        {
            throw new ExportFormatException($"The export stream is damaged: frame {frame}'s checksum does not match.");
        }

        return (ExportFrameKind)header[0];
    }

    /// <summary>Throws unless the stream ends here (after the end frame).</summary>
    public async ValueTask RequireEndOfStreamAsync(CancellationToken cancellationToken)
    {
        ReadResult result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
        bool empty = result.Buffer.IsEmpty && result.IsCompleted;
        input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
        if (!empty)
        {
            throw new ExportFormatException("The export stream is damaged: bytes follow its end frame.");
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_payload);
        _payload = [];
    }

    private async ValueTask<ReadOnlySequence<byte>> ReadAtLeastAsync(int count, string what, CancellationToken cancellationToken)
    {
        ReadResult result = await input.ReadAtLeastAsync(count, cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The import's input was canceled.");
        }

        if (result.Buffer.Length < count)
        {
            input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
            throw new ExportFormatException($"The export stream is damaged: it ends inside {what} (truncated).");
        }

        return result.Buffer;
    }
}
