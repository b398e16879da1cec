using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>One generator run: what it produced, what it reported, and the compilation with its output added.</summary>
/// <param name="RunResult">The driver's result (generated sources, tracked steps).</param>
/// <param name="GeneratorDiagnostics">The diagnostics the generator reported.</param>
/// <param name="CompilationDiagnostics">The warnings and errors of <paramref name="Output"/>.</param>
/// <param name="Output">The input compilation with the generated sources added.</param>
internal sealed record GeneratorOutcome(
    GeneratorDriverRunResult RunResult,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> CompilationDiagnostics,
    Compilation Output)
{
    public IEnumerable<string> GeneratorDiagnosticIds => GeneratorDiagnostics.Select(d => d.Id);

    public string GeneratedSource(string hintNameEnd)
        => RunResult.Results.Single().GeneratedSources.Single(s => s.HintName.EndsWith(hintNameEnd, StringComparison.Ordinal)).SourceText.ToString();
}
