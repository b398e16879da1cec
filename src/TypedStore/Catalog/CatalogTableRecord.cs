namespace TypedStore.Catalog;

/// <summary>A row of <c>__tables</c>: one table the store has held, its current schema version and its options.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="Kind">The table's kind, as last declared.</param>
/// <param name="SchemaVersion">The latest schema version recorded in <c>__schemas</c> (1 and up).</param>
/// <param name="Created">When the table was first recorded.</param>
/// <param name="Updated">When this record last changed.</param>
/// <param name="Options">
/// The table's options as last declared; <see langword="null"/> when not recorded yet (a row written by catalog
/// format 1, or a table not declared since), in which case the next read-write open that declares it records them.
/// </param>
[Table("__tables", Kind = TableKind.System)]
internal sealed record CatalogTableRecord(
    [property: Key] string Name,
    TableKind Kind,
    int SchemaVersion,
    DateTimeOffset Created,
    DateTimeOffset Updated,
    CatalogTableOptions? Options);
