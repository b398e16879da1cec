using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TypedStore.Generators;

namespace TypedStore.Benchmarks.Generator;

/// <summary>
/// The source generator over a 100-table application: a cold run (as in a fresh build), and the incremental
/// re-run after an edit to a file that declares no table (as in the IDE, on every keystroke elsewhere).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class GeneratorBenchmarks
{
    private const int TableCount = 100;

    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _primed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticSchema.CreateCompilation(TableCount);
        _edited = SyntheticSchema.EditUnrelatedFile(_compilation, revision: 1);
        _primed = CreateDriver().RunGenerators(_compilation);

        GeneratorDriverRunResult result = _primed.GetRunResult();
        // The schema is meant to be clean: a diagnostic would mean some tables were skipped, and the run measured less.
        if (result.GeneratedTrees.Length == 0 || !result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException(
                $"The synthetic schema did not generate cleanly: {result.GeneratedTrees.Length} files, diagnostics: {string.Join("; ", result.Diagnostics)}");
        }
    }

    /// <summary>A new driver over a compilation whose symbols were never bound: everything is computed.</summary>
    [Benchmark]
    public GeneratorDriver FullRun() => CreateDriver().RunGenerators(_compilation.Clone());

    /// <summary>The driver that already ran, over the edited compilation: cached table models should be reused.</summary>
    [Benchmark]
    public GeneratorDriver IncrementalRerunAfterUnrelatedEdit() => _primed.RunGenerators(_edited.Clone());

    private static GeneratorDriver CreateDriver()
        => CSharpGeneratorDriver.Create(
            [new TableGenerator().AsSourceGenerator()],
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));
}
