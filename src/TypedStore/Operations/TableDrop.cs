using TypedStore.Catalog;
using TypedStore.Features.ChangeFeed;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Operations;

/// <summary>
/// <c>DropTable(name)</c> (docs/operations.md, "Dropping tables"): removes a table the store's code no longer declares,
/// with everything the store keeps for it: its column family, its indexes (column families and <c>__indexes</c> records),
/// its changes in the change log, and last its catalog rows. The data goes first, the catalog last: a crash in between
/// leaves the table still reported as removed, and dropping it again finishes the job.
/// </summary>
internal static class TableDrop
{
    public static void Drop(StoreRuntime runtime, IReadOnlyList<TableDescriptor> declared, string storeName, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        foreach (TableDescriptor table in declared)
        {
            if (string.Equals(table.Name, name, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"DropTable refuses table '{name}': the store '{storeName}' still declares it. Remove it from the code (and open the store without it) before dropping it; nothing was changed.");
            }
        }

        StoreCatalog catalog = runtime.Catalog;
        if (!catalog.IsRemovedTable(name))
        {
            IReadOnlyList<string> removed = catalog.RemovedTables;
            string held = removed.Count == 0 ? "it has none" : "they are: " + string.Join(", ", removed);
            throw new ArgumentException(
                $"The store '{storeName}' has no removed table '{name}' to drop (DropTable drops tables the code no longer declares; {held}).",
                nameof(name));
        }

        StorageEngine engine = runtime.Engine;
        if (engine.IsReadOnly)
        {
            throw new InvalidOperationException($"DropTable('{name}') needs a store opened read-write; the store '{storeName}' is read-only.");
        }

        DropIndexes(runtime, engine, name);
        DropChanges(engine, name);
        if (engine.TryGetStoredColumnFamily(name, out StorageColumnFamily? columnFamily))
        {
            engine.DropColumnFamily(columnFamily);
        }

        catalog.ForgetTable(name);
    }

    private static void DropIndexes(StoreRuntime runtime, StorageEngine engine, string table)
    {
        if (!engine.TryGetStoredColumnFamily(IndexCatalogStore.ColumnFamily, out _))
        {
            return;
        }

        IndexCatalogStore indexes = IndexCatalogStore.Attach(runtime);
        List<CatalogIndexRecord> records = [];
        foreach (CatalogIndexRecord record in indexes.Indexes.ScanAll())
        {
            if (string.Equals(record.Table, table, StringComparison.Ordinal))
            {
                records.Add(record);
            }
        }

        foreach (CatalogIndexRecord record in records)
        {
            if (engine.TryGetStoredColumnFamily(IndexDescriptor.ColumnFamilyName(record.Table, record.Name), out StorageColumnFamily? columnFamily))
            {
                engine.DropColumnFamily(columnFamily);
            }

            indexes.Indexes.Delete(record.Table, record.Name);
        }
    }

    // The table's range of the change log and of its per-user index, when the store has a change log at all.
    private static void DropChanges(StorageEngine engine, string table)
    {
        if (!engine.TryGetStoredColumnFamily(ChangeFeedLog.LogColumnFamily, out StorageColumnFamily? log)
            || !engine.TryGetStoredColumnFamily(ChangeFeedLog.UserIndexColumnFamily, out StorageColumnFamily? userIndex))
        {
            return;
        }

        KeyBounds bounds = KeyBounds.ForPrefix(ChangeFeedTable.EncodeName(table));
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        batch.DeleteRange(log, bounds.Lower, bounds.Upper);
        batch.DeleteRange(userIndex, bounds.Lower, bounds.Upper);
        engine.Write(batch);
    }
}
