using System.Runtime.InteropServices;
using TypedStore.Storage.RocksDb.Handles;
using TypedStore.Storage.RocksDb.Native;
using TypedStore.Storage.RocksDb.Recovery;

namespace TypedStore.Storage.RocksDb;

/// <summary>Opening a store: options, the column family list, the native open and the handle ownership it hands over.</summary>
internal sealed unsafe partial class RocksDbEngine
{
    /// <summary>RocksDB's column family that always exists; it is opened even when not requested.</summary>
    private const string DefaultColumnFamilyName = "default";

    /// <summary>The file naming the live manifest; every RocksDB store directory has one.</summary>
    private const string CurrentFileName = "CURRENT";

    private RocksDbEngine(
        string path,
        bool readOnly,
        DatabaseHandle database,
        ReadOptionsHandle readOptions,
        WriteOptionsHandle writeOptions,
        WriteOptionsHandle syncedWriteOptions,
        FlushOptionsHandle flushOptions,
        ColumnFamilyHandle[] openedColumnFamilies,
        string[] openedNames,
        string[] requestedNames)
    {
        _path = path;
        _readOnly = readOnly;
        _database = database;
        _readOptions = readOptions;
        _writeOptions = writeOptions;
        _syncedWriteOptions = syncedWriteOptions;
        _flushOptions = flushOptions;
        _openedColumnFamilies = openedColumnFamilies;
        _openedNames = openedNames;

        // Only the requested column families are exposed, in the requested order; the others
        // (RocksDB's "default", families left in the store by an older schema) stay internal.
        var exposed = new StorageColumnFamily[requestedNames.Length];
        _columnFamiliesByName = new Dictionary<string, RocksDbColumnFamily>(requestedNames.Length, StringComparer.Ordinal);
        for (int i = 0; i < requestedNames.Length; i++)
        {
            int opened = Array.IndexOf(openedNames, requestedNames[i]);
            var family = new RocksDbColumnFamily(this, requestedNames[i], i, openedColumnFamilies[opened].Pointer);
            exposed[i] = family;
            _columnFamiliesByName.Add(family.Name, family);
        }

        _columnFamilies = Array.AsReadOnly(exposed);
        if (!readOnly)
        {
            OpenForWriting.TryAdd(Path.TrimEndingDirectorySeparator(path), 0);
        }
    }

    /// <summary>
    /// Opens (or creates) the store at <paramref name="path"/> with <paramref name="columnFamilies"/>.
    /// Throws <see cref="StoreLockedException"/> when another opener holds the store, and
    /// <see cref="StorageEngineException"/> (naming the path) for every other failure.
    /// </summary>
    public static StorageEngine Open(string path, IReadOnlyList<string> columnFamilies, StoreOptions options, RocksDbOptions rocksDb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(columnFamilies);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rocksDb);
        options.Validate();
        rocksDb.Validate();
        string[] requested = ValidateColumnFamilyNames(columnFamilies);
        string fullPath = Path.GetFullPath(path);

        // Before anything else reads the store through RocksDB: a damaged store must be refused while every file
        // is still as it was (RocksDB's own recovery would delete the table files a damaged manifest no longer names).
        StoreDamageCheck.ThrowIfDamaged(fullPath);
        ThrowIfNotOpenable(fullPath, options);

        bool readOnly = options.ReadOnly;
        using OptionsHandle databaseOptions = CreateDatabaseOptions(options, rocksDb);
        ThrowIfTablesMissing(databaseOptions, fullPath, requested, options);
        string[] opened = ColumnFamiliesToOpen(databaseOptions, fullPath, requested, readOnly);

        // Every managed object is allocated before the native open, so nothing can fail between the
        // open succeeding and its pointers being owned by handles.
        var database = new DatabaseHandle();
        var columnFamilyHandles = new ColumnFamilyHandle[opened.Length];
        for (int i = 0; i < columnFamilyHandles.Length; i++)
        {
            columnFamilyHandles[i] = new ColumnFamilyHandle();
        }

