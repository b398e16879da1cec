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

    /// <summary>
    /// The table's kind changed in a way that changes how its rows are read or kept: any change except between
    /// <see cref="TableKind.Shared"/> and <see cref="TableKind.System"/>, which store the same bytes.
    /// </summary>
    KindChanged = 6,

    /// <summary>
    /// <c>SoftDelete</c> was turned off while the table still holds rows marked deleted, which would read as live
    /// rows again. Purge them under the old declaration first.
    /// </summary>
    SoftDeleteTurnedOff = 7,

    /// <summary>
    /// The store does not hold a table the code declares (or the catalog's own tables), and the open may not add
    /// it: the store is opened read-only or with <c>CreateIfMissing = false</c>. Open it read-write once.
    /// </summary>
    TableMissing = 8,
}
