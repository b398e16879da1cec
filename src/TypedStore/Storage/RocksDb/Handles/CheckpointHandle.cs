using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns a <c>rocksdb_checkpoint_t</c>. It refers to the database without keeping it open, so it is only
/// ever created and disposed inside one call that holds a lease on the <see cref="DatabaseHandle"/>.
/// </summary>
internal sealed unsafe class CheckpointHandle : RocksDbHandle
{
    private CheckpointHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Creates a checkpoint object for <paramref name="database"/> (the caller holds a lease on it).</summary>
    public static CheckpointHandle Create(DatabaseHandle database)
    {
        var checkpoint = new CheckpointHandle();
        byte* error = null;
        nint pointer = NativeMethods.rocksdb_checkpoint_object_create(database.Pointer, &error);
        if (error != null)
        {
            checkpoint.Dispose();
            NativeError.Throw(error, "checkpoint creation");
        }

        checkpoint.SetHandle(pointer);
        return checkpoint;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_checkpoint_object_destroy(handle);
        return true;
    }
}
