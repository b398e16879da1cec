namespace TypedStore.Tables;

/// <summary>
/// What the runtime needs to know about a table, as declared by its <see cref="TableAttribute"/>.
/// Generated stores create one per table; the store's column families are named after <see cref="Name"/>.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed class TableDescriptor
{
    /// <summary>Describes a table.</summary>
    /// <param name="name">The table's (and its column family's) name.</param>
    /// <param name="kind">The table's kind.</param>
    /// <param name="softDelete">Whether deletes mark rows deleted instead of removing them.</param>
    /// <param name="ttlSeconds">For stream tables, the rows' lifetime in seconds; 0 means forever.</param>
    /// <param name="changeFeed">Whether changes are recorded in a change feed.</param>
    /// <param name="schema">The rows' schema, checked against the store's catalog on open; <see langword="null"/> leaves the table unchecked.</param>
    /// <param name="indexes">The table's secondary indexes (<see cref="IndexAttribute"/>); <see langword="null"/> for none.</param>
    public TableDescriptor(string name, TableKind kind, bool softDelete = false, int ttlSeconds = 0, bool changeFeed = false, TableSchema? schema = null, IReadOnlyList<IndexDescriptor>? indexes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!TableNames.IsValid(name) && !TableNames.IsCatalogName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid table name: {TableNames.Rule}", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(ttlSeconds);
        Name = name;
        Kind = kind;
        SoftDelete = softDelete;
        TtlSeconds = ttlSeconds;
        ChangeFeed = changeFeed;
        Schema = schema;
        Indexes = indexes is null ? [] : [.. indexes];
        if (kind == TableKind.Stream && Indexes.Count > 0)
        {
            throw new ArgumentException($"Table '{name}' is a Stream table; stream tables take no index (TS0034).", nameof(indexes));
        }

        HashSet<string> names = new(StringComparer.Ordinal);
        foreach (IndexDescriptor index in Indexes)
        {
            if (!names.Add(index.Name))
            {
                throw new ArgumentException($"Table '{name}' declares index '{index.Name}' twice.", nameof(indexes));
            }
        }
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

    /// <summary>The rows' schema as generated; <see langword="null"/> for a table the catalog does not check.</summary>
    public TableSchema? Schema { get; }

    /// <summary>The table's secondary indexes, in declaration order (empty for none).</summary>
    public IReadOnlyList<IndexDescriptor> Indexes { get; }

    /// <summary>The smallest row cache a table may declare (BitFaster.Caching's LRU splits its capacity into hot, warm and cold parts).</summary>
    public const int MinimumCacheSize = 3;

    /// <summary>The most rows the table's row cache holds (docs/row-cache.md); 0 for no cache.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, 1 or 2, or set on a Stream table (TS0022, TS0023).</exception>
    public int CacheSize
    {
        get;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(CacheSize), value, $"Table '{Name}' sets CacheSize = {value}; a row cache holds a number of rows (0 for none) and cannot be negative (TS0022).");
            }

            if (value is > 0 and < MinimumCacheSize)
            {
                throw new ArgumentOutOfRangeException(nameof(CacheSize), value, $"Table '{Name}' sets CacheSize = {value}; a row cache holds at least {MinimumCacheSize} rows (its LRU keeps hot, warm and cold rows apart), or 0 for none (TS0022).");
            }

            if (value > 0 && Kind == TableKind.Stream)
            {
                throw new ArgumentOutOfRangeException(nameof(CacheSize), value, $"Table '{Name}' is a Stream table; stream tables take no row cache (TS0023).");
            }

            field = value;
        }
    }

    /// <summary>How long a cached row is served after it was read, in seconds; 0 for no limit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative (TS0022).</exception>
    /// <remarks>A TTL without a <see cref="CacheSize"/> is refused when the table is opened (TS0022): init accessors run in any order.</remarks>
    public int CacheTtlSeconds
    {
        get;
        init
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(CacheTtlSeconds), value, $"Table '{Name}' sets CacheTtlSeconds = {value}; a time to live is a number of seconds (0 for none) and cannot be negative (TS0022).");
            }

            field = value;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
