using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using TypedStore.Generators;

namespace TypedStore.Generators.Tests;

/// <summary>
/// The pipeline's models are equatable: a run over an edit that changes no table or store leaves every named
/// step and the output cached (the IDE does no work on each keystroke), and an edit that changes a table
/// runs it again.
/// </summary>
public class IncrementalTests
{
    private const string UsersFile = """
        using TypedStore;
        namespace Demo;
        [Table("users")] public sealed record User([property: Key] string UserId, string Name);
        """;

    private const string RoomsFile = """
        using TypedStore;
        namespace Demo;
        [Table("rooms")] public sealed record Room([property: Key] System.Guid RoomId, string Title);
        """;

    private const string StoreFile = """
        using TypedStore;
        namespace Demo;
        [Store] public partial class ChatStore;
        """;

    private const string OtherFile = """
        namespace Demo;
        public static class Other
        {
            public static int Answer() => 41;
        }
        """;

    private static readonly IncrementalStepRunReason[] s_reused = [IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged];

    /// <summary>Every step name the generator declares, so a new step is covered without editing the tests.</summary>
    public static IEnumerable<string> StepNames => typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(constant => constant.IsLiteral)
        .Select(constant => (string)constant.GetRawConstantValue()!);

    [Fact]
    public void SameCompilationTwice_EveryStepAndOutputCached()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        GeneratorRunResult result = driver.RunGenerators(compilation).GetRunResult().Results.Single();

