using Microsoft.CodeAnalysis;

namespace TypedStore.Generators.Tests;

/// <summary>
/// What the generator does for the catalog (docs/schema-evolution.md) and generated ids: the schema in each
/// descriptor, Insert only where a key part is generated, and '__' names only in TypedStore itself
/// (TS0014/TS0015 are with the other diagnostics, in Diagnostics/).
/// </summary>
public class CatalogEmissionTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        """;

    [Fact]
    public void Schema_ListsKeyPartsAndMembersInOrder_WithTypesAsStored()
    {
        const string Source = Usings + """
            namespace Demo;
            [Table("items")]
            public sealed record Item([property: Key(Order = 1, Descending = true)] DateTime At, [property: Key(Order = 0)] Guid Owner, string? Note, int? Count, List<string?> Tags);
            [Store] public partial class S;
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);

        Assert.Empty(outcome.CompilationDiagnostics);
        // Key order, not declaration order; reference nullability dropped (same bytes); Nullable<int> kept (other bytes).
        Assert.Contains(
            """s_itemsSchema = new([new("Owner", "System.Guid", false), new("At", "System.DateTime", true)], [new("Note", "string"), new("Count", "int?"), new("Tags", "System.Collections.Generic.List<string>")]);""",
            outcome.GeneratedSource("S.g.cs"),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Insert_IsGeneratedOnlyForTablesWithAGeneratedKey_OtherwiseCallingItDoesNotCompile()
    {
        const string Source = Usings + """
            [Table("plain")] public sealed record Plain([property: Key] long Id, string Name);
            [Table("numbered")] public sealed record Numbered([property: Key(Generated = true)] long Id, string Name);
            [Store] public partial class S;
            public static class Use
            {
                public static long Ok(S s) => s.Numbered.Insert(new Numbered(0, "x")).Id;
                public static void NotThere(S s) => s.Plain.Insert(new Plain(0, "x"));
            }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);

        Assert.Empty(outcome.TypedStoreDiagnostics);
        Diagnostic missing = Assert.Single(outcome.CompilationDiagnostics);
        Assert.Equal("CS1061", missing.Id);
        Assert.Contains("Insert", missing.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void StreamTable_GeneratedKey_GetsNoInsert()
    {
        const string Source = Usings + """
            [Table("typing", Kind = TableKind.Stream, TtlSeconds = 60)]
            public sealed record Typing([property: Key] string UserId, [property: Key(Generated = true)] long Seq);
            [Store] public partial class S;
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);

        Assert.Empty(outcome.CompilationDiagnostics);
        Assert.DoesNotContain(" Insert(", outcome.AllGeneratedSource(), StringComparison.Ordinal);
    }

    [Fact]
    public void CatalogNames_AreReserved_ExceptInTheTypedStoreAssembly()
    {
        const string Source = Usings + """[Table("__things", Kind = TableKind.System)] internal sealed record Thing([property: Key] string Name, int Value); [Store] internal partial class S;""";

        GeneratorOutcome user = GeneratorHarness.Run(Source);
        Assert.Equal(["TS0005"], user.TypedStoreDiagnosticIds);

        GeneratorOutcome catalog = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source).WithAssemblyName("TypedStore"), GeneratorHarness.CreateDriver());
        Assert.Empty(catalog.TypedStoreDiagnostics);
    }

    [Fact]
    public void CatalogNames_InTheTypedStoreAssembly_StillFollowTheNamingRule()
    {
        const string Source = Usings + """[Table("__Things")] internal sealed record Thing([property: Key] string Name); [Store] internal partial class S;""";

        GeneratorOutcome catalog = GeneratorHarness.Run(GeneratorHarness.CreateCompilation(Source).WithAssemblyName("TypedStore"), GeneratorHarness.CreateDriver());

        Assert.Equal(["TS0005"], catalog.TypedStoreDiagnosticIds);
    }
}
