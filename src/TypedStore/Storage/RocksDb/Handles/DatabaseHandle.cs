using TypedStore.Storage.RocksDb.Native;

namespace TypedStore.Storage.RocksDb.Handles;

/// <summary>
/// Owns an open <c>rocksdb_t</c> and everything whose lifetime must be nested inside it: the column
/// family handles (destroyed before the close, as RocksDB requires) and the engine's shared read, write
/// and flush options (released after it). Engine calls lease this handle; iterators, snapshots and write
/// batches each hold a reference for their whole life. So the database is closed only after the last
/// call in flight and the last child have let go, however Dispose and those calls race.
/// </summary>
internal sealed class DatabaseHandle : RocksDbHandle
{
    private ColumnFamilyHandle[] _columnFamilies = [];
    private RocksDbHandle[] _sharedOptions = [];

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>
    /// Takes ownership of an opened database, its column family handles and the options every call shares.
    /// Called once, right after the open succeeded.
    /// </summary>
    public void Attach(nint database, ColumnFamilyHandle[] columnFamilies, RocksDbHandle[] sharedOptions)
    {
        _columnFamilies = columnFamilies;
        _sharedOptions = sharedOptions;
        SetHandle(database);
    }

    protected override bool ReleaseHandle()
    {
        foreach (ColumnFamilyHandle columnFamily in _columnFamilies)
        {
            columnFamily.Dispose();
        }

        NativeMethods.rocksdb_close(handle);

        foreach (RocksDbHandle options in _sharedOptions)
        {
            options.Dispose();
        }

        return true;
    }
}
