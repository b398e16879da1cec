namespace TypedStore;

/// <summary>
/// Declares a record or class as a table: the source generator emits its key encoder, value formatter and
/// typed accessors on every <see cref="StoreAttribute"/> store that includes it.
/// </summary>
/// <remarks>
/// Mark the key members with <see cref="KeyAttribute"/> (<c>[property: Key]</c> on positional record parameters).
/// Every other readable member that can be set (by a constructor parameter of the same name, an <c>init</c>
/// or a <c>set</c> accessor) is stored, in declaration order.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class TableAttribute : Attribute
{
    /// <summary>Declares a table.</summary>
    /// <param name="name">
    /// The table's name, which is also its column family's name: lower-case letters, digits and <c>_</c>, starting
    /// with a letter (<c>[a-z][a-z0-9_]*</c>). The generated property is its PascalCase form (<c>chat_rooms</c> → <c>ChatRooms</c>).
    /// </param>
    public TableAttribute(string name)
    {
        Name = name;
    }

    /// <summary>The table's name (and column family name).</summary>
    public string Name { get; }

    /// <summary>The kind of table; <see cref="TableKind.Shared"/> by default.</summary>
    public TableKind Kind { get; set; } = TableKind.Shared;

    /// <summary>When <see langword="true"/>, <c>Delete</c> marks rows deleted instead of removing them (they can be restored or purged).</summary>
    public bool SoftDelete { get; set; }

    /// <summary>For <see cref="TableKind.Stream"/> tables: how long a row lives, in seconds; 0 means forever.</summary>
    public int TtlSeconds { get; set; }

    /// <summary>When <see langword="true"/>, the store records every change to the table in commit order.</summary>
    public bool ChangeFeed { get; set; }

    /// <summary>
    /// The most decoded rows the store keeps in memory for point reads of this table (docs/row-cache.md); 0 (the
    /// default) keeps none. The row type must be immutable (TS0021) and the table not a Stream table (TS0023).
    /// </summary>
    public int CacheSize { get; set; }

    /// <summary>How long a cached row is served after it was read, in seconds; 0 (the default) for as long as it is neither written nor evicted. Needs <see cref="CacheSize"/>.</summary>
    public int CacheTtlSeconds { get; set; }
}
