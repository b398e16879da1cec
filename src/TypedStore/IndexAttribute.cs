namespace TypedStore;

/// <summary>
/// Declares a secondary index on a <see cref="TableAttribute"/> row type: its entries are the values of
/// <see cref="Members"/> (in that order) followed by the row's key, kept in their own column family and changed in the
/// same atomic write as the row on every write path (docs/indexes.md). The generator adds a property named from
/// <see cref="Name"/> in PascalCase (<c>"by_slug"</c> → <c>BySlug</c>) to the table, with <c>Scan</c> and <c>Count</c>
/// over every leading subset of the members, and <c>Get</c>/<c>TryGet</c> when the index is <see cref="Unique"/>.
/// </summary>
/// <remarks>
/// Members must be value members (not key parts) of a type a key part may have (string, Guid, integers, enums, ...),
/// or its nullable form. On a <see cref="TableKind.User"/> table every index is scoped to the owning user. Stream tables
/// take no index.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = false)]
public sealed class IndexAttribute : Attribute
{
    /// <summary>Declares an index.</summary>
    /// <param name="name">The index's name: lower-case ASCII letters, digits and '_', starting with a letter (the table-name rule).</param>
    /// <param name="members">The indexed members, in index order (use <c>nameof</c>).</param>
    public IndexAttribute(string name, params string[] members)
    {
        Name = name;
        Members = members;
    }

    /// <summary>The index's name, unique within its table.</summary>
    public string Name { get; }

    /// <summary>The indexed members, in index order.</summary>
    public IReadOnlyList<string> Members { get; }

    /// <summary>
    /// Whether no two live rows may hold the same values of <see cref="Members"/>: a write that would make them
    /// throws <see cref="UniqueConstraintException"/> and applies nothing. Rows with a null member are not subject to it.
    /// </summary>
    public bool Unique { get; set; }
}
