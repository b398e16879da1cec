using TypedStore.Generators.CodeFixes;

namespace TypedStore.Generators.Tests;

/// <summary>TS0014's fix: the generated key part becomes a long; the table, with its Insert, is then generated.</summary>
public class GeneratedKeyToLongCodeFixTests
{
    [Fact]
    public async Task GeneratedParts_BecomeLong_FixAll()
    {
        // Before the fix the table is not generated, so the use of its Insert does not compile (CS1061); after it, it does.
        await new TypedStoreCodeFixTest<GeneratedKeyToLongCodeFix>(
            """
            [Table("items")] public sealed record Item([property: Key(Generated = true)] int {|TS0014:Id|}, string Name);
            [Table("others")] public sealed class Other { [Key(Generated = true)] public ulong {|TS0014:Id|} { get; init; } }
            [Store] public partial class S;
            public static class Use { public static Item Add(S store) => store.{|CS1061:Items|}.Insert(new Item(0, "a")); }
            """,
            """
            [Table("items")] public sealed record Item([property: Key(Generated = true)] long Id, string Name);
            [Table("others")] public sealed class Other { [Key(Generated = true)] public long Id { get; init; } }
            [Store] public partial class S;
            public static class Use { public static Item Add(S store) => store.Items.Insert(new Item(0, "a")); }
            """).RunAsync();
    }
}
