namespace TypedStore;

/// <summary>
/// A store's figures at one moment, from <c>GetStatistics()</c> of a generated store (docs/operations.md, "Statistics"):
/// one <see cref="TableStatistics"/> per table of the code, and totals over everything the store keeps.
/// </summary>
public sealed class StoreStatistics
{
    /// <summary>Creates the figures (the store does; tests may too).</summary>
    /// <param name="tables">Each table's figures, in table-name order.</param>
    /// <param name="liveDataBytes">Live data bytes of every column family of the store.</param>
    /// <param name="fileBytes">Table-file bytes of every column family of the store.</param>
    /// <param name="fileCount">Table files of every column family of the store.</param>
    public StoreStatistics(IReadOnlyList<TableStatistics> tables, long liveDataBytes, long fileBytes, int fileCount)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Tables = tables;
        LiveDataBytes = liveDataBytes;
        FileBytes = fileBytes;
        FileCount = fileCount;
        long rows = 0;
        foreach (TableStatistics table in tables)
        {
            rows += table.EstimatedRows;
        }

        EstimatedRows = rows;
    }

    /// <summary>Each table's figures, in table-name order.</summary>
    public IReadOnlyList<TableStatistics> Tables { get; }

    /// <summary>The tables' estimated rows, summed.</summary>
    public long EstimatedRows { get; }

    /// <summary>Live data bytes of everything the store keeps: tables, indexes, the catalog and the change log.</summary>
    public long LiveDataBytes { get; }

    /// <summary>Table-file bytes of everything the store keeps.</summary>
    public long FileBytes { get; }

    /// <summary>Table files of everything the store keeps.</summary>
    public int FileCount { get; }

    /// <summary>The figures of the table named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The store's code declares no table of that name.</exception>
    public TableStatistics this[string name]
    {
        get
        {
            foreach (TableStatistics table in Tables)
            {
                if (string.Equals(table.Name, name, StringComparison.Ordinal))
                {
                    return table;
                }
            }

            throw new KeyNotFoundException($"The statistics hold no table '{name}'.");
        }
    }
}
