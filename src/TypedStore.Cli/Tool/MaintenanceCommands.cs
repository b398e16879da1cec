using TypedStore.Storage;

namespace TypedStore.Cli.Tool;

/// <summary><c>checkpoint</c> and <c>compact</c>: what the engine's maintenance capability already does.</summary>
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

    private static IStorageMaintenance Maintenance(StoreSession session)
        => session.Engine.TryGetCapability<IStorageMaintenance>()
            ?? throw new ToolException(ExitCodes.Failed, "This engine has no maintenance capability.");
}
