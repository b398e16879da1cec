using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>Each TS diagnostic fires on the smallest input that deserves it, at the offending declaration.</summary>
public class DiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        """;

    public static TheoryData<string, string> Cases => new()
    {
        { "TS0001", """[Table("items")] public sealed record Item(int Id, string Name);""" },
        { "TS0002", """[Table("items")] public sealed record Item([property: Key] decimal Id, string Name);""" },
        { "TS0002", """[Table("items")] public sealed record Item([property: Key] List<int> Id, string Name);""" },
        { "TS0003", """[Table("items")] public sealed record Item([property: Key] int? Id, string Name);""" },
        { "TS0003", """[Table("items")] public sealed record Item([property: Key] string? Id, string Name);""" },
        { "TS0004", """
            namespace A { [Table("items")] public sealed record Item([property: Key] int Id); }
            namespace B { [Table("items")] public sealed record Item([property: Key] int Id); }
            [Store] public partial class TwoItems;
            """ },
        { "TS0004", """
            [Table("chat_rooms")] public sealed record R1([property: Key] int Id);
            [Table("chat__rooms")] public sealed record R2([property: Key] int Id);
            [Store] public partial class SameProperty;
            """ },
        { "TS0005", """[Table("Items")] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[Table("__catalog")] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[Table("1items")] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[Table("open")] public sealed record Item([property: Key] int Id); [Store] public partial class S;""" },
        { "TS0006", """[Table("items")] public sealed record Item([property: Key] int Id); [Store] public class NotPartial;""" },
        { "TS0006", """[Table("items")] public sealed record Item([property: Key] int Id); public class Outer { [Store] public partial class Inner; }""" },
        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, object Anything);""" },
        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, IReadOnlyDictionary<string, int> Map);""" },
        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, Uri Link);""" },
        { "TS0008", """[Table("items", Kind = TableKind.User)] public sealed record Item([property: Key] DateTime At, [property: Key] string UserId);""" },
        { "TS0009", """[Table("items", TtlSeconds = 30)] public sealed record Item([property: Key] int Id);""" },
        { "TS0010", """
            public sealed class Opaque { public Opaque(int secret) { } public int Visible => 1; }
            [Table("items")] public sealed record Item([property: Key] int Id, Opaque Thing);
            """ },
        { "TS0010", """[Table("items")] public sealed class Item { [Key] public int Id { get; } = 1; }""" },
        { "TS0011", """[Table("items")] public sealed record Item([property: Key(Order = 1)] int A, [property: Key] int B);""" },
        { "TS0011", """[Table("items")] public sealed record Item([property: Key(Order = 1)] int A, [property: Key(Order = 1)] int B);""" },
        { "TS0012", """[Table("items")] public sealed record Item<T>([property: Key] int Id, T Value);""" },
        { "TS0012", """[Table("items")] public abstract record Item([property: Key] int Id);""" },
        { "TS0012", """public class Outer<T> { [Table("items")] public sealed record Item([property: Key] int Id); }""" },
        { "TS0013", """public sealed record NotATable(int Id); [Store(typeof(NotATable))] public partial class S;""" },
        { "TS0013", """[Store] public partial class S<T>;""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_Fires(string id, string source)
    {
        GeneratorOutcome outcome = GeneratorHarness.Run(Usings + source);

        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics, d => d.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        // Models keep plain location values, so reported locations are file locations into the input.
        Assert.Equal("Input0.cs", diagnostic.Location.GetLineSpan().Path);
        Assert.EndsWith($"docs/diagnostics/{id}.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public void NullableKeyPart_PointsAtTheKeyMember()
    {
        const string Source = Usings + """[Table("items")] public sealed record Item([property: Key] int Id, [property: Key] int? Version);""";

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);
        Diagnostic diagnostic = Assert.Single(outcome.GeneratorDiagnostics);

        string pointedAt = outcome.Output.SyntaxTrees.First().GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Equal("Version", pointedAt);
        Assert.Contains("'Version'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidTable_IsLeftOutOfTheStore_WhileValidTablesAreGenerated()
    {
        const string Source = Usings + """
            [Table("good")] public sealed record Good([property: Key] int Id);
            [Table("bad")] public sealed record Bad(int Id);
            [Store] public partial class S;
            public static class Use { public static void Run(S s) => s.Good.Put(new Good(1)); }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);

        Assert.Equal(["TS0001"], outcome.GeneratorDiagnosticIds);
        Assert.Empty(outcome.CompilationDiagnostics);
    }

    [Fact]
    public void EveryDescriptor_IsListedInTheUnshippedReleaseFile()
    {
        string releases = File.ReadAllText(Path.Combine(RepositoryPaths.Generator, "AnalyzerReleases.Unshipped.md"));
        var descriptors = typeof(TypedStore.Generators.Diagnostics.DiagnosticDescriptors)
            .GetFields()
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

        Assert.Equal(13, descriptors.Count);
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Id).Distinct().Count());
        foreach (DiagnosticDescriptor descriptor in descriptors)
        {
            Assert.Contains($"{descriptor.Id} | {descriptor.Category} | Error | {descriptor.Title}", releases, StringComparison.Ordinal);
        }
    }
}
