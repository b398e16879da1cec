namespace TypedStore.Generators.Model;

/// <summary>A store with its tables resolved: what the emitter writes, and the diagnostics found while resolving.</summary>
internal sealed record StoreSpec(StoreModel? Store, EquatableArray<TableModel> Tables, EquatableArray<DiagnosticInfo> Diagnostics);
