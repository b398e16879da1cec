using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

// The optimistic transaction DB (utilities/optimistic_transaction_db.h): the store opens its database through it, so a
// transaction's commit is validated inside RocksDB's write queue, atomically with every other write (docs/transactions.md).
internal static unsafe partial class NativeMethods
{
    /// <summary>OccValidationPolicy::kValidateSerial: conflicts are checked in the write queue, so writes that do not go through a transaction are ordered against the check too.</summary>
    internal const int ValidateSerial = 0;

    [LibraryImport(Library)]
    internal static partial nint rocksdb_optimistictransactiondb_options_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_optimistictransactiondb_options_destroy(nint options);

    [LibraryImport(Library)]
    internal static partial void rocksdb_optimistictransactiondb_options_set_validate_policy(nint options, int policy);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint rocksdb_optimistictransactiondb_open_column_families_with_otxn_db_options(
        nint options, nint optimisticOptions, string name, int columnFamilyCount, byte** columnFamilyNames, nint* columnFamilyOptions, nint* columnFamilyHandles, byte** errptr);

    /// <summary>A <c>rocksdb_t</c> over the transaction DB's base database: every plain read and write goes through it.</summary>
    [LibraryImport(Library)]
    internal static partial nint rocksdb_optimistictransactiondb_get_base_db(nint optimisticDb);

    /// <summary>Frees the wrapper <see cref="rocksdb_optimistictransactiondb_get_base_db"/> returned (not the database).</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_optimistictransactiondb_close_base_db(nint baseDb);

    [LibraryImport(Library)]
    internal static partial void rocksdb_optimistictransactiondb_close(nint optimisticDb);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_optimistictransaction_options_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_optimistictransaction_options_destroy(nint options);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_optimistictransaction_begin(nint optimisticDb, nint writeOptions, nint transactionOptions, nint oldTransaction);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_transaction_get_pinned_for_update_cf(
        nint transaction, nint readOptions, nint columnFamily, byte* key, nuint keyLength, byte exclusive, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_transaction_rebuild_from_writebatch(nint transaction, nint batch, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_transaction_commit(nint transaction, byte** errptr);

    [LibraryImport(Library)]
    internal static partial void rocksdb_transaction_destroy(nint transaction);
}
