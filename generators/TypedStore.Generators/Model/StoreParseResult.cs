namespace TypedStore.Generators.Model;

/// <summary>The parser's view of one [Store] class: the model when it can be generated, its location and its diagnostics.</summary>
internal sealed record StoreParseResult(StoreModel? Store, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The members declared in the store class's source, for the clash check that needs its tables (TS0044).</summary>
    public EquatableArray<StoreMemberModel> DeclaredMembers { get; init; } = EquatableArray<StoreMemberModel>.Empty;
}
