namespace TypedStore.Generators;

/// <summary>
/// The names of the incremental pipeline's steps, so tests can check which steps ran and which were cached
/// (<c>GeneratorRunResult.TrackedSteps</c>).
/// </summary>
public static class TrackingNames
{
    /// <summary>Each [Table] type parsed into a model and its diagnostics.</summary>
    public const string TableParseResults = nameof(TableParseResults);

    /// <summary>The valid table models, one per [Table] type.</summary>
    public const string TableModels = nameof(TableModels);

    /// <summary>Every valid table model of the compilation, collected.</summary>
    public const string AllTables = nameof(AllTables);

    /// <summary>Each [Store] class parsed into a model and its diagnostics.</summary>
    public const string StoreParseResults = nameof(StoreParseResults);

    /// <summary>Each store combined with the compilation's tables.</summary>
    public const string StoresWithTables = nameof(StoresWithTables);

    /// <summary>Each store with its tables resolved: the emitter's input.</summary>
    public const string StoreSpecs = nameof(StoreSpecs);

    /// <summary>Each table of each store with the store's names: one generated file each.</summary>
    public const string TableFiles = nameof(TableFiles);
}
