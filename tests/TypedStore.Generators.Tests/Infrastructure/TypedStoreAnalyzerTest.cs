using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TypedStore.Generators.Analysis;

namespace TypedStore.Generators.Tests;

/// <summary>
/// The C# analyzer test of Microsoft.CodeAnalysis.Testing with the TypedStore generator running too, as in a build:
/// the expected diagnostics (<c>{|TS0001:marked text|}</c> markup, or <see cref="AnalyzerTest{TVerifier}.ExpectedDiagnostics"/>)
/// are the analyzer's, the generator's and the compiler's errors in the sources and the generated code together.
/// </summary>
internal sealed class TypedStoreAnalyzerTest : CSharpAnalyzerTest<DeclarationAnalyzer, DefaultVerifier>
{
    public TypedStoreAnalyzerTest(string source)
    {
        TestCode = source;
        TypedStoreTestSetup.Apply(this);

        // Generated sources are compared only by the tests that list them in TestState.GeneratedSources.
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    /// <summary>A test of several named files (a snapshot case's inputs).</summary>
    public TypedStoreAnalyzerTest(IEnumerable<(string Path, string Text)> files)
    {
        foreach ((string path, string text) in files)
        {
            TestState.Sources.Add((path, text));
        }

        TypedStoreTestSetup.Apply(this);
    }

    /// <summary>Where the library expects a generated file: under the generator's assembly and type name, by hint name.</summary>
    public static string GeneratedPath(string hintName) => Path.Combine("TypedStore.Generators", "TypedStore.Generators.TableGenerator", hintName);

    /// <summary>Runs the test with <paramref name="source"/>, which starts with <see cref="TypedStoreTestSetup.Usings"/>.</summary>
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        TypedStoreAnalyzerTest test = new(TypedStoreTestSetup.Usings + source);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(TableGenerator)];

    protected override CompilationOptions CreateCompilationOptions() => TypedStoreTestSetup.Configure(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => TypedStoreTestSetup.Configure(base.CreateParseOptions());
}