        AssertEveryStep(result, IncrementalStepRunReason.Cached);
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void UnrelatedClassAdded_EveryStepReused_AndOutputCached()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(Parse("namespace Demo; public sealed class Unrelated { public int Value { get; set; } }", "Unrelated.cs"));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryStep(result, s_reused);
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void MethodBodyEdited_EveryStepReused_AndOutputCached()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "Other.cs", OtherFile.Replace("=> 41;", "=> 42;", StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertEveryStep(result, s_reused);
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void TableFileEdited_WithoutChangingTheTable_TableParsedAgainIntoAnEqualModel_OutputCached()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        // A comment and a method in the table's own file: the file is parsed again, the model comes out equal.
        string edited = UsersFile.Replace("string Name);", "string Name /* display name */)\n{\n    public string Greeting() => \"Hi \" + Name;\n}", StringComparison.Ordinal);
        GeneratorRunResult result = driver.RunGenerators(Replace(compilation, "Users.cs", edited)).GetRunResult().Results.Single();

        Assert.Contains(IncrementalStepRunReason.Unchanged, Reasons(result, TrackingNames.TableParseResults));
        AssertEveryStep(result, s_reused);
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void IndependentCompilationOfTheSameSources_ModelsCompareEqual_OutputCached()
    {
        // Every tree is new, so every transform runs again: only value equality of every model keeps the output cached.
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(CreateCompilation());

        GeneratorRunResult result = driver.RunGenerators(CreateCompilation()).GetRunResult().Results.Single();

        Assert.All(Reasons(result, TrackingNames.TableParseResults), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        Assert.All(Reasons(result, TrackingNames.StoreParseResults), reason => Assert.Equal(IncrementalStepRunReason.Unchanged, reason));
        AssertEveryStep(result, s_reused);
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void MemberAddedToATable_ThatTableAndTheStoreRunAgain_TheOtherTableComparesEqual()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "Users.cs", UsersFile.Replace("string Name);", "string Name, int Age);", StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The compilation changed, so every table is parsed again; only the edited one differs from before.
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, TrackingNames.TableParseResults, "users"));
        Assert.Contains(ReasonFor(result, TrackingNames.TableParseResults, "rooms"), s_reused);
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, TrackingNames.TableModels, "users"));
        Assert.Contains(ReasonFor(result, TrackingNames.TableModels, "rooms"), s_reused);
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.AllTables));
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.StoresWithTables));
        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.StoreSpecs));

        // The store is split into its tables' files again: only the edited table's spec differs.
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, TrackingNames.TableFiles, "users"));
        Assert.Equal(IncrementalStepRunReason.Unchanged, ReasonFor(result, TrackingNames.TableFiles, "rooms"));

        // So the users file and the store file (its schema of users) are emitted again; the rooms file is not.
        Assert.Equal(
            ["Demo.ChatStore.Rooms.g.cs: Cached", "Demo.ChatStore.Users.g.cs: Modified", "Demo.ChatStore.g.cs: Modified"],
            SourceOutputs(result));
        Assert.Contains("int age = default;", Source(result, "Demo.ChatStore.Users.g.cs"), StringComparison.Ordinal);
        Assert.Contains("new(\"Age\", \"int\")", Source(result, "Demo.ChatStore.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void TableAddedLastInNameOrder_ItsFileAndTheStoreFileEmitted_TheOtherTablesFilesCached()
    {
        // A store's table files are compared with the previous run's by position (tables are in name order): a
        // table added after the others leaves theirs cached; one added before them shifts them, and they are
        // emitted again with the same text.
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.AddSyntaxTrees(Parse("""
            using TypedStore;
            namespace Demo;
            [Table("zones")] public sealed record Zone([property: Key] long Id, string Text);
            """, "Zones.cs"));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(
            ["Demo.ChatStore.Rooms.g.cs: Cached", "Demo.ChatStore.Users.g.cs: Cached", "Demo.ChatStore.Zones.g.cs: New", "Demo.ChatStore.g.cs: Modified"],
            SourceOutputs(result));
    }

    [Fact]
    public void TableKindChanged_TheStoreRunsAgain()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = Replace(compilation, "Rooms.cs", RoomsFile.Replace("[Table(\"rooms\")]", "[Table(\"rooms\", Kind = TableKind.System)]", StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.StoreSpecs));

        // The kind is part of the rooms table's model, so its file is emitted again, and of the store file's
        // descriptor; the users file stays cached.
        Assert.Equal(
            ["Demo.ChatStore.Rooms.g.cs: Modified", "Demo.ChatStore.Users.g.cs: Cached", "Demo.ChatStore.g.cs: Modified"],
            SourceOutputs(result));
        Assert.Contains("new(\"rooms\", global::TypedStore.TableKind.System,", Source(result, "Demo.ChatStore.g.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void IndexAddedToATable_ThatTablesFileAndTheStoreRunAgain_TheOtherTableCached()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        // An [Index] is part of the table's model (and of its descriptor in the store file), not of the other table's.
        CSharpCompilation edited = Replace(compilation, "Users.cs", UsersFile.Replace("[Table(\"users\")]", "[Table(\"users\")] [Index(\"by_name\", nameof(Name))]", StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, ReasonFor(result, TrackingNames.TableModels, "users"));
        Assert.Contains(ReasonFor(result, TrackingNames.TableModels, "rooms"), s_reused);
        Assert.Equal(
            ["Demo.ChatStore.Rooms.g.cs: Cached", "Demo.ChatStore.Users.g.cs: Modified", "Demo.ChatStore.g.cs: Modified"],
            SourceOutputs(result));
        Assert.Contains("public UsersByNameIndex<TContext> ByName", Source(result, "Demo.ChatStore.Users.g.cs"), StringComparison.Ordinal);
        Assert.Contains("IndexDescriptor(\"by_name\"", Source(result, "Demo.ChatStore.g.cs"), StringComparison.Ordinal);

        // The same index again: nothing is emitted again.
        GeneratorDriver after = driver.RunGenerators(edited);
        CSharpCompilation touched = Replace(edited, "Users.cs", UsersFile.Replace("[Table(\"users\")]", "[Table(\"users\")] [Index(\"by_name\", nameof(Name))] /* same */", StringComparison.Ordinal));
        GeneratorRunResult again = after.RunGenerators(touched).GetRunResult().Results.Single();
        Assert.Equal(["Demo.ChatStore.Rooms.g.cs: Cached", "Demo.ChatStore.Users.g.cs: Cached", "Demo.ChatStore.g.cs: Cached"], SourceOutputs(again));
        AssertOutputs(again, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void StoreMovedWithinItsFile_OnlyItsLocationChanges_OutputCached()
    {
        CSharpCompilation compilation = CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        // The store's parse result keeps its location (for diagnostics reported on it), so it is modified;
        // the spec the emitter reads holds no location, so it compares equal and nothing is emitted again.
        CSharpCompilation edited = Replace(compilation, "Store.cs", StoreFile.Replace("namespace Demo;", "namespace Demo;\n\n// The store.\n", StringComparison.Ordinal));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal([IncrementalStepRunReason.Modified], Reasons(result, TrackingNames.StoreParseResults));
        Assert.Equal([IncrementalStepRunReason.Unchanged], Reasons(result, TrackingNames.StoreSpecs));
        AssertOutputs(result, IncrementalStepRunReason.Cached);
    }

    [Fact]
    public void EveryStepName_IsTrackedByARun()
    {
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(CreateCompilation()).GetRunResult().Results.Single();

        Assert.All(StepNames, name => Assert.True(result.TrackedSteps.ContainsKey(name), $"Step {name} did not run."));
    }

    internal static CSharpCompilation CreateCompilation()
        => CSharpCompilation.Create(
            "IncrementalInput",
            [Parse(UsersFile, "Users.cs"), Parse(RoomsFile, "Rooms.cs"), Parse(StoreFile, "Store.cs"), Parse(OtherFile, "Other.cs")],
            GeneratorHarness.CreateCompilation().References,
            GeneratorHarness.CreateCompilation().Options);

    private static SyntaxTree Parse(string text, string path) => CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path);

    private static CSharpCompilation Replace(CSharpCompilation compilation, string path, string text)
        => compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(tree => tree.FilePath == path), Parse(text, path));

    private static IncrementalStepRunReason[] Reasons(GeneratorRunResult result, string step)
        => result.TrackedSteps[step].SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray();

    /// <summary>The reason of the one output of <paramref name="step"/> that describes table <paramref name="tableName"/>.</summary>
    private static IncrementalStepRunReason ReasonFor(GeneratorRunResult result, string step, string tableName)
        => result.TrackedSteps[step]
            .SelectMany(run => run.Outputs)
            .Single(output => output.Value switch
            {
                Model.TableParseResult parsed => parsed.Table?.TableName == tableName,
                Model.TableModel table => table.TableName == tableName,
                Model.TableFileSpec file => file.Table.TableName == tableName,
                _ => false,
            })
            .Reason;

    private static void AssertEveryStep(GeneratorRunResult result, params IncrementalStepRunReason[] allowed)
    {
        foreach (string step in StepNames)
        {
            IncrementalStepRunReason[] reasons = Reasons(result, step);
            Assert.True(reasons.Length > 0, $"Step {step} produced no output.");
            Assert.True(reasons.All(allowed.Contains), $"Step {step}: [{string.Join(", ", reasons)}], expected only [{string.Join(", ", allowed)}].");
        }
    }

    /// <summary>Each generated file's hint name with what the run did to it ("Cached": not emitted again), in name order.</summary>
    private static string[] SourceOutputs(GeneratorRunResult result)
        => result.TrackedOutputSteps[SourceOutputStep]
            .SelectMany(run => run.Outputs)
            .SelectMany(output => HintNamesAndTexts(output.Value).Select(source => $"{source.HintName}: {output.Reason}"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    private static string Source(GeneratorRunResult result, string hintName)
        => result.GeneratedSources.Single(source => source.HintName == hintName).SourceText.ToString();

    // The step Roslyn records every RegisterSourceOutput under; each output's value is what the callback added.
    private const string SourceOutputStep = "SourceOutput";

    private static IEnumerable<(string HintName, SourceText Text)> HintNamesAndTexts(object value)
    {
        // The recorded value is (ImmutableArray<GeneratedSourceText> sources, ImmutableArray<Diagnostic> diagnostics);
        // GeneratedSourceText is internal to Roslyn, so its two properties are read by name.
        System.Collections.IEnumerable sources = (System.Collections.IEnumerable)((System.Runtime.CompilerServices.ITuple)value)[0]!;
        foreach (object source in sources)
        {
            Type type = source.GetType();
            yield return ((string)type.GetProperty("HintName")!.GetValue(source)!, (SourceText)type.GetProperty("Text")!.GetValue(source)!);
        }
    }

    private static void AssertOutputs(GeneratorRunResult result, IncrementalStepRunReason expected)
    {
        IncrementalStepRunReason[] reasons = result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs).Select(output => output.Reason).ToArray();
        Assert.NotEmpty(reasons);
        Assert.True(reasons.All(reason => reason == expected), $"Outputs: [{string.Join(", ", reasons)}], expected only {expected}.");
    }
}
