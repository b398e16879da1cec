namespace TypedStore.Keys;

/// <summary>Limits that every encoded key obeys, whatever engine stores it.</summary>
public static class KeyLimits
{
    /// <summary>
    /// The largest encoded key, in bytes (8 KiB). <see cref="KeyWriter"/> throws
    /// <see cref="ArgumentException"/> before appending a part that would exceed it.
    /// </summary>
    /// <remarks>
    /// Keys are repeated in memtables, index blocks and every iterator bound, so a runaway key
    /// (a whole document used as an id) costs memory and cache everywhere. 8 KiB is far above any
    /// sensible composite key and still small enough to build on a pooled buffer.
    /// </remarks>
    public const int MaxKeyLength = 8192;
}