        ReadOptionsHandle? readOptions = null;
        WriteOptionsHandle? writeOptions = null;
        WriteOptionsHandle? syncedWriteOptions = null;
        FlushOptionsHandle? flushOptions = null;
        try
        {
            readOptions = ReadOptionsHandle.Create();
            writeOptions = WriteOptionsHandle.Create(sync: options.SyncWrites, disableWal: options.DisableWal);
            syncedWriteOptions = WriteOptionsHandle.Create(sync: true, disableWal: false);
            flushOptions = FlushOptionsHandle.CreateWaiting();

            OpenNative(databaseOptions, fullPath, opened, readOnly, database, columnFamilyHandles, [readOptions, writeOptions, syncedWriteOptions, flushOptions]);
        }
        catch
        {
            // Before the open succeeded nothing is owned by the database handle: release each piece.
            readOptions?.Dispose();
            writeOptions?.Dispose();
            syncedWriteOptions?.Dispose();
            flushOptions?.Dispose();
            foreach (ColumnFamilyHandle handle in columnFamilyHandles)
            {
                handle.Dispose();
            }

            database.Dispose();
            throw;
        }

        return new RocksDbEngine(
            fullPath, readOnly, database, readOptions, writeOptions, syncedWriteOptions, flushOptions, columnFamilyHandles, opened, requested)
        {
            _scanReadOptions = rocksDb.ExperimentScanReadOptions is { Length: > 0 } scan ? ScanReadOptions.Parse(scan) : null,
        };
    }

    private static string[] ValidateColumnFamilyNames(IReadOnlyList<string> columnFamilies)
    {
        var names = new string[columnFamilies.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            string? name = columnFamilies[i];
            if (string.IsNullOrEmpty(name))
            {
                throw new ArgumentException($"Column family name #{i} is null or empty.", nameof(columnFamilies));
            }

            if (name.Contains('\0', StringComparison.Ordinal))
            {
                throw new ArgumentException($"Column family name '{name.Replace("\0", "\\0", StringComparison.Ordinal)}' contains a NUL character.", nameof(columnFamilies));
            }

            if (!seen.Add(name))
            {
                throw new ArgumentException($"Column family '{name}' is listed more than once.", nameof(columnFamilies));
            }

            names[i] = name;
        }

        return names;
    }

    /// <summary>Clear errors for paths RocksDB would reject with a less helpful message.</summary>
    private static void ThrowIfNotOpenable(string fullPath, StoreOptions options)
    {
        if (File.Exists(fullPath))
        {
            throw new StorageEngineException($"Cannot open a store at '{fullPath}': it is a file, and a store is a directory.");
        }

        bool canCreate = options.CreateIfMissing && !options.ReadOnly;
        if (canCreate)
        {
            // RocksDB creates the store's own directory, not its parents, and says only "No such file or directory".
            string? parent = Path.GetDirectoryName(fullPath);
            if (parent is not null && !Directory.Exists(fullPath) && !Directory.Exists(parent))
            {
                string what = File.Exists(parent) ? "is a file" : "does not exist";
                throw new StorageEngineException(
                    $"Cannot create a store at '{fullPath}': its parent directory '{parent}' {what}. The store's own directory is created, its parents are not.");
            }

            return;
        }

        string reason = options.ReadOnly ? "the store is opened read-only" : "StoreOptions.CreateIfMissing is false";
        if (!Directory.Exists(fullPath))
        {
            throw new StorageEngineException($"Cannot open the store at '{fullPath}': the directory does not exist and {reason}.");
        }

        // Checked here because RocksDB, when it then refuses to create the store, has already left a LOCK
        // and a LOG file in the directory: a failed open must not write anything.
        if (!File.Exists(Path.Combine(fullPath, CurrentFileName)))
        {
            throw new StorageEngineException(
                $"Cannot open the store at '{fullPath}': the directory holds no RocksDB store (no {CurrentFileName} file) and {reason}.");
        }
    }

    /// <summary>
    /// An open that may not create anything (ReadOnly, or CreateIfMissing = false) cannot add a table's column
    /// family either, and RocksDB would only say "Column family not found". Checked before the native open, so
    /// nothing is written: the error names every missing table and how to add them.
    /// </summary>
    private static void ThrowIfTablesMissing(OptionsHandle databaseOptions, string fullPath, string[] requested, StoreOptions options)
    {
        if (options.CreateIfMissing && !options.ReadOnly)
        {
            return;
        }

        List<string> stored = ListColumnFamilies(databaseOptions, fullPath);
        List<string> missing = [.. requested.Where(name => !stored.Contains(name))];
        if (stored.Count == 0 || missing.Count == 0)
        {
            // Nothing missing; or nothing listed: not a readable store, which the native open reports.
            return;
        }

        // The catalog's and the change log's column families start with "__"; table names cannot.
        List<string> tables = missing.FindAll(name => !name.StartsWith("__", StringComparison.Ordinal));
        List<string> own = missing.FindAll(name => name.StartsWith("__", StringComparison.Ordinal));
        var what = new List<string>(2);
        if (tables.Count > 0)
        {
            what.Add($"the table{(tables.Count == 1 ? string.Empty : "s")} {Quoted(tables)} declared in the code");
        }

        if (own.Count > 0)
        {
            what.Add($"TypedStore's own column families {Quoted(own)} (its catalog, or the change log of a ChangeFeed table: the store was written without them)");
        }

        string reason = options.ReadOnly ? "the store is opened read-only" : "StoreOptions.CreateIfMissing is false";
        string them = missing.Count == 1 ? "it" : "them";
        throw new SchemaMismatchException(
            $"The store at '{fullPath}' does not hold {string.Join(", nor ", what)}, and {reason}, so {(missing.Count == 1 ? "it" : "they")} cannot be added. " +
            $"Open the store read-write once (CreateIfMissing = true, the default) to add {them}; a new table starts empty. Nothing was written.",
            SchemaChange.TableMissing,
            string.Empty)
        {
            Table = tables.Count > 0 ? tables[0] : own[0],
        };
    }

    private static string Quoted(List<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));

    private static OptionsHandle CreateDatabaseOptions(StoreOptions options, RocksDbOptions rocksDb)
    {
        bool create = options.CreateIfMissing && !options.ReadOnly;
        OptionsHandle databaseOptions = OptionsHandle.Create(createIfMissing: create, createMissingColumnFamilies: create);
        if (options.DisableWal)
        {
            // Without the WAL, what survives a crash is what was flushed, and RocksDB flushes each column family on
            // its own schedule (when its memtable fills): a crash could keep one table's half of a batch and lose
            // the other's. Atomic flush writes every column family's memtable at one point of the write history.
            databaseOptions.SetAtomicFlush(true);
        }

        // Bounded across column families: a rarely written one (the catalog's) must not keep every log file alive.
        databaseOptions.SetMaxTotalWalSize(rocksDb.MaxTotalWalBytes);

        // A point read that misses a memtable (most reads once the data outgrows it) skips its skip list.
        databaseOptions.SetMemtableBloomFilter(rocksDb.MemtableBloomFilterRatio);

        if (rocksDb.BlockCacheBytes > 0 || rocksDb.BloomFilterBitsPerKey > 0)
        {
            // The table factory copies the table options and shares the cache (reference-counted natively),
            // so both handles can go right away; every column family is opened with these options, hence one cache.
            // Without BlockCacheBytes the factory keeps RocksDB's own default cache.
            using BlockBasedTableOptionsHandle tableOptions = BlockBasedTableOptionsHandle.Create();
            if (rocksDb.BlockCacheBytes > 0)
            {
                using CacheHandle cache = CacheHandle.CreateLru(rocksDb.BlockCacheBytes);
                tableOptions.SetBlockCache(cache);
            }

            if (rocksDb.BloomFilterBitsPerKey > 0)
            {
                tableOptions.SetBloomFilter(rocksDb.BloomFilterBitsPerKey);
            }

            databaseOptions.SetBlockBasedTableFactory(tableOptions);
        }

        if (rocksDb.ExperimentOptionsString is { Length: > 0 } experiment)
        {
            // Applied last, on top of everything above (a nested block_based_table_factory={...} starts from the
            // table options set above, cache and filter included).
            using (databaseOptions)
            {
                return databaseOptions.WithOptionsString(experiment);
            }
        }

        return databaseOptions;
    }

    /// <summary>
    /// The requested column families plus "default" (which always exists). Read-write also needs every column
    /// family already in the store: RocksDB refuses a read-write open that leaves one out (a table dropped from
    /// the code must not make the store unopenable). A read-only open may open a subset.
    /// </summary>
    private static string[] ColumnFamiliesToOpen(OptionsHandle databaseOptions, string fullPath, string[] requested, bool readOnly)
    {
        var names = new List<string>(requested);
        if (!names.Contains(DefaultColumnFamilyName))
        {
            names.Add(DefaultColumnFamilyName);
        }

        if (!readOnly && Directory.Exists(fullPath))
        {
            foreach (string existing in ListColumnFamilies(databaseOptions, fullPath))
            {
                if (!names.Contains(existing))
                {
                    names.Add(existing);
                }
            }
        }

        return [.. names];
    }

    /// <summary>The column families stored at <paramref name="fullPath"/>; none when there is no store there yet.</summary>
    private static List<string> ListColumnFamilies(OptionsHandle databaseOptions, string fullPath)
    {
        var names = new List<string>();
        nuint count = 0;
        byte* error = null;
        byte** list = NativeMethods.rocksdb_list_column_families(databaseOptions.Pointer, fullPath, &count, &error);
        if (error != null)
        {
            // No store there yet (no CURRENT file) or unreadable: the open itself reports any real problem.
            NativeMethods.rocksdb_free(error);
            return names;
        }

        if (list == null)
        {
            return names;
        }

        try
        {
            for (nuint i = 0; i < count; i++)
            {
                names.Add(Marshal.PtrToStringUTF8((nint)list[i]) ?? string.Empty);
            }
        }
        finally
        {
            NativeMethods.rocksdb_list_column_families_destroy(list, count);
        }

        return names;
    }

    private static void OpenNative(
        OptionsHandle databaseOptions,
        string fullPath,
        string[] names,
        bool readOnly,
        DatabaseHandle database,
        ColumnFamilyHandle[] columnFamilyHandles,
        RocksDbHandle[] sharedOptions)
    {
        using var nativeNames = new NativeUtf8StringArray(names);
        var familyOptions = new nint[names.Length];
        Array.Fill(familyOptions, databaseOptions.Pointer);
        var familyHandles = new nint[names.Length];
        byte* error = null;
        nint db;
        nint optimistic = 0;
        fixed (nint* familyOptionsPointer = familyOptions)
        fixed (nint* familyHandlesPointer = familyHandles)
        {
            if (readOnly)
            {
                db = NativeMethods.rocksdb_open_for_read_only_column_families(
                    databaseOptions.Pointer, fullPath, names.Length, nativeNames.Pointers, familyOptionsPointer, familyHandlesPointer,
                    errorIfWalFileExists: 0, &error);
            }
            else
            {
                // Read-write stores open through RocksDB's optimistic transaction DB with serial validation, so a
                // transaction's commit is checked in the write queue against every write (docs/transactions.md);
                // everything else uses its base database, exactly as a plain open would.
                nint optimisticOptions = NativeMethods.rocksdb_optimistictransactiondb_options_create();
                try
                {
                    NativeMethods.rocksdb_optimistictransactiondb_options_set_validate_policy(optimisticOptions, NativeMethods.ValidateSerial);
                    optimistic = NativeMethods.rocksdb_optimistictransactiondb_open_column_families_with_otxn_db_options(
                        databaseOptions.Pointer, optimisticOptions, fullPath, names.Length, nativeNames.Pointers, familyOptionsPointer, familyHandlesPointer, &error);
                }
                finally
                {
                    NativeMethods.rocksdb_optimistictransactiondb_options_destroy(optimisticOptions);
                }

                db = error == null ? NativeMethods.rocksdb_optimistictransactiondb_get_base_db(optimistic) : 0;
            }
        }

        if (error != null)
        {
            string message = NativeError.TakeMessage(error);
            if (NativeError.IsLockError(message))
            {
                throw new StoreLockedException(
                    $"The store at '{fullPath}' is already open (in this process or another one); close it there first. RocksDB: {message}");
            }

            throw StoreDamageCheck.ForOpenFailure(fullPath, message)
                ?? new StorageEngineException($"Cannot open the store at '{fullPath}': {message}");
        }

        for (int i = 0; i < familyHandles.Length; i++)
        {
            columnFamilyHandles[i].Attach(familyHandles[i]);
        }

        database.Attach(db, optimistic, columnFamilyHandles, sharedOptions);
    }
}
