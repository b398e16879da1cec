using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint rocksdb_open_column_families(
        nint options, string name, int numColumnFamilies, byte** columnFamilyNames,
        nint* columnFamilyOptions, nint* columnFamilyHandles, byte** errptr);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint rocksdb_open_for_read_only_column_families(
        nint options, string name, int numColumnFamilies, byte** columnFamilyNames,
        nint* columnFamilyOptions, nint* columnFamilyHandles, byte errorIfWalFileExists, byte** errptr);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte** rocksdb_list_column_families(nint options, string name, nuint* count, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_list_column_families_destroy(byte** list, nuint count);

    [LibraryImport(Library)]
    internal static partial void rocksdb_close(nint db);

    /// <summary>RocksDB's <c>RepairDB</c>: rebuilds the store's MANIFEST from the table files and WALs in the directory.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void rocksdb_repair_db(nint options, string name, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_column_family_handle_destroy(nint columnFamily);

    /// <summary>Drops a column family from the store; its handle stays valid until destroyed (at close).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_drop_column_family(nint db, nint columnFamily, byte** errptr);

    /// <summary>
    /// Reads a value straight into the caller's buffer. Returns 1 when the value fit (and was copied),
    /// 0 otherwise; <paramref name="found"/> tells absent from too-short, and <paramref name="valueLength"/>
    /// is the value's real size whenever it was found.
    /// </summary>
    [LibraryImport(Library)]
    internal static partial byte rocksdb_get_into_buffer_cf(
        nint db, nint readOptions, nint columnFamily, byte* key, nuint keyLength,
        byte* buffer, nuint bufferSize, nuint* valueLength, byte* found, byte** errptr);

    /// <summary>
    /// Reads <paramref name="keyCount"/> keys of one column family with one <c>MultiGet</c> (one consistent view).
    /// For each key, <paramref name="values"/>[i] receives a pinnable slice (to destroy with
    /// <see cref="rocksdb_pinnableslice_destroy"/>) when found, else null; <paramref name="errors"/>[i] a malloc'ed
    /// message for a failure other than "not found", else null. <paramref name="sortedInput"/> is a C++ <c>bool</c>.
    /// </summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_batched_multi_get_cf(
        nint db, nint readOptions, nint columnFamily, nuint keyCount, byte** keys, nuint* keyLengths,
        nint* values, byte** errors, byte sortedInput);

    /// <summary>The bytes of a pinnable slice: valid until the slice is destroyed.</summary>
    [LibraryImport(Library)]
    internal static partial byte* rocksdb_pinnableslice_value(nint slice, nuint* length);

    /// <summary>Releases a pinnable slice (and the pin it holds on a block or memtable).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_pinnableslice_destroy(nint slice);

    [LibraryImport(Library)]
    internal static partial void rocksdb_put_cf(
        nint db, nint writeOptions, nint columnFamily, byte* key, nuint keyLength,
        byte* value, nuint valueLength, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_delete_cf(
        nint db, nint writeOptions, nint columnFamily, byte* key, nuint keyLength, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_delete_range_cf(
        nint db, nint writeOptions, nint columnFamily, byte* startKey, nuint startKeyLength,
        byte* endKey, nuint endKeyLength, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_write(nint db, nint writeOptions, nint batch, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_flush_cf(nint db, nint flushOptions, nint columnFamily, byte** errptr);

    /// <summary>Compacts [start, limit); a null start or limit means unbounded on that side. Reports no error.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_compact_range_cf(
        nint db, nint columnFamily, byte* startKey, nuint startKeyLength, byte* limitKey, nuint limitKeyLength);

    /// <summary>Returns a malloc'ed, NUL-terminated value (release with <see cref="rocksdb_free"/>), or null when unknown.</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial byte* rocksdb_property_value_cf(nint db, nint columnFamily, string propertyName);

    /// <summary>Returns 0 and sets <paramref name="value"/> when the integer property is known; -1 otherwise.</summary>
    [LibraryImport(Library)]
    internal static partial int rocksdb_property_int_cf(nint db, nint columnFamily, byte* propertyName, ulong* value);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_create_snapshot(nint db);

    [LibraryImport(Library)]
    internal static partial void rocksdb_release_snapshot(nint db, nint snapshot);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_checkpoint_object_create(nint db, byte** errptr);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void rocksdb_checkpoint_create(nint checkpoint, string checkpointDirectory, ulong logSizeForFlush, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_checkpoint_object_destroy(nint checkpoint);
}
