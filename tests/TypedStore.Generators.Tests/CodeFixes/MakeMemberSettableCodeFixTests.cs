using Microsoft.CodeAnalysis.Testing;
using TypedStore.Generators.CodeFixes;

namespace TypedStore.Generators.Tests;

/// <summary>TS0040's fix: the member becomes settable by the generated code, and the warning goes away.</summary>
public class MakeMemberSettableCodeFixTests
{
    [Fact]
    public async Task PrivateSetter_BecomesPublic()
    {
        await new TypedStoreCodeFixTest<MakeMemberSettableCodeFix>(
            """
            [Table("items")] public sealed record Item([property: Key] int Id) { public string {|TS0040:Name|} { get; private set; } = ""; }
            [Store] public partial class S;
            """,
            """
            [Table("items")] public sealed record Item([property: Key] int Id) { public string Name { get; set; } = ""; }
            [Store] public partial class S;
            """).RunAsync();
    }

    [Fact]
    public async Task GetOnlyAutoProperty_GetsInit()
    {
        await new TypedStoreCodeFixTest<MakeMemberSettableCodeFix>(
            """
            [Table("items")] public sealed class Item { [Key] public int Id { get; init; } public string {|TS0040:Name|} { get; } = ""; }
            [Store] public partial class S;
            """,
            """
            [Table("items")] public sealed class Item { [Key] public int Id { get; init; } public string Name { get; init; } = ""; }
            [Store] public partial class S;
            """).RunAsync();
    }

    [Fact]
    public async Task ReadonlyField_LosesReadonly()
    {
        await new TypedStoreCodeFixTest<MakeMemberSettableCodeFix>(
            """
            [Table("items")] public sealed class Item { [Key] public int Id { get; init; } public readonly int {|TS0040:Count|}; }
            [Store] public partial class S;
            """,
            """
            [Table("items")] public sealed class Item { [Key] public int Id { get; init; } public int Count; }
            [Store] public partial class S;
            """).RunAsync();
    }

    [Fact]
    public async Task FixAll_FixesEveryMember_OfEveryKind()
    {
        // Inner.Value is reported while the table is analyzed (a nested type is checked as part of its table), at a
        // location outside the table: a non-local diagnostic, fixed in IDEs after a build or with full-solution analysis.
        TypedStoreCodeFixTest<MakeMemberSettableCodeFix> test = new(
            """
            public sealed class Inner { public int {|TS0040:Value|} { get; private set; } }
            [Table("items")]
            public class Item
            {
                [Key] public int Id { get; init; }
                public string {|TS0040:Name|} { get; protected set; } = "";
                public int {|TS0040:Count|} { get; private init; }
                public Inner Detail { get; set; } = new();
            }
            [Store] public partial class S;
            """,
            """
            public sealed class Inner { public int Value { get; set; } }
            [Table("items")]
            public class Item
            {
                [Key] public int Id { get; init; }
                public string Name { get; set; } = "";
                public int Count { get; init; }
                public Inner Detail { get; set; } = new();
            }
            [Store] public partial class S;
            """);
        test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        await test.RunAsync();
    }
}
