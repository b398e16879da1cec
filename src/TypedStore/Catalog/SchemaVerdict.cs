namespace TypedStore.Catalog;

/// <summary>What opening a store does about one table's schema.</summary>
internal enum SchemaVerdict
{
    /// <summary>The declared schema is the recorded one: nothing to write.</summary>
    Identical,

    /// <summary>The declared schema appends members to the recorded one: record it as the next version.</summary>
    Appended,

    /// <summary>The declared schema cannot read the stored rows: the open fails.</summary>
    Incompatible,
}
