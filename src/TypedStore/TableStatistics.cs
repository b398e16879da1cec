namespace TypedStore;

/// <summary>One table's figures in <see cref="StoreStatistics"/>, read from the engine's properties (docs/operations.md, "Statistics").</summary>
/// <param name="Name">The table's name.</param>
/// <param name="EstimatedRows">
/// The engine's estimate of the table's keys (RocksDB's <c>rocksdb.estimate-num-keys</c>; exact on the memory engine):
/// rows, plus the deletion markers of a SoftDelete table; overwrites and deletes not yet compacted may skew it.
/// </param>
/// <param name="LiveDataBytes">
/// The bytes of live data in the table's files and its indexes' (RocksDB's <c>rocksdb.estimate-live-data-size</c>:
/// written by a flush, so recent writes count once <c>Flush</c> ran; exact key and value bytes on the memory engine).
/// </param>
/// <param name="FileBytes">The size of the table's files and its indexes' on disk (<c>rocksdb.total-sst-files-size</c>; 0 on the memory engine).</param>
/// <param name="FileCount">How many table files hold the table and its indexes (<c>rocksdb.num-files-at-level</c><i>N</i> summed; 0 on the memory engine).</param>
public sealed record TableStatistics(string Name, long EstimatedRows, long LiveDataBytes, long FileBytes, int FileCount)
{
    /// <summary>The table's row cache (<c>[Table(CacheSize = ...)]</c>, docs/row-cache.md); <see langword="null"/> for a table without one.</summary>
    public RowCacheStatistics? RowCache { get; init; }
}
