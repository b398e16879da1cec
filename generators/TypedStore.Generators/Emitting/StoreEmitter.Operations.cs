namespace TypedStore.Generators.Emitting;

/// <summary>
/// The store operations of design §15 on the generated store (docs/operations.md): one-line members that call the
/// runtime's <c>StoreOperations</c>, where the work and its checks are.
/// </summary>
internal sealed partial class StoreEmitter
{
    private const string Operations = "global::TypedStore.Operations.StoreOperations";

    private void EmitOperations()
    {
        _w.Line();
        _w.Summary("Writes a consistent copy of the store to <paramref name=\"directory\"/> (which must not exist yet); it opens as a store of its own. Not supported by the in-memory engine.");
        _w.Line("/// <param name=\"directory\">A new directory for the copy.</param>");
        _w.Line("public void Checkpoint(string directory) => _runtime.Operations.Checkpoint(directory);");
        _w.Line();
        _w.Summary("Adds an incremental backup of the store to <paramref name=\"backupDirectory\"/> (created when missing): files an earlier backup holds are shared, not copied. Not supported by the in-memory engine.");
        _w.Line("/// <param name=\"backupDirectory\">The backup directory.</param>");
        _w.Line("/// <returns>The new backup.</returns>");
        _w.Line("public global::TypedStore.BackupInfo Backup(string backupDirectory) => _runtime.Operations.Backup(backupDirectory);");
        _w.Line();
        _w.Summary("Restores a backup of <paramref name=\"backupDirectory\"/> into <paramref name=\"path\"/>, which must not exist or be empty; a damaged or missing backup is refused and leaves <paramref name=\"path\"/> as it was.");
        _w.Line("/// <param name=\"backupDirectory\">The backup directory.</param>");
        _w.Line("/// <param name=\"path\">The directory to restore the store into.</param>");
        _w.Line("/// <param name=\"backupId\">The backup (<see cref=\"ListBackups\"/>); <see langword=\"null\"/> for the latest.</param>");
        _w.Line("/// <exception cref=\"global::TypedStore.BackupException\">The backup directory, the backup or the target path is refused; the message says why.</exception>");
        _w.Line("public static void Restore(string backupDirectory, string path, int? backupId = null)");
        _w.Line($"    => {Operations}.Restore(backupDirectory, path, backupId);");
        _w.Line();
        _w.Summary("The backups in <paramref name=\"backupDirectory\"/>, oldest first.");
        _w.Line("/// <param name=\"backupDirectory\">The backup directory.</param>");
        _w.Line("public static global::System.Collections.Generic.IReadOnlyList<global::TypedStore.BackupInfo> ListBackups(string backupDirectory)");
        _w.Line($"    => {Operations}.ListBackups(backupDirectory);");
        _w.Line();
        _w.Summary("Writes the store's in-memory writes to table files (nothing to do on the in-memory engine).");
        _w.Line("public void Flush() => _runtime.Operations.Flush();");
        _w.Line();
        _w.Summary("Compacts the table named <paramref name=\"table\"/> and its indexes, or the whole store when it is <see langword=\"null\"/> (nothing to do on the in-memory engine).");
        _w.Line("/// <param name=\"table\">A table name, or <see langword=\"null\"/> for every table.</param>");
        _w.Line("public void Compact(string? table = null) => _runtime.Operations.Compact(table);");
        _w.Line();
        _w.Summary("The store's figures now: per table (estimated rows, live bytes, files) and totals.");
        _w.Line("public global::TypedStore.StoreStatistics GetStatistics() => _runtime.Operations.GetStatistics();");
        _w.Line();
        _w.Summary("Removes the changes of every ChangeFeed table committed before <paramref name=\"olderThan\"/> (each feed from its start up to its first newer change).");
        _w.Line("/// <param name=\"olderThan\">The cutoff.</param>");
        _w.Line("/// <returns>How many changes were removed.</returns>");
        _w.Line("public long TrimChanges(global::System.DateTimeOffset olderThan) => _runtime.Operations.TrimChanges(olderThan);");
        _w.Line();
        _w.Summary("Tables the store holds that this code no longer declares, found at open; they keep their data until <see cref=\"DropTable\"/> drops them.");
        _w.Line("public global::System.Collections.Generic.IReadOnlyList<string> RemovedTables => _runtime.Operations.RemovedTables;");
        _w.Line();
        _w.Summary("Drops a table of <see cref=\"RemovedTables\"/>: its rows, indexes, changes and catalog entries. A table the code still declares is refused.");
        _w.Line("/// <param name=\"name\">The removed table's name.</param>");
        _w.Line("public void DropTable(string name) => _runtime.Operations.DropTable(name);");
        _w.Line();
        _w.Summary("How many background jobs (stream eviction, change-feed retention) have failed since the store opened; each is also handed to <see cref=\"global::TypedStore.StoreOptions.BackgroundError\"/>.");
        _w.Line("public long BackgroundErrorCount => _runtime.Operations.BackgroundErrorCount;");
    }
}
