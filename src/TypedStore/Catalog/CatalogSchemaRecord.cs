namespace TypedStore.Catalog;

/// <summary>A row of <c>__schemas</c>: one version of one table's schema. Versions are kept, never rewritten.</summary>
/// <param name="Table">The table's name.</param>
/// <param name="Version">The schema version, from 1.</param>
/// <param name="KeyParts">The key parts, in key order.</param>
/// <param name="Members">The stored non-key members, in value order.</param>
/// <param name="Recorded">When this version was recorded.</param>
/// <param name="ObjectTypes">The records, classes and structs nested in the members, each with its members in order.</param>
[Table("__schemas", Kind = TableKind.System)]
internal sealed record CatalogSchemaRecord(
    [property: Key] string Table,
    [property: Key] int Version,
    IReadOnlyList<CatalogKeyPart> KeyParts,
    IReadOnlyList<CatalogMember> Members,
    DateTimeOffset Recorded,
    IReadOnlyList<CatalogObjectType> ObjectTypes);
