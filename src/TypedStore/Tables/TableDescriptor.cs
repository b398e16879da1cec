namespace TypedStore.Tables;

/// <summary>
/// What the runtime needs to know about a table, as declared by its <see cref="TableAttribute"/>.
/// Generated stores create one per table; the store's column families are named after <see cref="Name"/>.
/// </summary>
public sealed class TableDescriptor
{
    /// <summary>Describes a table.</summary>
    /// <param name="name">The table's (and its column family's) name.</param>
    /// <param name="kind">The table's kind.</param>
    /// <param name="softDelete">Whether deletes mark rows deleted instead of removing them.</param>
    /// <param name="ttlSeconds">For stream tables, the rows' lifetime in seconds; 0 means forever.</param>
    /// <param name="changeFeed">Whether changes are recorded in a change feed.</param>
    public TableDescriptor(string name, TableKind kind, bool softDelete = false, int ttlSeconds = 0, bool changeFeed = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!TableNames.IsValid(name))
        {
            throw new ArgumentException($"'{name}' is not a valid table name: {TableNames.Rule}", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ttlSeconds);
        Name = name;
        Kind = kind;
        SoftDelete = softDelete;
        TtlSeconds = ttlSeconds;
        ChangeFeed = changeFeed;
    }

    /// <summary>The table's name, which is also its column family's name.</summary>
    public string Name { get; }

    /// <summary>The table's kind.</summary>
    public TableKind Kind { get; }

    /// <summary>Whether deletes mark rows deleted instead of removing them.</summary>
    public bool SoftDelete { get; }

    /// <summary>For stream tables, the rows' lifetime in seconds; 0 means forever.</summary>
    public int TtlSeconds { get; }

    /// <summary>Whether changes are recorded in a change feed.</summary>
    public bool ChangeFeed { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
