using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedStore.Generators.Analysis;

namespace TypedStore.Generators.Tests;

/// <summary>Runs the generator over source text the way the compiler would, against the .NET 10 reference assemblies and TypedStore.dll.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// What a demanding consumer builds with: XML documentation checked (so every public generated member
    /// needs a doc comment), nullable enabled and every warning wave on.
    /// </summary>
    public static readonly CSharpParseOptions StrictParseOptions = ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> s_references =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TableAttribute).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(MessagePack.MessagePackWriter).Assembly.Location),
    ];

    // What the SDK suppresses for every project: MessagePack targets net6.0 and unifies with the net10.0 references.
    private static readonly ImmutableDictionary<string, ReportDiagnostic> s_sdkSuppressions = ImmutableDictionary<string, ReportDiagnostic>.Empty
        .Add("CS1701", ReportDiagnostic.Suppress)
        .Add("CS1702", ReportDiagnostic.Suppress);

    private static readonly CSharpCompilationOptions s_compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable)
        .WithSpecificDiagnosticOptions(s_sdkSuppressions);

    /// <summary>The compilation options of <see cref="StrictParseOptions"/>: the highest warning level there is.</summary>
    private static readonly CSharpCompilationOptions s_strictCompilationOptions = s_compilationOptions.WithWarningLevel(9999);

    /// <summary>A compilation of <paramref name="sources"/>, named Input0.cs, Input1.cs, ...</summary>
    public static CSharpCompilation CreateCompilation(params string[] sources)
        => CreateCompilation(sources.Select((source, i) => ($"Input{i}.cs", source)), strict: false);

    /// <summary>A compilation of the given files; <paramref name="strict"/> selects <see cref="StrictParseOptions"/>.</summary>
    public static CSharpCompilation CreateCompilation(IEnumerable<(string Path, string Text)> files, bool strict)
        => CSharpCompilation.Create(
            "GeneratorInput",
            files.Select(file => CSharpSyntaxTree.ParseText(file.Text, strict ? StrictParseOptions : ParseOptions, file.Path)),
            s_references,
            strict ? s_strictCompilationOptions : s_compilationOptions);

    /// <summary>A driver for the TypedStore generator that records every tracked step (the output trees are parsed with <paramref name="parseOptions"/>).</summary>
    public static GeneratorDriver CreateDriver(CSharpParseOptions? parseOptions = null)
        => CSharpGeneratorDriver.Create(
            [new TableGenerator().AsSourceGenerator()],
            parseOptions: parseOptions ?? ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator and the declaration analyzer; returns their diagnostics, and the warnings and errors of the compilation including the generator's output.</summary>
    public static GeneratorOutcome Run(params string[] sources) => Run(CreateCompilation(sources), CreateDriver());

    /// <summary>Runs <paramref name="driver"/> over <paramref name="compilation"/>.</summary>
    public static GeneratorOutcome Run(Compilation compilation, GeneratorDriver driver)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        ImmutableArray<Diagnostic> compilationDiagnostics = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray();

        // As in a build, the analyzer sees the compilation with the generated sources (and skips them: they are generated code).
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers([new DeclarationAnalyzer()])
            .GetAnalyzerDiagnosticsAsync()
            .GetAwaiter()
            .GetResult();
        ImmutableArray<Diagnostic> typedStoreDiagnostics = generatorDiagnostics
            .Concat(analyzerDiagnostics)
            .OrderBy(d => d.Location.SourceTree?.FilePath ?? d.Location.GetLineSpan().Path, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ToImmutableArray();
        return new GeneratorOutcome(driver.GetRunResult(), typedStoreDiagnostics, compilationDiagnostics, output);
    }
}
