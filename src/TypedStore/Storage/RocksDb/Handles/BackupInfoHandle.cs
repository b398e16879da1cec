using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns a <c>rocksdb_backup_engine_info_t</c>: the list of a backup directory's backups at one moment.</summary>
internal sealed class BackupInfoHandle : RocksDbHandle
{
    private BackupInfoHandle()
    {
    }

    protected override string OwnerName => "BackupEngine";

    /// <summary>Reads the backups of <paramref name="backupEngine"/> (the caller holds a lease on it).</summary>
    public static BackupInfoHandle Read(BackupEngineHandle backupEngine)
    {
        var info = new BackupInfoHandle();
        info.SetHandle(NativeMethods.rocksdb_backup_engine_get_backup_info(backupEngine.Pointer));
        return info;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_backup_engine_info_destroy(handle);
        return true;
    }
}
