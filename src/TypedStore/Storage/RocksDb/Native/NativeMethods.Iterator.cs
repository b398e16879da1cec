using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Library)]
    internal static partial nint rocksdb_create_iterator_cf(nint db, nint readOptions, nint columnFamily);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_destroy(nint iterator);

    [LibraryImport(Library)]
    internal static partial byte rocksdb_iter_valid(nint iterator);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_seek_to_first(nint iterator);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_seek_to_last(nint iterator);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_seek(nint iterator, byte* key, nuint keyLength);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_seek_for_prev(nint iterator, byte* key, nuint keyLength);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_next(nint iterator);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_prev(nint iterator);

    /// <summary>The current key, owned by the iterator and valid until it moves or is destroyed.</summary>
    [LibraryImport(Library)]
    internal static partial byte* rocksdb_iter_key(nint iterator, nuint* keyLength);

    /// <summary>The current value, owned by the iterator and valid until it moves or is destroyed.</summary>
    [LibraryImport(Library)]
    internal static partial byte* rocksdb_iter_value(nint iterator, nuint* valueLength);

    [LibraryImport(Library)]
    internal static partial void rocksdb_iter_get_error(nint iterator, byte** errptr);
}
