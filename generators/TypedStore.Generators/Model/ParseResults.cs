namespace TypedStore.Generators.Model;

/// <summary>The parser's view of one [Table] type: the model when it is valid, and its diagnostics.</summary>
internal sealed record TableParseResult(TableModel? Table, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>The parser's view of one [Store] class: the model when it can be generated, its location and its diagnostics.</summary>
internal sealed record StoreParseResult(StoreModel? Store, LocationInfo? Location, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A store with its tables resolved: what the emitter writes, and the diagnostics found while resolving.</summary>
internal sealed record StoreSpec(StoreModel? Store, EquatableArray<TableModel> Tables, EquatableArray<DiagnosticInfo> Diagnostics);
