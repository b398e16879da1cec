namespace TypedStore.Tables;

/// <summary>One key part of a table's schema; its position in <see cref="TableSchema.KeyParts"/> is its order in the key.</summary>
/// <param name="Name">The member holding the part.</param>
/// <param name="Type">The part's type, spelled as in docs/schema-evolution.md (<c>string</c>, <c>long</c>, <c>System.Guid</c>).</param>
/// <param name="Descending">Whether the part sorts in descending order.</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct SchemaKeyPart(string Name, string Type, bool Descending)
{
    /// <summary>
    /// Whether the store assigns the part (<c>[Key(Generated = true)]</c>): from the table's id sequence, or as a
    /// time-ordered id in a Stream table, whose rows then age by it. The catalog records it with the table's options.
    /// </summary>
    public bool Generated { get; init; }

    /// <inheritdoc/>
    public override string ToString() => Descending ? $"{Name}: {Type} desc" : $"{Name}: {Type}";
}
