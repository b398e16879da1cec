using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns a <c>rocksdb_snapshot_t</c> and the <c>rocksdb_readoptions_t</c> that reads through it (shared by
/// point reads at this snapshot; never mutated after creation). Iterators reading the snapshot hold a
/// reference on this handle, so the snapshot is released only after them.
/// </summary>
internal sealed class SnapshotHandle : DatabaseChildHandle
{
    private nint _readOptions;

    private SnapshotHandle()
    {
    }

    /// <summary>Read options with this snapshot set. Only use while holding a lease on this handle.</summary>
    public nint ReadOptions => _readOptions;

    protected override string OwnerName => nameof(RocksDbSnapshot);

    /// <summary>Captures a snapshot of <paramref name="database"/> as of now.</summary>
    public static SnapshotHandle Create(DatabaseHandle database)
    {
        var snapshot = new SnapshotHandle();
        snapshot.AddDatabaseReference(database);
        nint pointer = NativeMethods.rocksdb_create_snapshot(database.Pointer);
        snapshot._readOptions = NativeMethods.rocksdb_readoptions_create();
        NativeMethods.rocksdb_readoptions_set_snapshot(snapshot._readOptions, pointer);
        snapshot.SetHandle(pointer);
        return snapshot;
    }

    protected override void ReleaseNativeObject()
    {
        NativeMethods.rocksdb_readoptions_destroy(_readOptions);
        NativeMethods.rocksdb_release_snapshot(Database.Pointer, handle);
    }
}
