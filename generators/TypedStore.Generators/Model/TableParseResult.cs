namespace TypedStore.Generators.Model;

/// <summary>The parser's view of one [Table] type: the model when it is valid, and its diagnostics.</summary>
internal sealed record TableParseResult(TableModel? Table, EquatableArray<DiagnosticInfo> Diagnostics);
