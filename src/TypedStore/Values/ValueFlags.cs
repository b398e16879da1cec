namespace TypedStore.Values;

/// <summary>The flag bits of a stored value's header (byte 1).</summary>
[Flags]
public enum ValueFlags : byte
{
    /// <summary>A live row.</summary>
    None = 0,

    /// <summary>The row is soft-deleted: reads skip it until it is restored.</summary>
    Deleted = 1,

    /// <summary>Every bit this format version defines; any other bit set means the value is corrupt.</summary>
    All = Deleted,
}
