namespace TypedStore.Export;

/// <summary>
/// The constants of the native export format (docs/export-format.md): a 16-byte stream header, then frames, each
/// <c>kind (1) | 3 zero bytes | payload length (uint32 LE) | payload | CRC-32 of everything before it (uint32 LE)</c>.
/// </summary>
internal static class ExportFormat
{
    /// <summary>The first eight bytes of every export: <c>TSEXPORT</c> in ASCII.</summary>
    public static ReadOnlySpan<byte> Magic => "TSEXPORT"u8;

    /// <summary>The only version this build writes and reads.</summary>
    public const ushort Version = 1;

    /// <summary>Magic (8), version (2), two zero bytes, CRC-32 of the first 12 bytes (4).</summary>
    public const int StreamHeaderLength = 16;

    /// <summary>Kind (1), three zero bytes, payload length (4).</summary>
    public const int FrameHeaderLength = 8;

    /// <summary>The CRC-32 after each frame's payload.</summary>
    public const int FrameTrailerLength = 4;

    /// <summary>
    /// A rows frame is closed once its payload reaches this size; a single row larger than it gets a frame of its own.
    /// Bounds what either side holds at once (the writer's frame buffer, the reader's pending frame).
    /// </summary>
    public const int TargetRowsPayload = 256 * 1024;

    /// <summary>
    /// The largest payload a reader accepts: one row at the engine's limits (key up to 8 KiB, value up to
    /// <c>Array.MaxLength</c>) with its framing fits; anything larger is damage, refused before any allocation.
    /// </summary>
    public const int MaxPayload = int.MaxValue - 64 * 1024;

    /// <summary>Rows are written to the target in engine batches of about this many bytes (import is atomic per batch).</summary>
    public const int ImportBatchBytes = 1024 * 1024;
}
