namespace TypedStore.Storage;

/// <summary>
/// Opens the engine a store runs on: the generated <c>Open(provider, options)</c> hands it every column family the
/// store needs. <see cref="RocksDbEngineProvider"/> and <see cref="MemoryEngineProvider"/> ship with TypedStore; a
/// remote engine ships its own.
/// </summary>
/// <remarks>
/// The store validates <see cref="StoreOptions"/> before it calls <see cref="Open"/>, and takes the returned engine
/// over: when anything after <see cref="Open"/> fails (a column family missing from the engine, the catalog check,
/// building the tables) the store disposes the engine before the exception leaves its <c>Open</c>. When
/// <see cref="Open"/> itself throws, it must release whatever it had acquired.
/// </remarks>
public abstract class StorageEngineProvider
{
    /// <summary>
    /// Opens (or creates, per <see cref="StoreOptions.CreateIfMissing"/>) an engine with exactly these column families,
    /// in this order, applying the engine-neutral <paramref name="options"/> (already validated).
    /// </summary>
    /// <param name="columnFamilies">The column families the store uses; missing ones are created unless read-only.</param>
    /// <param name="options">The store's options.</param>
    public abstract StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options);
}
