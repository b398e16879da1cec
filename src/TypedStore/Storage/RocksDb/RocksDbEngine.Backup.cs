using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb;

/// <content>Backups (<see cref="IStorageBackup"/>) through RocksDB's backup engine; restoring and listing are in <see cref="RocksDbBackups"/>.</content>
internal sealed unsafe partial class RocksDbEngine : IStorageBackup
{
    public BackupInfo CreateBackup(string backupDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupDirectory);
        string target = Path.GetFullPath(backupDirectory);
        if (File.Exists(target))
        {
            throw new BackupException($"Cannot back up the store at '{_path}' into '{target}': that path is a file, not a backup directory.")
            {
                BackupDirectory = target,
            };
        }

        if (_readOnly)
        {
            // Found by test: RocksDB backs up a read-only database without the write-ahead log it replayed, so the
            // backup silently misses every write not yet flushed to a table file. Refused rather than incomplete.
            throw new InvalidOperationException(
                $"Cannot back up the store at '{_path}': it was opened read-only, and a backup of a read-only store would miss the writes its write-ahead log holds. Open it read-write to back it up. Nothing was written to '{target}'.");
        }

        using HandleLease lease = _database.Lease();
        using BackupEngineHandle backupEngine = BackupEngineHandle.Open(target);
        byte* error = null;

        // Flushed first, so the backup holds every write even with the WAL off.
        NativeMethods.rocksdb_backup_engine_create_new_backup_flush(backupEngine.Pointer, _database.Pointer, 1, &error);
        if (error != null)
        {
            throw new BackupException($"Backing up the store at '{_path}' into '{target}' failed: {NativeError.TakeMessage(error)}")
            {
                BackupDirectory = target,
            };
        }

        IReadOnlyList<BackupInfo> backups = RocksDbBackups.Read(backupEngine);
        return backups[^1];
    }
}
