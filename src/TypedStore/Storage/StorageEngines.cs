namespace TypedStore.Storage;

/// <summary>Shortcuts that open the engines TypedStore ships, for tests and benchmarks that work below the store.</summary>
internal static class StorageEngines
{
    /// <summary>
    /// Opens (or creates, per <see cref="StoreOptions.CreateIfMissing"/>) a RocksDB store at <paramref name="path"/>
    /// with exactly these column families (missing ones are created unless read-only).
    /// Throws <see cref="StoreLockedException"/> when the directory is already open.
    /// </summary>
    public static StorageEngine OpenRocksDb(string path, IReadOnlyList<string> columnFamilies, StoreOptions? options = null, RocksDbOptions? rocksDb = null)
        => new RocksDbEngineProvider(path, rocksDb).Open(columnFamilies, options ?? StoreOptions.Default);

    /// <summary>
    /// Creates an empty in-memory engine with these column families. Unlike <see cref="MemoryEngineProvider"/> (what
    /// stores open through), a read-only one is allowed: the engine contract tests check its read-only refusals.
    /// </summary>
    public static StorageEngine CreateInMemory(IReadOnlyList<string> columnFamilies, StoreOptions? options = null)
        => Memory.MemoryEngine.Create(columnFamilies, options ?? StoreOptions.Default);
}
