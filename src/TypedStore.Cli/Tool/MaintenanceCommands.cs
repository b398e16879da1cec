using TypedStore.Storage;

namespace TypedStore.Cli.Tool;

/// <summary>
/// <c>checkpoint</c>, <c>compact</c>, <c>backup</c>, <c>backups</c> and <c>restore</c>: the engine's maintenance and
/// backup capabilities and the runtime's restore (docs/operations.md, "Backup and restore"), on a store opened from
/// its catalog alone.
/// </summary>
internal static class MaintenanceCommands
{
    /// <summary>
    /// A consistent copy of the store in <paramref name="target"/> (which must not exist). The store is opened read-write:
    /// a read-only RocksDB instance cannot flush, and its checkpoint would leave out what is still only in the write-ahead
    /// log (the catalog's synced rows, for one); read-write, the checkpoint flushes first.
    /// </summary>
    public static int Checkpoint(string path, string target)
    {
        string full = Path.GetFullPath(target);
        if (Directory.Exists(full) || File.Exists(full))
        {
            throw new ToolException(ExitCodes.Usage, $"The checkpoint directory '{full}' already exists; give a path that does not.");
        }

        using StoreSession session = StoreSession.Open(path, write: true);
        Maintenance(session).CreateCheckpoint(full);
        ToolOutput.Line($"checkpoint written to {full}");
        return ExitCodes.Ok;
    }

    /// <summary>Flushes, then compacts every column family over its whole key range.</summary>
    public static int Compact(string path)
    {
        using StoreSession session = StoreSession.Open(path, write: true);
        IStorageMaintenance maintenance = Maintenance(session);
        long before = InspectCommands.DirectorySize(session.Path);
        maintenance.Flush();
        foreach (StorageColumnFamily columnFamily in session.Engine.ColumnFamilies)
        {
            maintenance.CompactRange(columnFamily);
        }

        ToolOutput.Line($"compacted {session.Engine.ColumnFamilies.Count} column families: {InspectCommands.FormatBytes(before)} before, {InspectCommands.FormatBytes(InspectCommands.DirectorySize(session.Path))} after");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// An incremental backup of the store into <paramref name="backupDirectory"/> (created when missing). Opened
    /// read-write, like <see cref="Checkpoint"/>: the backup flushes first, and a read-only instance would leave out what
    /// is still only in the write-ahead log.
    /// </summary>
    public static int Backup(string path, string backupDirectory)
    {
        using StoreSession session = StoreSession.Open(path, write: true);
        IStorageBackup backup = session.Engine.TryGetCapability<IStorageBackup>()
            ?? throw new ToolException(ExitCodes.Failed, "This engine cannot take backups.");
        BackupInfo info = backup.CreateBackup(Path.GetFullPath(backupDirectory));
        ToolOutput.Line($"backup {info.Id} written to {Path.GetFullPath(backupDirectory)}: {info.FileCount} files, {InspectCommands.FormatBytes(info.SizeBytes)}");
        return ExitCodes.Ok;
    }

    /// <summary>The backups held by <paramref name="backupDirectory"/>, oldest first (no store is opened).</summary>
    public static int ListBackups(string backupDirectory)
    {
        IReadOnlyList<BackupInfo> backups = Run(() => Operations.StoreOperations.ListBackups(Path.GetFullPath(backupDirectory)));
        ToolOutput.Line("id\tcreated\tfiles\tbytes");
        foreach (BackupInfo backup in backups)
        {
            ToolOutput.Line(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{backup.Id}\t{backup.Created:u}\t{backup.FileCount}\t{backup.SizeBytes}"));
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Restores backup <paramref name="backupId"/> (the latest when null) of <paramref name="backupDirectory"/> into
    /// <paramref name="target"/>, which must not hold anything: the runtime verifies the backup, restores beside the
    /// target and moves it into place only when complete.
    /// </summary>
    public static int Restore(string backupDirectory, string target, int? backupId)
    {
        string full = Path.GetFullPath(target);
        Run(() =>
        {
            Operations.StoreOperations.Restore(Path.GetFullPath(backupDirectory), full, backupId);
            return 0;
        });
        ToolOutput.Line($"backup {(backupId is { } id ? id.ToString(System.Globalization.CultureInfo.InvariantCulture) : "(latest)")} restored to {full}");
        return ExitCodes.Ok;
    }

    // A refused backup directory or id, or a damaged backup, is the user's input: the usage exit code, with the runtime's message.
    private static T Run<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (BackupException ex)
        {
            throw new ToolException(ExitCodes.Usage, ex.Message);
        }
    }

    private static IStorageMaintenance Maintenance(StoreSession session)
        => session.Engine.TryGetCapability<IStorageMaintenance>()
            ?? throw new ToolException(ExitCodes.Failed, "This engine has no maintenance capability.");
}
