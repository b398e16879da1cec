using System.Globalization;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Operations;

/// <summary>Reads <see cref="StoreStatistics"/> from the engine's properties (RocksDB's names; the memory engine answers those that apply).</summary>
internal static class StoreStatisticsReader
{
    private const string LiveDataSize = "rocksdb.estimate-live-data-size";
    private const string FileSize = "rocksdb.total-sst-files-size";
    private const string FilesAtLevel = "rocksdb.num-files-at-level";

    // RocksDB's default number of levels; a level beyond the last reports nothing and counts as 0.
    private const int Levels = 7;

    /// <remarks>
    /// Each column family is measured once and the tables' figures and the totals are added up from those readings, so
    /// the totals always cover the tables even while a background compaction changes the engine's estimates.
    /// </remarks>
    public static StoreStatistics Read(StorageEngine engine, IStorageMaintenance maintenance, IReadOnlyList<TableDescriptor> tables, Func<string, RowCacheStatistics?>? rowCaches = null)
    {
        Dictionary<string, Figures> byColumnFamily = new(StringComparer.Ordinal);
        Figures total = default;
        foreach (StorageColumnFamily columnFamily in engine.ColumnFamilies)
        {
            Figures figures = Measure(maintenance, columnFamily);
            byColumnFamily[columnFamily.Name] = figures;
            total += figures;
        }

        var perTable = new TableStatistics[tables.Count];
        for (int i = 0; i < tables.Count; i++)
        {
            TableDescriptor table = tables[i];
            Figures figures = byColumnFamily[table.Name];
            foreach (IndexDescriptor index in table.Indexes)
            {
                figures += byColumnFamily[IndexDescriptor.ColumnFamilyName(table.Name, index.Name)];
            }

            long rows = maintenance.EstimateKeyCount(engine.GetColumnFamily(table.Name));
            perTable[i] = new TableStatistics(table.Name, rows, figures.LiveDataBytes, figures.FileBytes, figures.FileCount)
            {
                RowCache = rowCaches?.Invoke(table.Name),
            };
        }

        return new StoreStatistics(perTable, total.LiveDataBytes, total.FileBytes, total.FileCount);
    }

    private static Figures Measure(IStorageMaintenance maintenance, StorageColumnFamily columnFamily)
    {
        int files = 0;
        for (int level = 0; level < Levels; level++)
        {
            files += (int)ReadLong(maintenance, columnFamily, FilesAtLevel + level.ToString(CultureInfo.InvariantCulture));
        }

        return new Figures(ReadLong(maintenance, columnFamily, LiveDataSize), ReadLong(maintenance, columnFamily, FileSize), files);
    }

    // An unknown property (an engine that keeps no files) counts as 0.
    private static long ReadLong(IStorageMaintenance maintenance, StorageColumnFamily columnFamily, string property)
        => maintenance.GetProperty(columnFamily, property) is { } text && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : 0;

    private readonly record struct Figures(long LiveDataBytes, long FileBytes, int FileCount)
    {
        public static Figures operator +(Figures a, Figures b) => new(a.LiveDataBytes + b.LiveDataBytes, a.FileBytes + b.FileBytes, a.FileCount + b.FileCount);
    }
}
