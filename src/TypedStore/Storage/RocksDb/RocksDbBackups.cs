using System.Globalization;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <summary>
/// Listing and restoring the backups of a backup directory (RocksDB's backup engine), without an open store.
/// A directory that is not a backup directory is refused before RocksDB sees it (its backup engine would create one),
/// and a restore goes into a new sibling directory that is moved into place only once the restore succeeded, so a
/// damaged backup never leaves half a store at the target (docs/operations.md).
/// </summary>
internal static unsafe class RocksDbBackups
{
    // Every backup directory RocksDB writes holds this folder (one file per backup).
    private const string MetaFolder = "meta";

    /// <summary>The backups of <paramref name="backupDirectory"/>, oldest first.</summary>
    public static IReadOnlyList<BackupInfo> List(string backupDirectory)
    {
        string directory = RequireBackupDirectory(backupDirectory);
        using BackupEngineHandle backupEngine = BackupEngineHandle.Open(directory);
        return Read(backupEngine);
    }

    /// <summary>
    /// Restores backup <paramref name="backupId"/> (the latest when <see langword="null"/>) of <paramref name="backupDirectory"/>
    /// into <paramref name="path"/>, which must not exist or be an empty directory. The backup's files are checked
    /// (sizes first, then checksums while copying); on any failure nothing is left at <paramref name="path"/>.
    /// </summary>
    public static void Restore(string backupDirectory, string path, int? backupId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (backupId is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(backupId), backupId, "A backup id is 1 or more (ListBackups gives the ids of a backup directory); pass null for the latest backup.");
        }

        string directory = RequireBackupDirectory(backupDirectory);
        string target = Path.GetFullPath(path);
        ThrowIfTargetHoldsSomething(directory, target, backupId);

        string parent = Path.GetDirectoryName(target) ?? target;
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(
            parent,
            "." + Path.GetFileName(target) + ".restoring-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture));
        try
        {
            // The backup engine is closed before anything is moved or cleaned up: after a failed file, RocksDB returns
            // while its other copies may still be running, and only closing the engine waits for them.
            using (BackupEngineHandle backupEngine = BackupEngineHandle.Open(directory))
            {
                int id = ChooseBackup(directory, Read(backupEngine), backupId);
                Verify(backupEngine, directory, id);
                RestoreInto(backupEngine, directory, id, staging);
            }

            // An empty target directory is replaced; a non-empty one was refused above.
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Reads the backup list of an open backup engine, oldest first.</summary>
    internal static IReadOnlyList<BackupInfo> Read(BackupEngineHandle backupEngine)
    {
        using HandleLease lease = backupEngine.Lease();
        using BackupInfoHandle info = BackupInfoHandle.Read(backupEngine);
        int count = NativeMethods.rocksdb_backup_engine_info_count(info.Pointer);
        var backups = new BackupInfo[count];
        for (int i = 0; i < count; i++)
        {
            backups[i] = new BackupInfo(
                checked((int)NativeMethods.rocksdb_backup_engine_info_backup_id(info.Pointer, i)),
                DateTimeOffset.FromUnixTimeSeconds(NativeMethods.rocksdb_backup_engine_info_timestamp(info.Pointer, i)),
                checked((long)NativeMethods.rocksdb_backup_engine_info_size(info.Pointer, i)),
                checked((int)NativeMethods.rocksdb_backup_engine_info_number_files(info.Pointer, i)));
        }

        Array.Sort(backups, static (a, b) => a.Id.CompareTo(b.Id));
        return backups;
    }

    private static string RequireBackupDirectory(string backupDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDirectory);
        string directory = Path.GetFullPath(backupDirectory);
        if (!Directory.Exists(Path.Combine(directory, MetaFolder)))
        {
            string what = Directory.Exists(directory) ? "has no 'meta' folder, so it is not a backup directory (Backup writes one)" : "does not exist";
            throw new BackupException($"The backup directory '{directory}' {what}. Nothing was read or restored.")
            {
                BackupDirectory = directory,
            };
        }

        return directory;
    }

    private static void ThrowIfTargetHoldsSomething(string directory, string target, int? backupId)
    {
        bool occupied = File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any());
        if (occupied)
        {
            throw new BackupException(
                $"Restore refuses '{target}': it already exists and is not an empty directory. Restore into a new directory (then swap it in with the store closed); nothing was changed.")
            {
                BackupDirectory = directory,
                BackupId = backupId,
            };
        }
    }

    private static int ChooseBackup(string directory, IReadOnlyList<BackupInfo> backups, int? backupId)
    {
        if (backups.Count == 0)
        {
            throw new BackupException($"The backup directory '{directory}' holds no backup. Nothing was restored.") { BackupDirectory = directory };
        }

        if (backupId is not { } wanted)
        {
            return backups[^1].Id;
        }

        foreach (BackupInfo backup in backups)
        {
            if (backup.Id == wanted)
            {
                return wanted;
            }
        }

        string held = string.Join(", ", backups.Select(static b => b.Id.ToString(CultureInfo.InvariantCulture)));
        throw new BackupException($"The backup directory '{directory}' has no backup {wanted}; it holds backups {held}. Nothing was restored.")
        {
            BackupDirectory = directory,
            BackupId = wanted,
        };
    }

    private static void Verify(BackupEngineHandle backupEngine, string directory, int id)
    {
        byte* error = null;
        using (HandleLease lease = backupEngine.Lease())
        {
            NativeMethods.rocksdb_backup_engine_verify_backup(backupEngine.Pointer, (uint)id, &error);
        }

        if (error != null)
        {
            throw Damaged(directory, id, NativeError.TakeMessage(error));
        }
    }

    private static void RestoreInto(BackupEngineHandle backupEngine, string directory, int id, string staging)
    {
        using RestoreOptionsHandle options = RestoreOptionsHandle.Create();
        byte* error = null;
        using (HandleLease lease = backupEngine.Lease())
        {
            NativeMethods.rocksdb_backup_engine_restore_db_from_backup(backupEngine.Pointer, staging, staging, options.Pointer, (uint)id, &error);
        }

        if (error != null)
        {
            throw Damaged(directory, id, NativeError.TakeMessage(error));
        }
    }

    private static BackupException Damaged(string directory, int id, string reason)
        => new($"Backup {id} in '{directory}' is damaged and cannot be restored: {reason}. Nothing was restored; restore another backup (ListBackups).")
        {
            BackupDirectory = directory,
            BackupId = id,
        };
}
