namespace TypedStore.Storage.RocksDb;

/// <summary>A column family of a <see cref="RocksDbEngine"/>, carrying its native handle.</summary>
internal sealed class RocksDbColumnFamily : StorageColumnFamily
{
    internal RocksDbColumnFamily(RocksDbEngine engine, string name, int index, nint nativeHandle)
        : base(name, index)
    {
        Engine = engine;
        NativeHandle = nativeHandle;
    }

    /// <summary>The engine that opened this column family; operations check it so a handle from another store is rejected.</summary>
    internal RocksDbEngine Engine { get; }

    /// <summary>
    /// The <c>rocksdb_column_family_handle_t*</c>, owned by the engine's database handle. Only dereferenced by
    /// native calls made while that handle (or a child that keeps it open) is leased.
    /// </summary>
    internal nint NativeHandle { get; }
}
