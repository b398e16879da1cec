using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns one of the engine's shared, never-mutated <c>rocksdb_writeoptions_t</c> (created once, used by every write).</summary>
internal sealed class WriteOptionsHandle : RocksDbHandle
{
    private WriteOptionsHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Creates write options: <paramref name="sync"/> waits for the WAL to reach disk; <paramref name="disableWal"/> skips the WAL.</summary>
    public static WriteOptionsHandle Create(bool sync, bool disableWal)
    {
        var writeOptions = new WriteOptionsHandle();
        writeOptions.SetHandle(NativeMethods.rocksdb_writeoptions_create());
        NativeMethods.rocksdb_writeoptions_set_sync(writeOptions.Pointer, sync ? (byte)1 : (byte)0);
        NativeMethods.rocksdb_writeoptions_disable_WAL(writeOptions.Pointer, disableWal ? 1 : 0);
        return writeOptions;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_writeoptions_destroy(handle);
        return true;
    }
}
