using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>Reads every table a store's catalog records (<see cref="StoredTable"/>), in name order.</summary>
internal static class StoredTables
{
    /// <summary>
    /// The tables of the store <paramref name="runtime"/> opened, whatever tables it was opened with (the tool opens a
    /// store with none): the catalog is read and validated whole.
    /// </summary>
    /// <exception cref="CorruptDataException">The catalog cannot be read.</exception>
    public static IReadOnlyList<StoredTable> Read(StoreRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        CatalogContents contents = StoreCatalog.Read(runtime);
        CatalogStore catalog = CatalogStore.Attach(runtime);
        Dictionary<string, List<CatalogIndexRecord>> indexes = ReadIndexes(runtime);

        List<StoredTable> tables = new(contents.Tables.Count);
        foreach (CatalogTableRecord record in contents.Tables.Values)
        {
            TableSchema schema = contents.Schemas[(record.Name, record.SchemaVersion)];
            long reserved = catalog.Sequences.Get(record.Name)?.Reserved ?? 0;
            List<CatalogIndexRecord> own = indexes.TryGetValue(record.Name, out List<CatalogIndexRecord>? found) ? found : [];
            own.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
            tables.Add(new StoredTable(record, schema, own, reserved));
        }

        tables.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return tables;
    }

    /// <summary>Whether the store holds a catalog at all (a format record): an empty or foreign directory has none.</summary>
    public static bool HasCatalog(StoreRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return CatalogStore.Attach(runtime).Store.Get(CatalogFormat.RecordName) is not null;
    }

    private static Dictionary<string, List<CatalogIndexRecord>> ReadIndexes(StoreRuntime runtime)
    {
        Dictionary<string, List<CatalogIndexRecord>> byTable = new(StringComparer.Ordinal);

        // Stores that never had an index have no __indexes column family at all.
        if (!runtime.Engine.TryGetStoredColumnFamily(IndexCatalogStore.ColumnFamily, out _))
        {
            return byTable;
        }

        try
        {
            foreach (CatalogIndexRecord record in IndexCatalogStore.Attach(runtime).Indexes.ScanAll())
            {
                if (!byTable.TryGetValue(record.Table, out List<CatalogIndexRecord>? list))
                {
                    list = [];
                    byTable.Add(record.Table, list);
                }

                list.Add(record);
            }
        }
        catch (CorruptDataException ex)
        {
            throw new CorruptDataException($"The store's catalog is corrupt: an index record cannot be read ({ex.Message}).", ex)
            {
                Table = IndexCatalogStore.ColumnFamily,
                Key = ex.Key,
            };
        }

        return byTable;
    }
}
