using System.Runtime.InteropServices;

namespace TypedStore.Storage.RocksDb.Native;

/// <summary>RocksDB's backup engine (<c>rocksdb_backup_engine_*</c>, <c>rocksdb_restore_options_*</c>): incremental backups and restore.</summary>
internal static unsafe partial class NativeMethods
{
    /// <summary>Opens (and creates when missing) the backup directory <paramref name="path"/>; <paramref name="options"/> is a <c>rocksdb_options_t</c> (its Env and logger).</summary>
    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint rocksdb_backup_engine_open(nint options, string path, byte** errptr);

    /// <summary>Creates a new backup of <paramref name="db"/>; <paramref name="flushBeforeBackup"/> 1 flushes the memtables first.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_backup_engine_create_new_backup_flush(nint backupEngine, nint db, byte flushBeforeBackup, byte** errptr);

    /// <summary>Checks that every file of a backup exists with its recorded size.</summary>
    [LibraryImport(Library)]
    internal static partial void rocksdb_backup_engine_verify_backup(nint backupEngine, uint backupId, byte** errptr);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void rocksdb_backup_engine_restore_db_from_backup(
        nint backupEngine, string dbDirectory, string walDirectory, nint restoreOptions, uint backupId, byte** errptr);

    /// <summary>Returns a new <c>rocksdb_backup_engine_info_t</c> (never null), released with <see cref="rocksdb_backup_engine_info_destroy"/>.</summary>
    [LibraryImport(Library)]
    internal static partial nint rocksdb_backup_engine_get_backup_info(nint backupEngine);

    [LibraryImport(Library)]
    internal static partial int rocksdb_backup_engine_info_count(nint info);

    /// <summary>Seconds since the Unix epoch.</summary>
    [LibraryImport(Library)]
    internal static partial long rocksdb_backup_engine_info_timestamp(nint info, int index);

    [LibraryImport(Library)]
    internal static partial uint rocksdb_backup_engine_info_backup_id(nint info, int index);

    [LibraryImport(Library)]
    internal static partial ulong rocksdb_backup_engine_info_size(nint info, int index);

    [LibraryImport(Library)]
    internal static partial uint rocksdb_backup_engine_info_number_files(nint info, int index);

    [LibraryImport(Library)]
    internal static partial void rocksdb_backup_engine_info_destroy(nint info);

    [LibraryImport(Library)]
    internal static partial void rocksdb_backup_engine_close(nint backupEngine);

    [LibraryImport(Library)]
    internal static partial nint rocksdb_restore_options_create();

    [LibraryImport(Library)]
    internal static partial void rocksdb_restore_options_destroy(nint restoreOptions);
}
