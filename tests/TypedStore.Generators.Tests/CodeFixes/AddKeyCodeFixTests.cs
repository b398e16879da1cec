using TypedStore.Generators.CodeFixes;

namespace TypedStore.Generators.Tests;

/// <summary>TS0001's fix: a member that can be a key part is marked [Key] (the Id-like one offered first); the table is then generated.</summary>
public class AddKeyCodeFixTests
{
    [Fact]
    public async Task PositionalRecord_IdParameter_IsMarkedWithPropertyKey()
    {
        await new TypedStoreCodeFixTest<AddKeyCodeFix>(
            """
            [{|TS0001:Table("notes")|}] public sealed record Note(string Text, long Id);
            [Store] public partial class S;
            """,
            """
            [Table("notes")] public sealed record Note(string Text, [property: Key] long Id);
            [Store] public partial class S;
            """).RunAsync();
    }

    [Fact]
    public async Task OtherCandidates_AreOfferedAfterTheIdLikeOne()
    {
        // Text (string) can be a key; Tags (a list) and Score (nullable) cannot, so they are not offered.
        await new TypedStoreCodeFixTest<AddKeyCodeFix>(
            """
            [{|TS0001:Table("notes")|}] public sealed record Note(List<string> Tags, int? Score, string Text, long NoteId);
            [Store] public partial class S;
            """,
            """
            [Table("notes")] public sealed record Note(List<string> Tags, int? Score, [property: Key] string Text, long NoteId);
            [Store] public partial class S;
            """)
        {
            CodeActionIndex = 1,
            CodeActionEquivalenceKey = "TS0001:Text",
        }.RunAsync();
    }

    [Fact]
    public async Task ClassProperty_IsMarkedOnALineOfItsOwn()
    {
        await new TypedStoreCodeFixTest<AddKeyCodeFix>(
            """
            [{|TS0001:Table("notes")|}]
            public sealed class Note
            {
                // The note's number.
                public long Id { get; set; }
                public string Text { get; set; } = "";
            }
            [Store] public partial class S;
            """,
            """
            [Table("notes")]
            public sealed class Note
            {
                // The note's number.
                [Key]
                public long Id { get; set; }
                public string Text { get; set; } = "";
            }
            [Store] public partial class S;
            """).RunAsync();
    }

    [Fact]
    public async Task WithoutUsingTypedStore_TheAttributeStaysQualified()
    {
        TypedStoreCodeFixTest<AddKeyCodeFix> test = new(
            """
            namespace App
            {
                [{|TS0001:TypedStore.Table("notes")|}] public sealed record Note(long Id);
                [TypedStore.Store] public partial class S;
            }
            """,
            """
            namespace App
            {
                [TypedStore.Table("notes")] public sealed record Note([property: TypedStore.Key] long Id);
                [TypedStore.Store] public partial class S;
            }
            """);
        test.TestState.Sources[0] = (test.TestState.Sources[0].filename, Microsoft.CodeAnalysis.Text.SourceText.From(test.TestState.Sources[0].content.ToString().Replace("using TypedStore;\n", "", StringComparison.Ordinal)));
        test.FixedState.Sources[0] = (test.FixedState.Sources[0].filename, Microsoft.CodeAnalysis.Text.SourceText.From(test.FixedState.Sources[0].content.ToString().Replace("using TypedStore;\n", "", StringComparison.Ordinal)));
        await test.RunAsync();
    }

    [Fact]
    public async Task FixAll_MarksTheSameMemberInEveryTable()
    {
        await new TypedStoreCodeFixTest<AddKeyCodeFix>(
            """
            [{|TS0001:Table("notes")|}] public sealed record Note(long Id, string Text);
            [{|TS0001:Table("tags")|}] public sealed record Tag(string Name, long Id);
            [Store] public partial class S;
            """,
            """
            [Table("notes")] public sealed record Note([property: Key] long Id, string Text);
            [Table("tags")] public sealed record Tag(string Name, [property: Key] long Id);
            [Store] public partial class S;
            """).RunAsync();
    }
}
