using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// The options of a table that change how its stored rows are read or kept, besides its kind and schema, as
/// <c>__tables</c> records them (catalog format 2; docs/schema-evolution.md, "Table options").
/// </summary>
/// <param name="SoftDelete">Whether deletes leave deletion markers beside the rows.</param>
/// <param name="ChangeFeed">Whether changes are recorded in the change log.</param>
/// <param name="TtlSeconds">A Stream table's row lifetime (0: forever); recorded as declared for every kind.</param>
/// <param name="GeneratedKeyPart">The key part the store assigns (<c>[Key(Generated = true)]</c>), or <see langword="null"/>.</param>
internal sealed record CatalogTableOptions(bool SoftDelete, bool ChangeFeed, int TtlSeconds, string? GeneratedKeyPart)
{
    /// <summary>The options <paramref name="table"/> declares; its generated key part comes from <paramref name="schema"/>.</summary>
    public static CatalogTableOptions Of(TableDescriptor table, TableSchema schema)
    {
        string? generated = null;
        foreach (SchemaKeyPart part in schema.KeyParts)
        {
            if (part.Generated)
            {
                generated = part.Name;
                break;
            }
        }

        return new CatalogTableOptions(table.SoftDelete, table.ChangeFeed, table.TtlSeconds, generated);
    }

    /// <summary>The options in one line, with the kind: <c>Kind = Stream, SoftDelete = false, ChangeFeed = false, TtlSeconds = 60, Generated = Seq</c>.</summary>
    public static string Describe(TableKind kind, CatalogTableOptions? options)
        => options is null
            ? $"Kind = {kind} (other options not recorded: the catalog was written by an older build)"
            : $"Kind = {kind}, SoftDelete = {Flag(options.SoftDelete)}, ChangeFeed = {Flag(options.ChangeFeed)}, TtlSeconds = {options.TtlSeconds}, Generated = {options.GeneratedKeyPart ?? "none"}";

    private static string Flag(bool value) => value ? "true" : "false";
}
