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

    /// <summary>
    /// The largest encoded row key of a <c>SoftDelete</c> table, in bytes: <see cref="MaxKeyLength"/> less one.
    /// A row's deletion marker is stored under the row key followed by one suffix byte, and that key too must fit
    /// <see cref="MaxKeyLength"/>, so that every row that can be written can also be read, deleted, restored and
    /// purged. Every operation of such a table refuses a longer key with an <see cref="ArgumentException"/> naming
    /// the table, before anything is written.
    /// </summary>
    public const int MaxSoftDeleteKeyLength = MaxKeyLength - 1;
}
