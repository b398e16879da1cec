using System.CommandLine;

namespace TypedStore.Cli.Tool;

/// <summary>
/// The <c>typedstore</c> commands that work on a store directory from its catalog alone (docs/operations.md, "The
/// typedstore tool"). Every action runs through <see cref="Run"/>, which turns failures into one line on standard
/// error and a documented exit code.
/// </summary>
internal static class ToolCommands
{
    public static IEnumerable<Command> Create()
    {
        Argument<string> Store() => new("store") { Description = "The store's directory." };
        Argument<string> Table() => new("table") { Description = "The table's name (see `info`)." };

        Argument<string> infoStore = Store();
        Command info = new("info", "The store's tables: kind, schema version, estimated rows, indexes, options.") { infoStore };
        info.SetAction(parse => Run(() => InspectCommands.Info(parse.GetValue(infoStore)!)));
        yield return info;

        Argument<string> describeStore = Store();
        Argument<string> describeTable = Table();
        Command describe = new("describe", "One table's schema (key parts, members, nested types), options and indexes, as the catalog records them.") { describeStore, describeTable };
        describe.SetAction(parse => Run(() => InspectCommands.Describe(parse.GetValue(describeStore)!, parse.GetValue(describeTable)!)));
        yield return describe;

        Argument<string> dumpStore = Store();
        Argument<string> dumpTable = Table();
        Option<string[]> prefix = new("--prefix") { Description = "The first key parts (as text, one value per part): only rows whose key starts with them.", AllowMultipleArgumentsPerToken = true };
        Option<int?> limit = new("--limit") { Description = "At most this many rows." };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--limit must be 0 or more.");
            }
        });
        Option<string> dumpFormat = Format("table", "table", "json", "jsonl");
        Command dump = new("dump", "A table's live rows in key order, decoded from the catalog's schema.") { dumpStore, dumpTable, prefix, limit, dumpFormat };
        dump.SetAction(parse => Run(() => DumpCommands.Dump(parse.GetValue(dumpStore)!, parse.GetValue(dumpTable)!, parse.GetValue(prefix) ?? [], parse.GetValue(limit), parse.GetValue(dumpFormat)!)));
        yield return dump;

        Argument<string> getStore = Store();
        Argument<string> getTable = Table();
        Argument<string[]> keyParts = new("key") { Description = "Every key part, in key order (text; times in ISO 8601, byte[] in hex).", Arity = ArgumentArity.OneOrMore };
        Option<string> getFormat = Format("table", "table", "json");
        Command get = new("get", "One row by its full key.") { getStore, getTable, keyParts, getFormat };
        get.SetAction(parse => Run(() => DumpCommands.Get(parse.GetValue(getStore)!, parse.GetValue(getTable)!, parse.GetValue(keyParts)!, parse.GetValue(getFormat)!)));
        yield return get;

        Argument<string> countStore = Store();
        Argument<string?> countTable = new("table") { Description = "One table; every table when left out.", Arity = ArgumentArity.ZeroOrOne };
        Command count = new("count", "Exact live row counts (every entry is read).") { countStore, countTable };
        count.SetAction(parse => Run(() => InspectCommands.Count(parse.GetValue(countStore)!, parse.GetValue(countTable))));
        yield return count;

        Argument<string> exportStore = Store();
        Argument<string> exportFile = new("file") { Description = "The file to write (native: replaced only once the export is complete); for parquet, a new or empty directory." };
        Option<string[]> exportTables = new("--tables") { Description = "Only these tables (default: every table).", AllowMultipleArgumentsPerToken = true };
        Option<string> exportFormat = Format("native", "native", "jsonl", "parquet");
        Option<bool> partitionByUser = new("--partition-by-user") { Description = "Parquet only: one file per user for User tables (Hive layout <table>/<UserIdPart>=<id>/data.parquet)." };
        Command export = new("export", "Writes tables out: native (one framed, checksummed file; byte-exact; docs/export-format.md), jsonl (one decoded row per line) or parquet (a directory, one file per table).") { exportStore, exportFile, exportTables, exportFormat, partitionByUser };
        export.SetAction((parse, cancellationToken) => RunAsync(() => TransferCommands.ExportAsync(parse.GetValue(exportStore)!, parse.GetValue(exportFile)!, parse.GetValue(exportTables) ?? [], parse.GetValue(exportFormat)!, parse.GetValue(partitionByUser), cancellationToken)));
        yield return export;

        Argument<string> importStore = Store();
        Argument<string> importFile = new("file") { Description = "A native export." };
        Command import = new("import", "Reads a native export into the store's tables, which must exist and be empty; each table is imported whole or not at all.") { importStore, importFile };
        import.SetAction((parse, cancellationToken) => RunAsync(() => TransferCommands.ImportAsync(parse.GetValue(importStore)!, parse.GetValue(importFile)!, cancellationToken)));
        yield return import;

        Argument<string> checkpointStore = Store();
        Argument<string> checkpointTarget = new("target") { Description = "The directory to create (must not exist)." };
        Command checkpoint = new("checkpoint", "Writes a consistent copy of the store (RocksDB checkpoint: hard links where it can).") { checkpointStore, checkpointTarget };
        checkpoint.SetAction(parse => Run(() => MaintenanceCommands.Checkpoint(parse.GetValue(checkpointStore)!, parse.GetValue(checkpointTarget)!)));
        yield return checkpoint;

        Argument<string> backupStore = Store();
        Argument<string> backupDirectory = new("backup-dir") { Description = "The backup directory (created when missing; each backup after the first copies only new files)." };
        Command backup = new("backup", "Takes an incremental backup of the store (RocksDB backup engine; opens the store read-write, flushes first).") { backupStore, backupDirectory };
        backup.SetAction(parse => Run(() => MaintenanceCommands.Backup(parse.GetValue(backupStore)!, parse.GetValue(backupDirectory)!)));
        yield return backup;

        Argument<string> listDirectory = new("backup-dir") { Description = "The backup directory." };
        Command backups = new("backups", "Lists the backups a backup directory holds: id, time, files, bytes.") { listDirectory };
        backups.SetAction(parse => Run(() => MaintenanceCommands.ListBackups(parse.GetValue(listDirectory)!)));
        yield return backups;

        Argument<string> restoreDirectory = new("backup-dir") { Description = "The backup directory." };
        Argument<string> restoreTarget = new("target") { Description = "The store directory to create (must not exist, or be empty)." };
        Option<int?> backupId = new("--id") { Description = "The backup to restore (see `backups`); the latest when left out." };
        Command restore = new("restore", "Restores a backup into a new store directory; the backup is verified first and nothing is left behind on failure.") { restoreDirectory, restoreTarget, backupId };
        restore.SetAction(parse => Run(() => MaintenanceCommands.Restore(parse.GetValue(restoreDirectory)!, parse.GetValue(restoreTarget)!, parse.GetValue(backupId))));
        yield return restore;

        Argument<string> verifyStore = Store();
        Command verify = new("verify", "Decodes every row against the catalog, checks every index; exit code 4 and one line per problem when anything is wrong.") { verifyStore };
        verify.SetAction(parse => Run(() => VerifyCommand.Run(parse.GetValue(verifyStore)!)));
        yield return verify;

        Argument<string> compactStore = Store();
        Command compact = new("compact", "Flushes and compacts every column family (opens the store read-write).") { compactStore };
        compact.SetAction(parse => Run(() => MaintenanceCommands.Compact(parse.GetValue(compactStore)!)));
        yield return compact;

        Argument<string> statsStore = Store();
        Command stats = new("stats", "Engine statistics per column family (estimated keys, file sizes, memtables, pending compaction).") { statsStore };
        stats.SetAction(parse => Run(() => InspectCommands.Stats(parse.GetValue(statsStore)!)));
        yield return stats;
    }

    private static Option<string> Format(string defaultValue, params string[] formats)
    {
        Option<string> option = new("--format") { Description = $"Output format: {string.Join(", ", formats)}.", DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    private static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception ex)
        {
            return Fail(ex);
        }
    }

    private static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return Fail(ex);
        }
    }

    private static int Fail(Exception ex)
    {
        switch (ex)
        {
            case ToolException tool:
                ToolOutput.Error("typedstore: " + tool.Message);
                return tool.ExitCode;
            case Reading.RowDecodeException decode:
                ToolOutput.Error("typedstore: a row does not decode: " + decode.Message + " (run `typedstore verify` for every problem)");
                return ExitCodes.VerifyFailed;
            case StoreLockedException or StoreCorruptedException:
                ToolOutput.Error("typedstore: " + ex.Message);
                return ExitCodes.CannotOpen;
            default:
                ToolOutput.Error($"typedstore: {ex.GetType().Name}: {ex.Message}");
                return ExitCodes.Failed;
        }
    }
}
