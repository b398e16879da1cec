using Microsoft.CodeAnalysis.Testing;
using TypedStore.Generators.Diagnostics;

namespace TypedStore.Generators.Tests;

/// <summary>
/// Each TS diagnostic fires on the smallest input that deserves it, with its severity, exactly where the input's
/// markup says (<c>{|TS0001:marked text|}</c>, Microsoft.CodeAnalysis.Testing's), and nowhere else; the generator and
/// the declaration analyzer run together, as in a build.
/// </summary>
public class DiagnosticLocationTests
{
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

        // A row cache hands every reader the same object: each member that lets it change is reported where it is declared.
        { "TS0021", """[Table("users", CacheSize = 100)] public sealed class User { [Key] public string Id { get; init; } = ""; public string {|TS0021:Name|} { get; set; } = ""; }""" },
        { "TS0021", """[Table("users", CacheSize = 100)] public sealed record User([property: Key] string Id, System.Collections.Generic.List<string> {|TS0021:Tags|});""" },
        { "TS0021", """[Table("users", CacheSize = 100)] public sealed record User([property: Key] string Id, byte[] {|TS0021:Avatar|});""" },
        { "TS0021", """[Table("users", CacheSize = 100)] public sealed record User([property: Key] string Id, Address Home); public sealed class Address { public string {|TS0021:City|} { get; set; } = ""; }""" },
        { "TS0021", """[Table("users", CacheSize = 100)] public sealed class User { [Key] public string Id { get; init; } = ""; public string {|TS0021:Name|} = ""; }""" },

        // Cache options: negative, too small, or a TTL without a size.
        { "TS0022", """[{|TS0022:Table("users", CacheSize = -1)|}] public sealed record User([property: Key] string Id, string Name);""" },
        { "TS0022", """[{|TS0022:Table("users", CacheSize = 2)|}] public sealed record User([property: Key] string Id, string Name);""" },
        { "TS0022", """[{|TS0022:Table("users", CacheSize = 10, CacheTtlSeconds = -1)|}] public sealed record User([property: Key] string Id, string Name);""" },
        { "TS0022", """[{|TS0022:Table("users", CacheTtlSeconds = 60)|}] public sealed record User([property: Key] string Id, string Name);""" },

        { "TS0023", """[{|TS0023:Table("pings", Kind = TableKind.Stream, CacheSize = 100)|}] public sealed record Ping([property: Key(Generated = true)] long Seq, string Host);""" },

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
        // Members that hold state but cannot be set back: written, never read (a warning; the table is generated).
        { "TS0040", """[Table("items")] public sealed record Item([property: Key] int Id) { public string {|TS0040:Name|} { get; private set; } = ""; }""" },
        { "TS0040", """[Table("items")] public sealed class Item { [Key] public int Id { get; init; } public string {|TS0040:Name|} { get; } = ""; }""" },
        { "TS0040", """[Table("items")] public sealed class Item { [Key] public int Id { get; init; } public int {|TS0040:Count|} { get; private init; } }""" },
        { "TS0040", """[Table("items")] public sealed class Item { [Key] public int Id { get; init; } public readonly int {|TS0040:Count|}; }""" },
        { "TS0040", """
            public sealed class Inner { public int {|TS0040:Value|} { get; private set; } }
            [Table("items")] public sealed record Item([property: Key] int Id, Inner Detail);
            """ },

        // Tables but no store: once, on the first table (by file and position).
        { "TS0041", """
            [{|TS0041:Table("items")|}] public sealed record Item([property: Key] int Id);
            [Table("others")] public sealed record Other([property: Key] int Id);
            """ },

        { "TS0042", """[{|TS0042:Table("pings", Kind = TableKind.Stream, TtlSeconds = -5)|}] public sealed record Ping([property: Key(Generated = true)] long Seq);""" },

        // [Key] or [Index] on a type without [Table] does nothing.
        { "TS0043", """public sealed record Inner([property: {|TS0043:Key|}] int Id, string Name);""" },
        { "TS0043", """public sealed class Inner { [{|TS0043:Key|}] public int Id { get; set; } }""" },
        { "TS0043", """public sealed record Inner([{|TS0043:Key|}] int Id);""" },
        { "TS0043", """[{|TS0043:Index("by_name", "Name")|}] public sealed record Inner(int Id, string Name);""" },

