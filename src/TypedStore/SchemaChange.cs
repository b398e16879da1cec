namespace TypedStore;

/// <summary>How a table's declared schema differs from the one recorded in the store, when opening must fail (docs/schema-evolution.md).</summary>
public enum SchemaChange
{
    /// <summary>A stored member is no longer declared (including members a newer version appended, when an older build opens the store).</summary>
    MemberRemoved = 1,

    /// <summary>A stored member is declared under another name at the same position.</summary>
    MemberRenamed = 2,

    /// <summary>A stored member is declared at another position.</summary>
    MemberReordered = 3,

    /// <summary>A stored member is declared with another type.</summary>
    MemberRetyped = 4,

    /// <summary>The key changed: a part added, removed, renamed, reordered, retyped, or its sort direction flipped.</summary>
    KeyChanged = 5,
}
