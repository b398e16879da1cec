using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>One generator run: what it produced, what it reported, and the compilation with its output added.</summary>
/// <param name="RunResult">The driver's result (generated sources, tracked steps).</param>
/// <param name="TypedStoreDiagnostics">The TS diagnostics of a build: the generator's and the declaration analyzer's, in source order.</param>
/// <param name="CompilationDiagnostics">The warnings and errors of <paramref name="Output"/>.</param>
/// <param name="Output">The input compilation with the generated sources added.</param>
internal sealed record GeneratorOutcome(
    GeneratorDriverRunResult RunResult,
    ImmutableArray<Diagnostic> TypedStoreDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    Compilation Output)
{
    public IEnumerable<string> TypedStoreDiagnosticIds => TypedStoreDiagnostics.Select(d => d.Id);

    /// <summary>The one generated file whose hint name ends with <paramref name="hintNameEnd"/> (<c>S.g.cs</c>: the store's own file).</summary>
    public string GeneratedSource(string hintNameEnd)
        => RunResult.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();

    /// <summary>Every generated file (the store's and each table's), in hint-name order, one after the other.</summary>
    public string AllGeneratedSource()
        => string.Concat(RunResult.Results.Single().GeneratedSources.OrderBy(s => s.HintName, StringComparer.Ordinal).Select(s => s.SourceText.ToString()));

    /// <summary>The hint names of every generated file, in order.</summary>
    public IEnumerable<string> HintNames
        => RunResult.Results.Single().GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal);
}
