namespace TypedStore.Tables;

/// <summary>
/// One secondary index of a table, as declared by <see cref="IndexAttribute"/> and generated into the table's
/// <see cref="TableDescriptor"/>: its name, whether it is unique, and its members in index order. Its entries live in the
/// column family <see cref="ColumnFamilyName"/> (docs/indexes.md).
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class IndexDescriptor
{
    /// <summary>Describes an index.</summary>
    /// <param name="name">The index's name (the table-name rule).</param>
    /// <param name="unique">Whether no two live rows may hold the same values (rows with a null part excepted).</param>
    /// <param name="members">The indexed members, in index order; at least one.</param>
    public IndexDescriptor(string name, bool unique, IReadOnlyList<string> members)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(members);
        if (!TableNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid index name: {TableNames.Rule}", nameof(name));
        }

        if (members.Count == 0)
        {
            throw new ArgumentException($"Index '{name}' has no members.", nameof(members));
        }

        Name = name;
        Unique = unique;
        Members = [.. members];
    }

    /// <summary>The index's name, unique within its table.</summary>
    public string Name { get; }

    /// <summary>Whether the index is unique.</summary>
    public bool Unique { get; }

    /// <summary>The indexed members, in index order.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>The column family of the index of table <paramref name="table"/> named <paramref name="index"/>: <c>{table}.{index}</c>.</summary>
    /// <remarks>A '.' cannot occur in a table name, so no table's column family can be named like an index's.</remarks>
    public static string ColumnFamilyName(string table, string index) => table + "." + index;

    /// <inheritdoc/>
    public override string ToString() => $"{Name}({string.Join(", ", Members)}){(Unique ? " unique" : string.Empty)}";
}
