using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns a <c>rocksdb_restore_options_t</c> (defaults: the restored directory's log files are not kept).</summary>
internal sealed class RestoreOptionsHandle : RocksDbHandle
{
    private RestoreOptionsHandle()
    {
    }

    protected override string OwnerName => "BackupEngine";

    public static RestoreOptionsHandle Create()
    {
        var options = new RestoreOptionsHandle();
        options.SetHandle(NativeMethods.rocksdb_restore_options_create());
        return options;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_restore_options_destroy(handle);
        return true;
    }
}
