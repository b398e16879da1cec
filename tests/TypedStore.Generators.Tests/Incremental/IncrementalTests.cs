using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedStore.Generators.Tests;

/// <summary>The pipeline's models are equatable: edits that do not change a table or store leave the later steps cached.</summary>
public class IncrementalTests
{
    private const string Tables = """
        using TypedStore;
        namespace Demo;
        [Table("users")] public sealed record User([property: Key] string UserId, string Name);
        [Table("rooms")] public sealed record Room([property: Key] System.Guid RoomId, string Title);
        [Store] public partial class ChatStore;
        """;

    [Fact]
    public void UnrelatedEdit_LeavesEveryStepCached_AndProducesNoNewSource()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Tables, "namespace Demo; public static class Other { public static int X => 1; }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree otherTree = compilation.SyntaxTrees.Last();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            otherTree,
            CSharpSyntaxTree.ParseText("namespace Demo; public static class Other { public static int X => 2; }", GeneratorHarness.ParseOptions, otherTree.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(result, TrackingNames.TableParseResults, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(result, TrackingNames.StoreParseResults, IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        AssertAllOutputs(result, TrackingNames.StoreSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void EditInsideATableDeclaration_WithoutChangingIt_KeepsTheStoreSpecCached()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Tables);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        // Whitespace and a comment change the tree, so the table is parsed again, into an equal model.
        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText(Tables.Replace("string Name);", "string Name /* display name */ );", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllOutputs(result, TrackingNames.StoreSpecs, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void ChangingAMember_RegeneratesTheStore()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Tables);
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        SyntaxTree tree = compilation.SyntaxTrees.Single();
        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            tree,
            CSharpSyntaxTree.ParseText(Tables.Replace("string Name);", "string Name, int Age);", StringComparison.Ordinal), GeneratorHarness.ParseOptions, tree.FilePath));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.StoreSpecs].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("int age = default;", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Models_HoldNoSymbolsSyntaxOrCompilations()
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(Tables);
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();

        foreach (string step in new[] { TrackingNames.TableParseResults, TrackingNames.StoreParseResults, TrackingNames.StoreSpecs })
        {
            foreach (object value in result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value))
            {
                AssertNoRoslynObjects(value, step, depth: 0);
            }
        }
    }

    private static void AssertAllOutputs(GeneratorRunResult result, string step, params IncrementalStepRunReason[] allowed)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, output => Assert.Contains(output.Reason, allowed));
    }

    private static void AssertNoRoslynObjects(object? value, string step, int depth)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(value is ISymbol or Compilation or SyntaxNode or SemanticModel or Location, $"{step} holds a {value.GetType().Name}");
        if (value is System.Collections.IEnumerable sequence)
        {
            foreach (object? item in sequence)
            {
                AssertNoRoslynObjects(item, step, depth + 1);
            }

            return;
        }

        if (value is DiagnosticDescriptor)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            AssertNoRoslynObjects(property.GetValue(value), step, depth + 1);
        }
    }
}
