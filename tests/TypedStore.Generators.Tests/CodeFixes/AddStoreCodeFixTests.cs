using Microsoft.CodeAnalysis.Testing;
using TypedStore.Generators.CodeFixes;

namespace TypedStore.Generators.Tests;

/// <summary>TS0041's fix: a [Store] partial class is declared after the first table, named after the assembly; the store is then generated.</summary>
/// <remarks>
/// TS0041 is a compilation-end diagnostic (it needs to know that no [Store] exists anywhere in the compilation), which
/// the library calls non-local: IDEs show it, and offer its fix, after a build or with full-solution analysis on.
/// </remarks>
public class AddStoreCodeFixTests
{
    private static Task RunAsync(string source, string fixedSource)
    {
        TypedStoreCodeFixTest<AddStoreCodeFix> test = new(source, fixedSource);
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }

    [Fact]
    public async Task Store_IsDeclaredAfterTheTable_NamedAfterTheAssembly()
    {
        // The test project's assembly is "TestProject": the store is TestProjectStore.
        await RunAsync(
            """
            namespace App;

            [{|TS0041:Table("notes")|}]
            public sealed record Note([property: Key] long Id, string Text);

            [Table("tags")]
            public sealed record Tag([property: Key] string Name);
            """,
            """
            namespace App;

            [Table("notes")]
            public sealed record Note([property: Key] long Id, string Text);

            [Store]
            public partial class TestProjectStore
            {
            }

            [Table("tags")]
            public sealed record Tag([property: Key] string Name);
            """);
    }

    [Fact]
    public async Task InternalTable_GetsAnInternalStore_WithAFreeName()
    {
        await RunAsync(
            """
            public sealed class TestProjectStore { }

            [{|TS0041:Table("notes")|}]
            internal sealed record Note([property: Key] long Id);
            """,
            """
            public sealed class TestProjectStore { }

            [Table("notes")]
            internal sealed record Note([property: Key] long Id);

            [Store]
            internal partial class TestProjectStore2
            {
            }
            """);
    }

    [Theory]
    [InlineData("Samples.Chat", "ChatStore")]
    [InlineData("my-app", "MyAppStore")]
    [InlineData("Billing.Store", "Store")]
    [InlineData("Orders.OrderStore", "OrderStore")]
    [InlineData("1st", "AppStore")]
    [InlineData(null, "AppStore")]
    public void StoreName_ComesFromTheAssemblyName(string? assemblyName, string expected)
    {
        Assert.Equal(expected, TypedStore.Generators.Analysis.CompilationDeclarations.SuggestStoreName(assemblyName));
    }
}
