using System.Buffers.Binary;
using System.IO.Hashing;
using System.IO.Pipelines;

namespace TypedStore.Export;

/// <summary>
/// Writes the stream header and frames of the native export format to a <see cref="PipeWriter"/>, flushing after
/// each frame so the reader's pace bounds what is buffered (the pipe's pause threshold applies back-pressure).
/// </summary>
internal sealed class ExportFrameWriter(PipeWriter output)
{
    /// <summary>Writes the 16-byte stream header.</summary>
    public ValueTask<FlushResult> WriteStreamHeaderAsync(CancellationToken cancellationToken)
    {
        Span<byte> header = output.GetSpan(ExportFormat.StreamHeaderLength)[..ExportFormat.StreamHeaderLength];
        ExportFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[8..], ExportFormat.Version);
        header[10] = 0;
        header[11] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Crc32.HashToUInt32(header[..12]));
        output.Advance(ExportFormat.StreamHeaderLength);
        return output.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one frame: header, <paramref name="payload"/>, CRC-32 of both; then flushes.</summary>
    public async ValueTask WriteFrameAsync(ExportFrameKind kind, ExportPayloadWriter payload, CancellationToken cancellationToken)
    {
        WriteFrame(kind, payload.Written);
        FlushResult result = await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCanceled)
        {
            throw new OperationCanceledException("The export's output was canceled.");
        }

        if (result.IsCompleted)
        {
            throw new IOException("The export's reader stopped reading before the export was complete.");
        }
    }

    private void WriteFrame(ExportFrameKind kind, ReadOnlySpan<byte> payload)
    {
        int total = ExportFormat.FrameHeaderLength + payload.Length + ExportFormat.FrameTrailerLength;
        Span<byte> frame = output.GetSpan(total)[..total];
        frame[0] = (byte)kind;
        frame[1] = 0;
        frame[2] = 0;
        frame[3] = 0;
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], (uint)payload.Length);
        payload.CopyTo(frame[ExportFormat.FrameHeaderLength..]);
        int covered = ExportFormat.FrameHeaderLength + payload.Length;
        BinaryPrimitives.WriteUInt32LittleEndian(frame[covered..], Crc32.HashToUInt32(frame[..covered]));
        output.Advance(total);
    }
}
