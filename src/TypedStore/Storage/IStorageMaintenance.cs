namespace TypedStore.Storage;

/// <summary>
/// The maintenance capability of an engine that keeps files: flush, compaction, checkpoints and engine properties.
/// Obtained with <see cref="StorageEngine.TryGetCapability{TCapability}"/>. The RocksDB engine implements all of it;
/// the memory engine implements what applies (flush and compaction do nothing, properties and key counts are exact)
/// and throws <see cref="NotSupportedException"/> for checkpoints. A remote engine may have none of it.
/// </summary>
/// <remarks>Every member throws <see cref="ObjectDisposedException"/> once the engine is disposed.</remarks>
public interface IStorageMaintenance
{
    /// <summary>Flushes in-memory writes of every column family to table files (no-op for the memory engine).</summary>
    void Flush();

    /// <summary>Compacts the keys in [<paramref name="startKey"/>, <paramref name="endKey"/>) (empty means unbounded).</summary>
    void CompactRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey = default, ReadOnlySpan<byte> endKey = default);

    /// <summary>
    /// Writes a consistent copy of the whole store to <paramref name="directory"/>, which must not exist yet.
    /// Throws <see cref="NotSupportedException"/> on an engine that keeps no files.
    /// </summary>
    void CreateCheckpoint(string directory);

    /// <summary>Reads an engine property (e.g. <c>rocksdb.estimate-num-keys</c>) of one column family; <see langword="null"/> when unknown.</summary>
    string? GetProperty(StorageColumnFamily columnFamily, string name);

    /// <summary>The engine's estimate of the number of keys in a column family (exact for the memory engine).</summary>
    long EstimateKeyCount(StorageColumnFamily columnFamily);
}
