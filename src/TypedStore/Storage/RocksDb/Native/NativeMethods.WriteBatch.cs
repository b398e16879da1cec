using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial nint rocksdb_writebatch_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_destroy(nint batch);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_clear(nint batch);

    [LibraryImport(Library)]
    internal static partial int rocksdb_writebatch_count(nint batch);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_put_cf(
        nint batch, nint columnFamily, byte* key, nuint keyLength, byte* value, nuint valueLength);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_delete_cf(nint batch, nint columnFamily, byte* key, nuint keyLength);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_delete_range_cf(
        nint batch, nint columnFamily, byte* startKey, nuint startKeyLength, byte* endKey, nuint endKeyLength);

    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_set_save_point(nint batch);

    /// <summary>Truncates the batch to its most recent save point and removes it; reports NotFound when there is none.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_rollback_to_save_point(nint batch, byte** errptr);

    /// <summary>Removes the most recent save point, keeping the writes; reports NotFound when there is none.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_writebatch_pop_save_point(nint batch, byte** errptr);
}
