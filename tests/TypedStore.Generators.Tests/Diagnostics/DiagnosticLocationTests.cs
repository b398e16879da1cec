using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace TypedStore.Generators.Tests;

/// <summary>
/// Each TS diagnostic fires on the smallest input that deserves it, with its severity, exactly where the input's
/// markers say (<c>{|TS0001:marked text|}</c>), and nowhere else.
/// </summary>
public class DiagnosticLocationTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using TypedStore;

        """;

    /// <summary>Every case: the id it is about, and the marked source.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        // The attribute application is the table's anchor: the table as a whole is wrong.
        { "TS0001", """[{|TS0001:Table("items")|}] public sealed record Item(int Id, string Name);""" },
        { "TS0001", """[{|TS0001:Table("items")|}] public sealed class Item { public int Id { get; set; } }""" },

        // Problems of one member point at that member.
        { "TS0002", """[Table("items")] public sealed record Item([property: Key] decimal {|TS0002:Id|}, string Name);""" },
        { "TS0002", """[Table("items")] public sealed record Item([property: Key] List<int> {|TS0002:Id|}, string Name);""" },
        { "TS0002", """[Table("items")] public sealed class Item { [Key] public TimeOnly {|TS0002:At|} { get; init; } }""" },
        { "TS0003", """[Table("items")] public sealed record Item([property: Key] int? {|TS0003:Id|}, string Name);""" },
        { "TS0003", """[Table("items")] public sealed record Item([property: Key] int Id, [property: Key] string? {|TS0003:Version|});""" },

        // Problems of a store's set of tables point at the store's attribute.
        { "TS0004", """
            namespace A { [Table("items")] public sealed record Item([property: Key] int Id); }
            namespace B { [Table("items")] public sealed record Item([property: Key] int Id); }
            [{|TS0004:Store|}] public partial class TwoItems;
            """ },
        { "TS0004", """
            [Table("chat_rooms")] public sealed record R1([property: Key] int Id);
            [Table("chat__rooms")] public sealed record R2([property: Key] int Id);
            [{|TS0004:Store|}] public partial class SameProperty;
            """ },

        { "TS0005", """[{|TS0005:Table("Items")|}] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[{|TS0005:Table("__catalog")|}] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[{|TS0005:Table("1items")|}] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[{|TS0005:Table("")|}] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[{|TS0005:Table("default")|}] public sealed record Item([property: Key] int Id);""" },
        { "TS0005", """[{|TS0005:Table("items-2")|}] public sealed record Item([property: Key] int Id);""" },

        // "open" is a valid name whose property, Open, would clash with the generated Open method: only a store can tell.
        { "TS0005", """[Table("open")] public sealed record Item([property: Key] int Id); [{|TS0005:Store|}] public partial class S;""" },
        { "TS0005", """[Table("value_formatters")] public sealed record Item([property: Key] int Id); [{|TS0005:Store|}] public partial class S;""" },
        { "TS0005", """[Table("memberwise_clone")] public sealed record Item([property: Key] int Id); [{|TS0005:Store|}] public partial class S;""" },
        { "TS0005", """[Table("shop_batch")] public sealed record Item([property: Key] int Id); [{|TS0005:Store|}] public partial class ShopBatch;""" },
        { "TS0005", """[Table("shop_snapshot")] public sealed record Item([property: Key] int Id); [{|TS0005:Store|}] public partial class Shop;""" },

        // "accounts_key" would be the property AccountsKey, the name of the key struct generated for "accounts".
        { "TS0005", """
            [Table("accounts")] public sealed record Account([property: Key] int Id);
            [Table("accounts_key")] public sealed record AccountKey([property: Key] int Id);
            [{|TS0005:Store|}] public partial class S;
            """ },
        { "TS0005", """
            [Table("accounts")] public sealed record Account([property: Key] int Id);
            [Table("accounts_table")] public sealed record AccountTable([property: Key] int Id);
            [{|TS0005:Store|}] public partial class S;
            """ },

        { "TS0006", """[Table("items")] public sealed record Item([property: Key] int Id); [{|TS0006:Store|}] public class NotPartial;""" },
        { "TS0006", """[Table("items")] public sealed record Item([property: Key] int Id); public class Outer { [{|TS0006:Store|}] public partial class Inner; }""" },

        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, object {|TS0007:Anything|});""" },
        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, IReadOnlyDictionary<string, int> {|TS0007:Map|});""" },
        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, Uri {|TS0007:Link|});""" },
        { "TS0007", """[Table("items")] public sealed record Item([property: Key] int Id, int[,] {|TS0007:Grid|});""" },

        // A member of a nested type points at that member, in the nested type.
        { "TS0007", """
            public sealed record Inner(object {|TS0007:Payload|});
            [Table("items")] public sealed record Item([property: Key] int Id, Inner Detail);
            """ },

        { "TS0008", """[Table("items", Kind = TableKind.User)] public sealed record Item([property: Key] DateTime {|TS0008:At|}, [property: Key] string UserId);""" },
        { "TS0008", """
            public enum Tenant { A, B }
            [Table("items", Kind = TableKind.User)] public sealed record Item([property: Key] Tenant {|TS0008:Owner|}, [property: Key] int Id);
            """ },

        { "TS0009", """[{|TS0009:Table("items", TtlSeconds = 30)|}] public sealed record Item([property: Key] int Id);""" },
        { "TS0009", """[{|TS0009:Table("items", Kind = TableKind.User, TtlSeconds = 30)|}] public sealed record Item([property: Key] string UserId);""" },

        // A nested type that cannot be rebuilt points at its declaration; a key member that cannot be set back, at the member.
        { "TS0010", """
            public sealed class {|TS0010:Opaque|} { public Opaque(int secret) { } public int Visible => 1; }
            [Table("items")] public sealed record Item([property: Key] int Id, Opaque Thing);
            """ },
        { "TS0010", """[Table("items")] public sealed class Item { [Key] public int {|TS0010:Id|} { get; } = 1; }""" },
        { "TS0010", """[{|TS0010:Table("items")|}] public sealed class Item { private Item() { } [Key] public int Id { get; set; } }""" },

        { "TS0011", """[{|TS0011:Table("items")|}] public sealed record Item([property: Key(Order = 1)] int A, [property: Key] int B);""" },
        { "TS0011", """[{|TS0011:Table("items")|}] public sealed record Item([property: Key(Order = 1)] int A, [property: Key(Order = 1)] int B);""" },

        { "TS0012", """[{|TS0012:Table("items")|}] public sealed record Item<T>([property: Key] int Id, T Value);""" },
        { "TS0012", """[{|TS0012:Table("items")|}] public abstract record Item([property: Key] int Id);""" },
        { "TS0012", """public class Outer<T> { [{|TS0012:Table("items")|}] public sealed record Item([property: Key] int Id); }""" },
        { "TS0012", """public class Outer { [{|TS0012:Table("items")|}] private sealed record Item([property: Key] int Id); }""" },

        { "TS0013", """public sealed record NotATable(int Id); [{|TS0013:Store(typeof(NotATable))|}] public partial class S;""" },
        { "TS0013", """[{|TS0013:Store|}] public partial class S<T>;""" },
        { "TS0013", """[{|TS0013:Store|}] public static partial class S;""" },
        { "TS0013", """[{|TS0013:Store|}] public abstract partial class S;""" },
        { "TS0013", """public partial class Outer { [{|TS0013:Store|}] private partial class S; }""" },
        { "TS0013", """public partial class Outer { protected partial class Inner { [{|TS0013:Store|}] public partial class S; } }""" },

        // Generated key parts: the offending part.
        { "TS0014", """[Table("items")] public sealed record Item([property: Key(Generated = true)] int {|TS0014:Id|}, string Name);""" },
        { "TS0014", """[Table("items")] public sealed record Item([property: Key(Generated = true)] string {|TS0014:Id|}, string Name);""" },
        { "TS0014", """[Table("items")] public sealed class Item { [Key(Generated = true)] public ulong {|TS0014:Id|} { get; init; } }""" },
        { "TS0015", """[Table("items")] public sealed record Item([property: Key(Generated = true)] long A, [property: Key(Generated = true)] long {|TS0015:B|});""" },

        // A ChangeFeed table adds {Property}Change: "notes_change" would be the property NotesChange.
        { "TS0005", """
            [Table("notes", ChangeFeed = true)] public sealed record Note([property: Key] int Id);
            [Table("notes_change")] public sealed record NoteChange([property: Key] int Id);
            [{|TS0005:Store|}] public partial class S;
            """ },

        // A stream without a time-ordered key part: the table as a whole (a warning).
        { "TS0020", """[{|TS0020:Table("pings", Kind = TableKind.Stream, TtlSeconds = 30)|}] public sealed record Ping([property: Key] string Host, string Status);""" },
        { "TS0020", """[{|TS0020:Table("pings", Kind = TableKind.Stream)|}] public sealed record Ping([property: Key(Generated = true, Descending = true)] long Seq, string Status);""" },

        // Index problems point at the [Index] attribute that has them.
        { "TS0030", """[Table("items")] [{|TS0030:Index("by_name", "Nmae")|}] public sealed record Item([property: Key] int Id, string Name);""" },
        { "TS0031", """[Table("items")] [{|TS0031:Index("by_id", nameof(Item.Id))|}] public sealed record Item([property: Key] int Id, string Name);""" },
        { "TS0031", """[Table("items")] [{|TS0031:Index("by_tags", nameof(Item.Tags))|}] public sealed record Item([property: Key] int Id, List<string> Tags);""" },
        { "TS0031", """[Table("items")] [{|TS0031:Index("by_price", nameof(Item.Price))|}] public sealed record Item([property: Key] int Id, decimal? Price);""" },
        { "TS0032", """[Table("items")] [Index("by_name", nameof(Item.Name))] [{|TS0032:Index("by_name", nameof(Item.Code))|}] public sealed record Item([property: Key] int Id, string Name, int Code);""" },
        { "TS0032", """[Table("items")] [Index("by_name", nameof(Item.Name))] [{|TS0032:Index("by__name", nameof(Item.Code))|}] public sealed record Item([property: Key] int Id, string Name, int Code);""" },
        { "TS0033", """[Table("items")] [{|TS0033:Index("ByName", nameof(Item.Name))|}] public sealed record Item([property: Key] int Id, string Name);""" },
        { "TS0033", """[Table("items")] [{|TS0033:Index("", nameof(Item.Name))|}] public sealed record Item([property: Key] int Id, string Name);""" },
        { "TS0033", """[Table("items")] [{|TS0033:Index("core", nameof(Item.Name))|}] public sealed record Item([property: Key] int Id, string Name);""" },
        { "TS0034", """[Table("pings", Kind = TableKind.Stream, TtlSeconds = 30)] [{|TS0034:Index("by_host", nameof(Ping.Host))|}] public sealed record Ping([property: Key(Generated = true)] long Seq, string Host);""" },
        { "TS0035", """[Table("items")] [{|TS0035:Index("by_nothing")|}] public sealed record Item([property: Key] int Id, string Name);""" },
        { "TS0036", """[Table("items")] [{|TS0036:Index("by_name", nameof(Item.Name), nameof(Item.Name))|}] public sealed record Item([property: Key] int Id, string Name);""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostic_IsReportedWithItsSeverity_ExactlyAtTheMarkedSpan(string id, string markedSource)
    {
        MarkedSource source = MarkedSource.Parse(Usings + markedSource);
        Assert.Contains(source.Spans, span => span.Id == id);

        GeneratorOutcome outcome = GeneratorHarness.Run(source.Text);

        // Compared as text, so a failure shows every expected and reported diagnostic side by side.
        string[] expected = source.Spans
            .Select(span => Describe(span.Id ?? id, "Input0.cs", span.LineSpan.Start, span.LineSpan.End, source.Text.Substring(span.Span.Start, span.Span.Length)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        string[] reported = outcome.GeneratorDiagnostics
            .Select(d => Describe(d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().StartLinePosition, d.Location.GetLineSpan().EndLinePosition, source.Text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length)))
            .Order(StringComparer.Ordinal)
            .ToArray();
        Assert.Equal(expected, reported);

        Assert.All(outcome.GeneratorDiagnostics, diagnostic =>
        {
            DiagnosticSeverity declared = DiagnosticDocsTests.ExpectedSeverity(diagnostic.Id);
            Assert.Equal(declared, diagnostic.Severity);
            Assert.Equal(declared, diagnostic.DefaultSeverity);
        });
    }

    [Fact]
    public void EveryDiagnostic_HasALocationCase()
    {
        IEnumerable<string> covered = ((IEnumerable<object[]>)Cases).Select(row => (string)row[0]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(DiagnosticCatalogue.Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), covered);
    }

    [Fact]
    public void Message_NamesTheOffendingMember()
    {
        MarkedSource source = MarkedSource.Parse(Usings + """[Table("items")] public sealed record Item([property: Key] int Id, [property: Key] int? {|TS0003:Version|});""");

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Run(source.Text).GeneratorDiagnostics);

        Assert.Equal("Key part 'Version' of table type 'Item' is declared nullable ('int?'); key parts cannot be null", diagnostic.GetMessage(CultureInfo.InvariantCulture));
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
        Assert.Equal(["S.Good.g.cs", "S.g.cs"], outcome.HintNames);
        Assert.DoesNotContain("Bad", outcome.AllGeneratedSource(), StringComparison.Ordinal);
    }

    [Fact]
    public void TableNamesThatOnlyResembleGeneratedNames_AreAccepted()
    {
        const string Source = Usings + """
            [Table("accounts")] public sealed record Account([property: Key] int Id);
            [Table("accounts_keys")] public sealed record AccountKeys([property: Key] int Id);
            [Table("codec")] public sealed record Codec([property: Key] int Id);
            [Table("open_store")] public sealed record OpenStore([property: Key] int Id);
            [Store] public partial class S;
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.CompilationDiagnostics);
    }

    [Fact]
    public void TableOfAnotherStore_IsReportedOnce_NotOncePerStore()
    {
        const string Source = Usings + """
            [Table("bad")] public sealed record Bad(int Id);
            [Store] public partial class First;
            [Store] public partial class Second;
            """;

        Assert.Equal(["TS0001"], GeneratorHarness.Run(Source).GeneratorDiagnosticIds);
    }

    private static string Describe(string id, string path, LinePosition start, LinePosition end, string text)
        => $"{id} {path}({start.Line + 1},{start.Character + 1})-({end.Line + 1},{end.Character + 1}) \"{text}\"";
}
