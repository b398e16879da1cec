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

    public static StoreStatistics Read(StorageEngine engine, IStorageMaintenance maintenance, IReadOnlyList<TableDescriptor> tables)
    {
        var perTable = new TableStatistics[tables.Count];
        for (int i = 0; i < tables.Count; i++)
        {
            TableDescriptor table = tables[i];
            StorageColumnFamily rows = engine.GetColumnFamily(table.Name);
            Figures figures = Measure(maintenance, rows);
            foreach (IndexDescriptor index in table.Indexes)
            {
                figures += Measure(maintenance, engine.GetColumnFamily(IndexDescriptor.ColumnFamilyName(table.Name, index.Name)));
            }

            perTable[i] = new TableStatistics(table.Name, maintenance.EstimateKeyCount(rows), figures.LiveDataBytes, figures.FileBytes, figures.FileCount);
        }

        Figures total = default;
        foreach (StorageColumnFamily columnFamily in engine.ColumnFamilies)
        {
            total += Measure(maintenance, columnFamily);
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
