using TypedStore.Generators.CodeFixes;

namespace TypedStore.Generators.Tests;

/// <summary>TS0006's fix: the store, and every type containing it, becomes partial; the store is then generated.</summary>
public class MakeStorePartialCodeFixTests
{
    [Fact]
    public async Task Store_BecomesPartial()
    {
        await new TypedStoreCodeFixTest<MakeStorePartialCodeFix>(
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);

            [{|TS0006:Store|}]
            public sealed class NotesStore;
            """,
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);

            [Store]
            public sealed partial class NotesStore;
            """).RunAsync();
    }

    [Fact]
    public async Task ContainingTypes_BecomePartialToo()
    {
        await new TypedStoreCodeFixTest<MakeStorePartialCodeFix>(
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);

            public static class Outer
            {
                internal class Middle
                {
                    [{|TS0006:Store|}]
                    public class NotesStore { }
                }
            }
            """,
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);

            public static partial class Outer
            {
                internal partial class Middle
                {
                    [Store]
                    public partial class NotesStore { }
                }
            }
            """).RunAsync();
    }

    [Fact]
    public async Task FixAll_MakesEveryStorePartial()
    {
        await new TypedStoreCodeFixTest<MakeStorePartialCodeFix>(
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);
            [{|TS0006:Store|}] public class First;
            [{|TS0006:Store|}] class Second;
            """,
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);
            [Store] public partial class First;
            [Store] partial class Second;
            """).RunAsync();
    }
}
