using TypedStore.Storage;

namespace TypedStore.Features.Indexes;

/// <summary>Every entry of one index, computed from its table's rows and checked, ready to be written (in key order).</summary>
internal sealed class IndexBuild(string table, string index, StorageColumnFamily columnFamily, List<(byte[] Entry, byte[] Value)> entries)
{
    public string Table { get; } = table;

    public string Index { get; } = index;

    public StorageColumnFamily ColumnFamily { get; } = columnFamily;

    public List<(byte[] Entry, byte[] Value)> Entries { get; } = entries;
}
