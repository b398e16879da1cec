using TypedStore.Catalog;
using TypedStore.Features.Indexes;

namespace TypedStore.Tables;

/// <content>
/// Store-wide state of the Indexes feature: the tables with indexes (registered as they are built, for the open's build
/// and drop) and the column families of indexes.
/// </content>
public sealed partial class StoreRuntime
{
    private readonly List<IIndexedTable> _indexedTables = [];

    /// <summary>Adds a table with indexes; called while the store's tables are built.</summary>
    internal void RegisterIndexedTable(IIndexedTable table)
    {
        lock (_indexedTables)
        {
            _indexedTables.Add(table);
        }
    }

    // Between building the tables and recording the catalog: builds added indexes, drops removed ones.
    private void ApplyIndexDeclarations(IReadOnlyList<TableDescriptor> tables)
    {
        IIndexedTable[] indexed;
        lock (_indexedTables)
        {
            indexed = [.. _indexedTables];
        }

        IndexLifecycle.Apply(this, tables, indexed);
    }

    // The index records' column family and one per index, only in stores that declare an index.
    private static void AddIndexColumnFamilies(List<string> names, IReadOnlyList<TableDescriptor> tables)
    {
        bool any = false;
        foreach (TableDescriptor table in tables)
        {
            foreach (IndexDescriptor index in table.Indexes)
            {
                any = true;
                names.Add(IndexDescriptor.ColumnFamilyName(table.Name, index.Name));
            }
        }

        if (any)
        {
            names.Add(IndexCatalogStore.ColumnFamily);
        }
    }
}
