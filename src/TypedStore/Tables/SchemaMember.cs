namespace TypedStore.Tables;

/// <summary>One stored non-key member of a table's schema; its position in <see cref="TableSchema.Members"/> is its place in the stored value.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Type">The member's type, spelled as in docs/schema-evolution.md (<c>int</c>, <c>int?</c>, <c>System.Collections.Generic.List&lt;string&gt;</c>).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public readonly record struct SchemaMember(string Name, string Type)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Type}";
}
