namespace TypedStore.Storage.Overlay;

/// <summary>What a snapshot holds for a key a transaction read, when the read saw it whole: absent, or this value.</summary>
/// <param name="IsKnown">Whether the read saw it (an iterator's stop or an existence test that found the key did not).</param>
/// <param name="Value">The value; <see langword="null"/> when the key is absent (or not known).</param>
internal readonly record struct SnapshotValue(bool IsKnown, byte[]? Value)
{
    /// <summary>The key is absent at the snapshot.</summary>
    public static SnapshotValue Absent => new(true, null);

    /// <summary>The key holds <paramref name="value"/> at the snapshot (copied).</summary>
    public static SnapshotValue Of(ReadOnlySpan<byte> value) => new(true, value.ToArray());
}
