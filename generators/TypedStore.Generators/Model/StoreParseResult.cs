namespace TypedStore.Generators.Model;

/// <summary>The parser's view of one [Store] class: the model when it can be generated, its location and its diagnostics.</summary>
internal sealed record StoreParseResult(StoreModel? Store, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);
