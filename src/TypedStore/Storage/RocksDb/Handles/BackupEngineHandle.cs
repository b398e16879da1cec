using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns a <c>rocksdb_backup_engine_t</c>: one backup directory, open for the length of one operation.</summary>
internal sealed unsafe class BackupEngineHandle : RocksDbHandle
{
    private BackupEngineHandle()
    {
    }

    protected override string OwnerName => "BackupEngine";

    /// <summary>Opens the backup directory <paramref name="directory"/> (RocksDB creates it when missing: callers check first when that is not wanted).</summary>
    public static BackupEngineHandle Open(string directory)
    {
        var backupEngine = new BackupEngineHandle();
        try
        {
            // The options only lend the backup engine their Env and info log; they are not kept after the call.
            using OptionsHandle options = OptionsHandle.Create(createIfMissing: false, createMissingColumnFamilies: false);
            byte* error = null;
            nint pointer = NativeMethods.rocksdb_backup_engine_open(options.Pointer, directory, &error);
            if (error != null)
            {
                NativeError.Throw(error, $"opening the backup directory '{directory}'");
            }

            backupEngine.SetHandle(pointer);
            return backupEngine;
        }
        catch
        {
            backupEngine.Dispose();
            throw;
        }
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_backup_engine_close(handle);
        return true;
    }
}
