using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns a <c>rocksdb_writebatch_t</c>. The batch itself is independent of the database, but recording an
/// operation dereferences a column family handle, so the batch keeps the database (and those handles) alive.
/// </summary>
internal sealed class WriteBatchHandle : DatabaseChildHandle
{
    private WriteBatchHandle()
    {
    }

    protected override string OwnerName => nameof(RocksDbWriteBatch);

    /// <summary>Creates an empty batch bound to <paramref name="database"/>.</summary>
    public static WriteBatchHandle Create(DatabaseHandle database)
    {
        var batch = new WriteBatchHandle();
        batch.AddDatabaseReference(database);
        batch.SetHandle(NativeMethods.rocksdb_writebatch_create());
        return batch;
    }

    protected override void ReleaseNativeObject() => NativeMethods.rocksdb_writebatch_destroy(handle);
}
