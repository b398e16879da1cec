namespace TypedStore.Catalog;

/// <summary>
/// One built index of a table (docs/indexes.md, "Build and drop"): written once the index's entries are all written,
/// so a store whose record is present holds the whole index. An index declared with another member list or uniqueness
/// than recorded is built again; a recorded index no longer declared on its table is dropped.
/// </summary>
/// <param name="Table">The table.</param>
/// <param name="Name">The index.</param>
/// <param name="Unique">Whether it was built unique.</param>
/// <param name="Members">Its members, in index order.</param>
/// <param name="Built">When its build finished.</param>
[Table("__indexes", Kind = TableKind.System)]
internal sealed record CatalogIndexRecord(
    [property: Key] string Table,
    [property: Key] string Name,
    bool Unique,
    List<string>? Members,
    DateTimeOffset Built);
