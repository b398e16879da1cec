using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>
/// No step output holds a symbol, syntax, compilation or location: such objects pin a whole compilation in
/// the incremental cache and never compare equal across edits, which would defeat every cached step.
/// </summary>
public class ModelPurityTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using TypedStore;
        namespace Demo;
        public sealed record Address(string City, List<string> Lines);
        [Table("users")] public sealed record User([property: Key] string UserId, Address Home, Dictionary<string, int[]> Scores);
        [Table("bad")] public sealed record Bad(int NoKey);
        [Store] public partial class ChatStore;
        [Store] public class NotPartial;
        """;

    private sealed record Holder(string Name, ImmutableArray<object> Items);

    [Fact]
    public void StepOutputs_HoldNoRoslynObjects()
    {
        // The input has diagnostics (reported by the declaration analyzer; they travel in the parse results' models).
        Assert.Contains(GeneratorHarness.Run(Source).TypedStoreDiagnostics, d => d.Id == "TS0001");
        Assert.Contains(GeneratorHarness.Run(Source).TypedStoreDiagnostics, d => d.Id == "TS0006");
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.CreateCompilation(Source)).GetRunResult().Results.Single();

        RoslynObjectFinder finder = new();
        foreach (string step in IncrementalTests.StepNames)
        {
            foreach ((object value, IncrementalStepRunReason _) in result.TrackedSteps[step].SelectMany(run => run.Outputs))
            {
                finder.Walk(value, step);
            }
        }

        Assert.Empty(finder.Found);

        // The walk reached the nested models (members, value types, diagnostics and their locations), not only the roots.
        Assert.True(finder.Visited > 100, $"Only {finder.Visited} objects visited.");
    }

    [Fact]
    public void ModelTypes_DeclareNoRoslynFields()
    {
        Type[] models = typeof(TableGenerator).Assembly.GetTypes()
            .Where(type => type.Namespace == "TypedStore.Generators.Model")
            .ToArray();
        Assert.NotEmpty(models);

        foreach (Type model in models)
        {
            foreach (FieldInfo field in model.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                Assert.False(RoslynObjectFinder.IsForbidden(field.FieldType), $"{model.Name}.{field.Name} is a {field.FieldType.Name}.");
            }
        }
    }

    [Fact]
    public void Finder_FindsALocationHiddenInsideAnImmutableArrayOfARecord()
    {
        Location location = Location.Create("a.cs", new TextSpan(0, 1), new LinePositionSpan(default, new LinePosition(0, 1)));
        RoslynObjectFinder finder = new();

        finder.Walk(new Holder("table", [1, "x", location]), "root");

        Assert.Single(finder.Found);
    }
}
