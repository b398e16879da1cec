using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>Owns the engine's <c>rocksdb_flushoptions_t</c>: flushes wait until the table files are written.</summary>
internal sealed class FlushOptionsHandle : RocksDbHandle
{
    private FlushOptionsHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Creates flush options that wait for the flush to finish.</summary>
    public static FlushOptionsHandle CreateWaiting()
    {
        var flushOptions = new FlushOptionsHandle();
        flushOptions.SetHandle(NativeMethods.rocksdb_flushoptions_create());
        NativeMethods.rocksdb_flushoptions_set_wait(flushOptions.Pointer, 1);
        return flushOptions;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_flushoptions_destroy(handle);
        return true;
    }
}
