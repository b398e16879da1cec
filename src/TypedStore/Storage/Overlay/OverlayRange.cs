namespace TypedStore.Storage.Overlay;

/// <summary>One pending range delete: every key in [<see cref="Start"/>, <see cref="End"/>).</summary>
internal readonly record struct OverlayRange(byte[] Start, byte[] End)
{
    /// <summary>Whether <paramref name="key"/> is in the range.</summary>
    public bool Covers(ReadOnlySpan<byte> key) => key.SequenceCompareTo(Start) >= 0 && key.SequenceCompareTo(End) < 0;
}
