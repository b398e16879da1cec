using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>
/// The generated source of representative inputs, compared exactly with committed files under Snapshots/,
/// and compiled against the .NET 10 reference assemblies as strictly as the compiler allows.
/// </summary>
public class SnapshotTests
{
    /// <summary>Each case is a folder of Snapshots/; the first comment line of its Input.cs says what it covers.</summary>
    public static TheoryData<string> Cases => new()
    {
        "SimpleKey",
        "CompositeKeyDescending",
        "TableKinds",
        "NestedValues",
        "ClassInitSetters",
        "GetOnlyConstructorClass",
        "StructRow",
        "ExplicitInternalStore",
        "Indexes",
        "RowCache",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedSource_MatchesTheSnapshot(string caseName)
    {
        SnapshotCase snapshot = SnapshotCase.Load(caseName);

        GeneratorOutcome outcome = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(snapshot.Inputs, strict: false), GeneratorHarness.CreateDriver());

        Assert.Empty(outcome.TypedStoreDiagnostics);
        ImmutableArray<GeneratedSourceResult> generated = outcome.RunResult.Results.Single().GeneratedSources;
        Assert.NotEmpty(generated);
        foreach (GeneratedSourceResult source in generated)
        {
            SnapshotFile.Verify(snapshot.ExpectedPath(source.HintName), source.SourceText.ToString());
        }

        foreach (string expected in snapshot.ExpectedFiles)
        {
            if (!generated.Any(source => snapshot.ExpectedPath(source.HintName) == expected))
            {
                SnapshotFile.VerifyNotGenerated(expected);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedSource_CompilesWithoutAnyDiagnostic_AtTheHighestWarningLevel(string caseName)
    {
        SnapshotCase snapshot = SnapshotCase.Load(caseName);
        Compilation input = GeneratorHarness.CreateCompilation(snapshot.Inputs, strict: true);

        GeneratorHarness.CreateDriver(GeneratorHarness.StrictParseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        Assert.True(output.SyntaxTrees.Count() > input.SyntaxTrees.Count(), "The generator added no source.");

        // Everything but hidden diagnostics (such as an unnecessary using in a test input): info, warnings and errors.
        using MemoryStream assembly = new();
        var emitted = output.Emit(assembly);
        string[] reported = emitted.Diagnostics
            .Where(d => d.Severity != DiagnosticSeverity.Hidden)
            .Select(d => d.ToString())
            .ToArray();
        Assert.True(reported.Length == 0, "The generated code does not build cleanly:" + Environment.NewLine + string.Join(Environment.NewLine, reported));
        Assert.True(emitted.Success);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task GeneratedSources_MatchTheSnapshot_ThroughTheTestingLibrary(string caseName)
    {
        // The same expected files, verified by Microsoft.CodeAnalysis.Testing (TestState.GeneratedSources): every
        // generated file, and nothing else, with the analyzer and compiler reporting no error.
        SnapshotCase snapshot = SnapshotCase.Load(caseName);
        TypedStoreAnalyzerTest test = new(snapshot.Inputs);
        foreach (string expected in snapshot.ExpectedFiles)
        {
            test.TestState.GeneratedSources.Add((TypedStoreAnalyzerTest.GeneratedPath(Path.GetFileName(expected)), SourceText.From(File.ReadAllText(expected), Encoding.UTF8)));
        }

        await test.RunAsync();
    }

    [Fact]
    public void EverySnapshotFolder_IsATestCase()
    {
        string[] folders = Directory.EnumerateDirectories(RepositoryPaths.Snapshots)
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal)
            .ToArray()!;

        Assert.Equal(((IEnumerable<object[]>)Cases).Select(row => (string)row[0]).Order(StringComparer.Ordinal), folders);
    }
}
