using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// One table as the catalog records it, with everything needed to read its rows without the code that declared it:
/// its record (kind, options), its current schema, its built indexes and its id sequence.
/// </summary>
/// <param name="Record">The table's <c>__tables</c> row.</param>
/// <param name="Schema">Its schema at <see cref="CatalogTableRecord.SchemaVersion"/>.</param>
/// <param name="Indexes">Its built indexes (<c>__indexes</c>), by name.</param>
/// <param name="SequenceReserved">The highest id its generated-id sequence reserved; 0 when it has none.</param>
internal sealed record StoredTable(CatalogTableRecord Record, TableSchema Schema, IReadOnlyList<CatalogIndexRecord> Indexes, long SequenceReserved)
{
    /// <summary>The table's name, which is also its column family's.</summary>
    public string Name => Record.Name;

    /// <summary>The kind and options in one line, as error messages and exports show them.</summary>
    public string OptionsText => CatalogTableOptions.Describe(Record.Kind, Record.Options);

    /// <summary>The column family of index <paramref name="index"/>.</summary>
    public static string IndexColumnFamily(CatalogIndexRecord index) => IndexDescriptor.ColumnFamilyName(index.Table, index.Name);

    /// <summary>The index in one line: <c>ByEmail unique (Email)</c>.</summary>
    public static string Describe(CatalogIndexRecord index)
        => $"{index.Name}{(index.Unique ? " unique" : string.Empty)} ({string.Join(", ", index.Members ?? [])})";
}
