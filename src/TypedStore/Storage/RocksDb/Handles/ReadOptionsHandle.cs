using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns the engine's shared, never-mutated <c>rocksdb_readoptions_t</c> used by point reads without a snapshot.</summary>
internal sealed class ReadOptionsHandle : RocksDbHandle
{
    private ReadOptionsHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Creates default read options.</summary>
    public static ReadOptionsHandle Create()
    {
        var readOptions = new ReadOptionsHandle();
        readOptions.SetHandle(NativeMethods.rocksdb_readoptions_create());
        return readOptions;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_readoptions_destroy(handle);
        return true;
    }
}
