namespace TypedStore.Storage;

/// <summary>
/// The backup capability of an engine that keeps files: incremental backups into a backup directory (the RocksDB
/// engine, through RocksDB's backup engine). Obtained with <see cref="StorageEngine.TryGetCapability{TCapability}"/>;
/// the memory engine does not have it. Restoring needs no open engine: a generated store's static <c>Restore</c> does it.
/// </summary>
public interface IStorageBackup
{
    /// <summary>
    /// Flushes the store's writes, then adds a backup of it to <paramref name="backupDirectory"/> (created when missing).
    /// Table files already in the directory (from an earlier backup of this store) are shared, not copied again.
    /// </summary>
    /// <returns>The new backup.</returns>
    BackupInfo CreateBackup(string backupDirectory);
}