        // Members of the store that the generator adds too (the compiler's own duplicate-member error in the generated
        // file comes with them), and constructors, which Open never calls.
        { "TS0044", """[Table("notes")] public sealed record Note([property: Key] long Id); [Store] public partial class S { public void {|TS0044:Dispose|}() { } }""" },
        { "TS0044", """[Table("notes")] public sealed record Note([property: Key] long Id); [Store] public partial class S { public int {|TS0044:Notes|} => 1; }""" },
        { "TS0044", """[Table("notes")] public sealed record Note([property: Key] long Id); [Store] public partial class S { public sealed class {|TS0044:NotesKey|} { } }""" },
        { "TS0044", """[Table("notes")] public sealed record Note([property: Key] long Id); [Store] public partial class S { public {|TS0044:S|}(int x) { } }""" },
        { "TS0044", """[Table("notes")] [Index("by_text", nameof(Note.Text))] public sealed record Note([property: Key] long Id, string Text); [Store] public partial class S { private sealed class {|TS0044:NotesByTextQuery|} { } }""" },

        { "TS0045", """[{|TS0045:Table("notes", Kind = (TableKind)7)|}] public sealed record Note([property: Key] long Id);""" },

        // [Key] on a member the store never reads: said instead of "no key" (TS0001).
        { "TS0046", """[Table("notes")] public sealed class Note { [Key] public static long {|TS0046:Id|} { get; set; } public string Text { get; set; } = ""; }""" },
        { "TS0046", """[Table("notes")] public sealed class Note { [Key] private long {|TS0046:Id|} { get; set; } public string Text { get; set; } = ""; }""" },
        { "TS0046", """[Table("notes")] public sealed class Note { [Key] public long Id { get; init; } [Key] protected string {|TS0046:Part|} = ""; }""" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Diagnostic_IsReportedWithItsSeverity_ExactlyAtTheMarkedSpan(string id, string markedSource)
    {
        Assert.Contains("{|" + id + ":", markedSource, StringComparison.Ordinal);

        // A case without a store gets one (except TS0041's), so that TS0041 does not fire beside the case's own id.
        string source = id == "TS0041" || markedSource.Contains("Store", StringComparison.Ordinal)
            ? markedSource
            : markedSource + Environment.NewLine + "[Store] public partial class CaseStore;";
        TypedStoreAnalyzerTest test = new(TypedStoreTestSetup.Usings + source);
        if (IsStoreWide(markedSource))
        {
            // The generator reports these: the library's re-runs with the source marked <auto-generated> or under
            // #pragma warning disable check analyzer behaviour, which the generator's diagnostics do not follow.
            test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipSuppressionCheck;
        }

        if (id == "TS0044")
        {
            // The point of TS0044: the compiler's duplicate-member error lands in the generated file, this one on the member.
            test.CompilerDiagnostics = CompilerDiagnostics.None;
        }

        // The library checks each id, span and severity (the descriptor's) and that nothing else is reported: no
        // other diagnostic, and no compiler error in the sources or the generated code.
        await test.RunAsync();
    }

    [Fact]
    public void EveryDiagnostic_HasALocationCase()
    {
        IEnumerable<string> covered = ((IEnumerable<object[]>)Cases).Select(row => (string)row[0]).Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(DiagnosticCatalogue.Descriptors.Select(d => d.Id).Order(StringComparer.Ordinal), covered);
    }

    [Fact]
    public void Severity_IsTheDeclaredOne()
    {
        Assert.All(DiagnosticCatalogue.Descriptors, descriptor => Assert.Equal(DiagnosticDocsTests.ExpectedSeverity(descriptor.Id), descriptor.DefaultSeverity));
    }

    [Fact]
    public async Task Message_NamesTheOffendingMember()
    {
        const string Source = """[Table("items")] public sealed record Item([property: Key] int Id, [property: Key] int? Version); [Store] public partial class S;""";
        int column = Source.IndexOf("Version", StringComparison.Ordinal) + 1;

        await TypedStoreAnalyzerTest.VerifyAsync(
            Source,
            new DiagnosticResult(DiagnosticDescriptors.NullableKeyPart)
                .WithSpan(4, column, 4, column + "Version".Length)
                .WithMessage("Key part 'Version' of table type 'Item' is declared nullable ('int?'); key parts cannot be null"));
    }

    [Fact]
    public async Task UnstoredMember_MessageSaysWhyAndHow()
    {
        const string Source = """[Table("items")] public sealed record Item([property: Key] int Id) { public string Name { get; private set; } = ""; } [Store] public partial class S;""";
        int column = Source.IndexOf("Name", StringComparison.Ordinal) + 1;

        await TypedStoreAnalyzerTest.VerifyAsync(
            Source,
            new DiagnosticResult(DiagnosticDescriptors.UnstoredMember)
                .WithSpan(4, column, 4, column + "Name".Length)
                .WithArguments("Name", "Item", "its set accessor is private", "a public or internal set"));
    }

    [Fact]
    public async Task StoredAndComputedMembers_AreNotReported()
    {
        // Settable, init, constructor-matched and computed members: nothing is lost, nothing is reported.
        await TypedStoreAnalyzerTest.VerifyAsync("""
            [Table("items")]
            public sealed class Item
            {
                public Item(int id, string label) { Id = id; Label = label; }
                [Key] public int Id { get; }
                public string Label { get; }
                public int Count { get; set; }
                public string? Note { get; init; }
                internal int Hidden { get; set; }
                public int Doubled => Count * 2;
                public string Upper { get { return Label.ToUpperInvariant(); } }
            }
            [Store] public partial class S;
            """);
    }

    [Fact]
    public async Task KeyOnABaseTypeOfATable_IsNotReported()
    {
        await TypedStoreAnalyzerTest.VerifyAsync("""
            public abstract record Entity([property: Key] string Id);
            [Table("items")] public sealed record Item(string Id, string Name) : Entity(Id);
            [Store] public partial class S;
            """);
    }

    [Fact]
    public async Task StoreInTheCompilation_SilencesMissingStore_AndNoTables_ReportNothing()
    {
        await TypedStoreAnalyzerTest.VerifyAsync("""[Table("items")] public sealed record Item([property: Key] int Id); [Store(typeof(Item))] public partial class S;""");
        await TypedStoreAnalyzerTest.VerifyAsync("""public sealed record Plain(int Id);""");
    }

    [Fact]
    public async Task TableOfAnotherStore_IsReportedOnce_NotOncePerStore()
    {
        await new TypedStoreAnalyzerTest(TypedStoreTestSetup.Usings + """
            [{|TS0001:Table("bad")|}] public sealed record Bad(int Id);
            [Store] public partial class First;
            [Store] public partial class Second;
            """).RunAsync();
    }

    [Fact]
    public void InvalidTable_IsLeftOutOfTheStore_WhileValidTablesAreGenerated()
    {
        const string Source = TypedStoreTestSetup.Usings + """
            [Table("good")] public sealed record Good([property: Key] int Id);
            [Table("bad")] public sealed record Bad(int Id);
            [Store] public partial class S;
            public static class Use { public static void Run(S s) => s.Good.Put(new Good(1)); }
            """;

        GeneratorOutcome outcome = GeneratorHarness.Run(Source);

        Assert.Equal(["TS0001"], outcome.TypedStoreDiagnosticIds);
        Assert.Empty(outcome.CompilationDiagnostics);
        Assert.Equal(["S.Good.g.cs", "S.g.cs"], outcome.HintNames);
        Assert.DoesNotContain("Bad", outcome.AllGeneratedSource(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TableNamesThatOnlyResembleGeneratedNames_AreAccepted()
    {
        await TypedStoreAnalyzerTest.VerifyAsync("""
            [Table("accounts")] public sealed record Account([property: Key] int Id);
            [Table("accounts_keys")] public sealed record AccountKeys([property: Key] int Id);
            [Table("codec")] public sealed record Codec([property: Key] int Id);
            [Table("open_store")] public sealed record OpenStore([property: Key] int Id);
            [Store] public partial class S;
            """);
    }

    /// <summary>The diagnostics the generator reports (about a store's set of tables), not the analyzer.</summary>
    private static bool IsStoreWide(string markedSource)
        => markedSource.Contains("{|TS0004:", StringComparison.Ordinal) || markedSource.Contains("{|TS0044:", StringComparison.Ordinal)
            || markedSource.Contains("{|TS0005:Store", StringComparison.Ordinal);
}
