using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using TypedStore.Generators.Analysis;

namespace TypedStore.Generators.Tests;

/// <summary>
/// The C# code-fix test of Microsoft.CodeAnalysis.Testing for one TypedStore fix, with the generator running: the
/// source before (diagnostics marked) and after the fix, and, where set, after Fix All. The fixed code must build
/// with no error, generated store included.
/// </summary>
internal sealed class TypedStoreCodeFixTest<TCodeFix> : CSharpCodeFixTest<DeclarationAnalyzer, TCodeFix, DefaultVerifier>
    where TCodeFix : CodeFixProvider, new()
{
    public TypedStoreCodeFixTest(string source, string fixedSource)
    {
        TestCode = TypedStoreTestSetup.Usings + source;
        FixedCode = TypedStoreTestSetup.Usings + fixedSource;
        TypedStoreTestSetup.Apply(this);
        TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck;
    }

    protected override IEnumerable<Type> GetSourceGenerators() => [typeof(TableGenerator)];

    protected override CompilationOptions CreateCompilationOptions() => TypedStoreTestSetup.Configure(base.CreateCompilationOptions());

    protected override ParseOptions CreateParseOptions() => TypedStoreTestSetup.Configure(base.CreateParseOptions());
}
