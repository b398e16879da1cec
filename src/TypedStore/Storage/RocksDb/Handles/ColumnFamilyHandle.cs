using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns a <c>rocksdb_column_family_handle_t</c> returned by the open call. RocksDB requires these to be
/// destroyed before the database is closed, so <see cref="DatabaseHandle"/> releases them first; calls
/// that use one hold a lease on the database handle, which keeps them alive.
/// </summary>
internal sealed class ColumnFamilyHandle : RocksDbHandle
{
    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>Takes ownership of a handle filled in by <c>rocksdb_open_*_column_families</c>.</summary>
    public void Attach(nint pointer) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        NativeMethods.rocksdb_column_family_handle_destroy(handle);
        return true;
    }
}
