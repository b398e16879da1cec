namespace TypedStore.Storage.Overlay;

/// <summary>One pending write of a key: its value, or <see langword="null"/> for a delete.</summary>
internal readonly record struct OverlayEntry(byte[] Key, byte[]? Value);
