namespace TypedStore.Generators.Model;

/// <content>The table's indexes (<c>[Index]</c>), parsed by <c>IndexParser</c>; empty for a table without.</content>
internal sealed partial record TableModel
{
    /// <summary>The table's indexes, in declaration order.</summary>
    public EquatableArray<IndexModel> Indexes { get; init; } = EquatableArray<IndexModel>.Empty;

    /// <summary>Whether the table declares an index.</summary>
    public bool HasIndexes => Indexes.Count > 0;
}
