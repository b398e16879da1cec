namespace TypedStore.Catalog;

/// <summary>
/// A row of <c>__sequences</c>: the id sequence of a table with a generated key part. <paramref name="Reserved"/>
/// is the end of the block of ids reserved so far; it is written (synced) before any id of the block is handed
/// out, so after a crash or a reopen the sequence resumes above every id it ever handed out.
/// </summary>
/// <param name="Table">The table's name.</param>
/// <param name="Reserved">The highest id reserved (inclusive); 0 before the first block.</param>
[Table("__sequences", Kind = TableKind.System)]
internal sealed record CatalogSequenceRecord([property: Key] string Table, long Reserved);
