namespace TypedStore.Storage;

/// <summary>Opens the engines TypedStore ships. Generated stores call these; applications rarely need to.</summary>
public static class StorageEngines
{
    /// <summary>
    /// Opens (or creates, per <see cref="StoreOptions.CreateIfMissing"/>) a RocksDB store at <paramref name="path"/>
    /// with exactly these column families (missing ones are created unless read-only).
    /// Throws <see cref="StoreLockedException"/> when the directory is already open.
    /// </summary>
    public static StorageEngine OpenRocksDb(string path, IReadOnlyList<string> columnFamilies, StoreOptions? options = null)
        => RocksDb.RocksDbEngine.Open(path, columnFamilies, options ?? StoreOptions.Default);

    /// <summary>Creates an empty in-memory engine with these column families.</summary>
    public static StorageEngine CreateInMemory(IReadOnlyList<string> columnFamilies, StoreOptions? options = null)
        => Memory.MemoryEngine.Create(columnFamilies, options ?? StoreOptions.Default);
}
