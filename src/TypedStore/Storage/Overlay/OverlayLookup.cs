namespace TypedStore.Storage.Overlay;

/// <summary>What an overlay knows about one key.</summary>
internal enum OverlayLookup
{
    /// <summary>Nothing: read the snapshot.</summary>
    NotWritten,

    /// <summary>A pending put (the value) or delete (no value).</summary>
    Written,

    /// <summary>Covered by a pending range delete and not written since: absent.</summary>
    RangeDeleted,
}
