using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedStore.Generators.Tests;

/// <summary>Runs the generator over source text the way the compiler would, against the .NET 10 reference assemblies and TypedStore.dll.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TableAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackWriter).Assembly.Location),
    ];

    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CSharpCompilation.Create(
            "GeneratorInput",
            sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Input{i}.cs")),
            s_references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
                .WithSpecificDiagnosticOptions(s_sdkSuppressions));

    // What the SDK suppresses for every project: MessagePack targets net6.0 and unifies with the net10.0 references.
    private static readonly ImmutableDictionary<string, ReportDiagnostic> s_sdkSuppressions = ImmutableDictionary<string, ReportDiagnostic>.Empty
        .Add("CS1701", ReportDiagnostic.Suppress)
        .Add("CS1702", ReportDiagnostic.Suppress);

    public static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new TableGenerator().AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns its diagnostics, and the diagnostics of the compilation including its output.</summary>
    public static GeneratorOutcome Run(params string[] sources)
    {
        CSharpCompilation compilation = CreateCompilation(sources);
        GeneratorDriver driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> compilationDiagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();
        return new GeneratorOutcome(driver.GetRunResult(), generatorDiagnostics, compilationDiagnostics, output);
    }
}

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
