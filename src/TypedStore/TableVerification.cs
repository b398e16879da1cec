namespace TypedStore;

/// <summary>
/// What <c>Verify()</c> found for one table: each index's entries compared with the entries its live rows call for,
/// read at one consistent moment (docs/indexes.md, "Verify").
/// </summary>
public sealed class TableVerification
{
    /// <summary>Creates a report.</summary>
    /// <param name="table">The table.</param>
    /// <param name="rows">The live rows read.</param>
    /// <param name="indexes">One result per index, in declaration order.</param>
    public TableVerification(string table, long rows, IReadOnlyList<IndexVerification> indexes)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(indexes);
        Table = table;
        Rows = rows;
        Indexes = indexes;
    }

    /// <summary>The table's name.</summary>
    public string Table { get; }

    /// <summary>The number of live rows the expected entries were computed from.</summary>
    public long Rows { get; }

    /// <summary>One result per index, in declaration order.</summary>
    public IReadOnlyList<IndexVerification> Indexes { get; }

    /// <summary>Whether every index holds exactly the entries its rows call for.</summary>
    public bool IsConsistent
    {
        get
        {
            foreach (IndexVerification index in Indexes)
            {
                if (!index.IsConsistent)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <inheritdoc/>
    public override string ToString()
        => $"Table '{Table}': {Rows} rows; " + string.Join("; ", Indexes);
}
