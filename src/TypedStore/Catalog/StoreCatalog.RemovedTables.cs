using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <content>
/// Tables the catalog records but the store's code no longer declares (docs/operations.md, "Dropping tables"): found
/// at open, reported by the store, and forgotten only when <c>DropTable</c> asks, after their data is gone.
/// </content>
internal sealed partial class StoreCatalog
{
    private readonly Lock _removedLock = new();
    private readonly List<string> _removedTables;

    /// <summary>The recorded tables the open did not declare, in ordinal order (a copy).</summary>
    public IReadOnlyList<string> RemovedTables
    {
        get
        {
            lock (_removedLock)
            {
                return _removedTables.ToArray();
            }
        }
    }

    /// <summary>Whether <paramref name="name"/> is a recorded table the code no longer declares.</summary>
    public bool IsRemovedTable(string name)
    {
        lock (_removedLock)
        {
            return _removedTables.Contains(name);
        }
    }

    /// <summary>
    /// Deletes every catalog row of the removed table <paramref name="name"/> (its <c>__tables</c> row, every schema
    /// version, its id sequence) in one synced write, and stops reporting it. Called last by a drop, after its data is
    /// gone: a crash before this leaves the table reported, and dropping it again finishes the job.
    /// </summary>
    public void ForgetTable(string name)
    {
        CatalogTableRecord? record = _catalog.Tables.Get(name);
        using (CatalogStoreBatch batch = _catalog.CreateBatch())
        {
            if (record is not null)
            {
                for (int version = 1; version <= record.SchemaVersion; version++)
                {
                    batch.Schemas.Delete(name, version);
                }

                batch.Tables.Delete(name);
            }

            batch.Sequences.Delete(name);
            batch.Commit();
        }

        lock (_removedLock)
        {
            _removedTables.Remove(name);
        }
    }

    private static List<string> FindRemovedTables(CatalogContents contents, IReadOnlyList<TableDescriptor> declared)
    {
        HashSet<string> names = new(StringComparer.Ordinal);
        foreach (TableDescriptor table in declared)
        {
            names.Add(table.Name);
        }

        List<string> removed = [];
        foreach (string name in contents.Tables.Keys)
        {
            if (!names.Contains(name))
            {
                removed.Add(name);
            }
        }

        removed.Sort(StringComparer.Ordinal);
        return removed;
    }
}
