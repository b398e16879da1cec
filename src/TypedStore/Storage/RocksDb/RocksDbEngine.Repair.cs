using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;
using TypedStore.Storage.RocksDb.Recovery;

namespace TypedStore.Storage.RocksDb;

/// <summary>Repairing a store whose MANIFEST or WAL is damaged (what <see cref="StoreCorruptedException"/> refuses).</summary>
internal sealed unsafe partial class RocksDbEngine
{
    /// <summary>RocksDB's <c>WALRecoveryMode::kPointInTimeRecovery</c>: replay each WAL up to its first damaged record.</summary>
    private const int PointInTimeRecovery = 2;

    /// <summary>
    /// Repairs the store at <paramref name="fullPath"/> in place, keeping as much as can be read; the caller works on
    /// a copy (<see cref="StoreRepair"/>), since both ways rewrite the directory.
    /// </summary>
    /// <remarks>
    /// <para>
    /// An intact MANIFEST means the damage is in a WAL: the store is opened with point-in-time recovery, which replays
    /// the WAL up to the damaged record (a consistent prefix of the writes) and, as every open does, writes what it
    /// replayed into table files, after which the damaged WAL is no longer needed.
    /// </para>
    /// <para>
    /// Otherwise (a damaged MANIFEST, a missing <c>CURRENT</c>) RocksDB's <c>RepairDB</c> builds a new MANIFEST from
    /// every table file in the directory, so rows a damaged MANIFEST no longer named come back. It learns the column
    /// families from the table files, though, so WAL records of a table that had no table file yet are not recovered
    /// (measured: a store whose rows were all still in the WAL came back empty); that is why it is only the fallback.
    /// </para>
    /// </remarks>
    internal static void Repair(string fullPath)
    {
        if (HasIntactManifest(fullPath))
        {
            RecoverWalPrefix(fullPath);
        }
        else
        {
            RepairFromTableFiles(fullPath);
        }
    }

    private static bool HasIntactManifest(string fullPath)
    {
        try
        {
            StoreDamageCheck.ThrowIfDamaged(fullPath);
            return File.Exists(Path.Combine(fullPath, CurrentFileName));
        }
        catch (StoreCorruptedException)
        {
            return false;
        }
    }

    private static void RecoverWalPrefix(string fullPath)
    {
        using OptionsHandle options = OptionsHandle.Create(createIfMissing: false, createMissingColumnFamilies: false);
        NativeMethods.rocksdb_options_set_wal_recovery_mode(options.Pointer, PointInTimeRecovery);
        string[] families = [.. ListColumnFamilies(options, fullPath)];
        var database = new DatabaseHandle();
        var handles = new ColumnFamilyHandle[families.Length];
        for (int i = 0; i < handles.Length; i++)
        {
            handles[i] = new ColumnFamilyHandle();
        }

        try
        {
            OpenNative(options, fullPath, families, readOnly: false, database, handles, sharedOptions: []);
        }
        finally
        {
            // Open (recovery, and the flush of what it replayed) is all the repair needs; closing releases the handles.
            database.Dispose();
            foreach (ColumnFamilyHandle handle in handles)
            {
                handle.Dispose();
            }
        }
    }

    private static void RepairFromTableFiles(string fullPath)
    {
        using OptionsHandle options = OptionsHandle.Create(createIfMissing: false, createMissingColumnFamilies: false);

        // Best effort, unlike an open: with paranoid checks a WAL with one damaged record is skipped whole.
        NativeMethods.rocksdb_options_set_paranoid_checks(options.Pointer, 0);
        byte* error = null;
        NativeMethods.rocksdb_repair_db(options.Pointer, fullPath, &error);
        if (error != null)
        {
            string message = NativeError.TakeMessage(error);
            throw new StorageEngineException($"RocksDB could not repair the store at '{fullPath}': {message}");
        }
    }
}
