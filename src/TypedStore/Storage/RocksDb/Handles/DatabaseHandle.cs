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

    // The optimistic transaction DB the database was opened through (read-write opens), or 0.
    private nint _optimistic;

    /// <summary>The optimistic transaction DB (0 for a read-only open); valid while a lease on this handle is held.</summary>
    public nint OptimisticPointer => _optimistic;

    // Set once rocksdb_close has returned, on whichever thread dropped the last reference.
    private readonly ManualResetEventSlim _released = new(initialState: false);

    protected override string OwnerName => nameof(RocksDbEngine);

    /// <summary>
    /// Takes ownership of an opened database, its column family handles and the options every call shares.
    /// Called once, right after the open succeeded.
    /// </summary>
    public void Attach(nint database, nint optimistic, ColumnFamilyHandle[] columnFamilies, RocksDbHandle[] sharedOptions)
    {
        _optimistic = optimistic;
        _columnFamilies = columnFamilies;
        _sharedOptions = sharedOptions;
        SetHandle(database);
    }

    /// <summary>
    /// Blocks until the database is closed: <c>Dispose</c> only closes it when no reference
    /// is left, and a reference may still be held by a call in flight on another thread or by a forgotten child
    /// whose finalizer is releasing it right now. Call after <c>Dispose</c>.
    /// </summary>
    /// <remarks>
    /// Without this wait, <c>Dispose</c> could return while the close was still to happen on another thread, and
    /// opening the same path at once threw <see cref="StoreLockedException"/>. Every remaining reference is a
    /// native call that returns by itself (children were disposed first), so the wait ends; it never runs on
    /// the finalizer thread (the engine's own finalizer does not dispose).
    /// </remarks>
    public void WaitUntilClosed()
    {
        if (IsInvalid)
        {
            return;
        }

        _released.Wait();
        _released.Dispose();
    }

    protected override bool ReleaseHandle()
    {
        try
        {
            foreach (ColumnFamilyHandle columnFamily in _columnFamilies)
            {
                columnFamily.Dispose();
            }

            if (_optimistic != 0)
            {
                // The base database is a wrapper of the transaction DB's own: free the wrapper, then close the DB.
                NativeMethods.rocksdb_optimistictransactiondb_close_base_db(handle);
                NativeMethods.rocksdb_optimistictransactiondb_close(_optimistic);
            }
            else
            {
                NativeMethods.rocksdb_close(handle);
            }

            foreach (RocksDbHandle options in _sharedOptions)
            {
                options.Dispose();
            }

            return true;
        }
        finally
        {
            _released.Set();
        }
    }
}
