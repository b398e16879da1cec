using TypedStore.Storage;
using TypedStore.Storage.RocksDb;
using TypedStore.Tables;

namespace TypedStore.Operations;

/// <summary>
/// The store operations of design §15 behind the members every generated store has (<c>Checkpoint</c>, <c>Backup</c>,
/// <c>Restore</c>, <c>ListBackups</c>, <c>Flush</c>, <c>Compact</c>, <c>GetStatistics</c>, <c>TrimChanges</c>,
/// <c>RemovedTables</c>, <c>DropTable</c>, <c>BackgroundErrorCount</c>); docs/operations.md describes each. Generated
/// code calls it; applications use the generated store's members instead.
/// </summary>
/// <remarks>
/// Each operation reaches the engine through a capability (<see cref="IStorageMaintenance"/>, <see cref="IStorageBackup"/>);
/// an engine without it is refused with a <see cref="NotSupportedException"/> naming the operation and the engine.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class StoreOperations
{
    private readonly StoreRuntime _runtime;
    private readonly string _storeName;
    private readonly IReadOnlyList<TableDescriptor> _tables;

    internal StoreOperations(StoreRuntime runtime, string storeName, IReadOnlyList<TableDescriptor> tables)
    {
        _runtime = runtime;
        _storeName = storeName;
        _tables = tables;
    }

    /// <summary>Writes a consistent, openable copy of the store to <paramref name="directory"/>, which must not exist yet.</summary>
    public void Checkpoint(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Maintenance(nameof(Checkpoint)).CreateCheckpoint(directory);
    }

    /// <summary>Adds an incremental backup of the store to <paramref name="backupDirectory"/>; returns it.</summary>
    public BackupInfo Backup(string backupDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDirectory);
        StorageEngine engine = _runtime.Engine;
        IStorageBackup backup = engine.TryGetCapability<IStorageBackup>()
            ?? throw Unsupported(nameof(Backup), engine, "it keeps no files to back up; back up a RocksDB store, or export the rows");
        return backup.CreateBackup(backupDirectory);
    }

    /// <summary>Restores backup <paramref name="backupId"/> (the latest when <see langword="null"/>) into <paramref name="path"/>.</summary>
    public static void Restore(string backupDirectory, string path, int? backupId = null)
        => RocksDbBackups.Restore(backupDirectory, path, backupId);

    /// <summary>The backups of <paramref name="backupDirectory"/>, oldest first.</summary>
    public static IReadOnlyList<BackupInfo> ListBackups(string backupDirectory)
        => RocksDbBackups.List(backupDirectory);

    /// <summary>Writes the store's in-memory writes to table files (nothing to do on the memory engine).</summary>
    public void Flush() => Maintenance(nameof(Flush)).Flush();

    /// <summary>Compacts one table (and its indexes), or the whole store when <paramref name="table"/> is <see langword="null"/>.</summary>
    public void Compact(string? table = null)
    {
        StorageEngine engine = _runtime.Engine;
        IStorageMaintenance maintenance = Maintenance(nameof(Compact));
        if (table is null)
        {
            foreach (StorageColumnFamily columnFamily in engine.ColumnFamilies)
            {
                maintenance.CompactRange(columnFamily);
            }

            return;
        }

        TableDescriptor descriptor = FindTable(table, nameof(table));
        maintenance.CompactRange(engine.GetColumnFamily(descriptor.Name));
        foreach (IndexDescriptor index in descriptor.Indexes)
        {
            maintenance.CompactRange(engine.GetColumnFamily(IndexDescriptor.ColumnFamilyName(descriptor.Name, index.Name)));
        }
    }

    /// <summary>The store's figures now: per table, and totals.</summary>
    public StoreStatistics GetStatistics()
        => StoreStatisticsReader.Read(_runtime.Engine, Maintenance(nameof(GetStatistics)), _tables, _runtime.GetRowCacheStatistics);

    /// <summary>Removes the changes of every ChangeFeed table committed before <paramref name="olderThan"/>; returns how many.</summary>
    public long TrimChanges(DateTimeOffset olderThan)
    {
        StorageEngine engine = _runtime.Engine;
        if (engine.IsReadOnly)
        {
            throw new InvalidOperationException($"TrimChanges needs a store opened read-write; the store '{_storeName}' is read-only.");
        }

        return ChangeFeedTrim.Trim(_runtime, _tables, olderThan);
    }

    /// <summary>Tables the store holds that its code no longer declares (ordinal order).</summary>
    public IReadOnlyList<string> RemovedTables => _runtime.Catalog.RemovedTables;

    /// <summary>Drops a removed table with everything the store keeps for it.</summary>
    public void DropTable(string name) => TableDrop.Drop(_runtime, _tables, _storeName, name);

    /// <summary>How many background jobs have failed since the store opened.</summary>
    public long BackgroundErrorCount => _runtime.BackgroundErrors.Count;

    private IStorageMaintenance Maintenance(string operation)
    {
        StorageEngine engine = _runtime.Engine;
        return engine.TryGetCapability<IStorageMaintenance>()
            ?? throw Unsupported(operation, engine, "it has no maintenance capability");
    }

    private TableDescriptor FindTable(string name, string parameter)
    {
        foreach (TableDescriptor table in _tables)
        {
            if (string.Equals(table.Name, name, StringComparison.Ordinal))
            {
                return table;
            }
        }

        string[] names = new string[_tables.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = _tables[i].Name;
        }

        throw new ArgumentException($"The store '{_storeName}' has no table '{name}'; its tables are: {string.Join(", ", names)}.", parameter);
    }

    private NotSupportedException Unsupported(string operation, StorageEngine engine, string why)
        => new($"{operation} is not supported on the store '{_storeName}': its engine ({engine.GetType().Name}) {why}.");
}
