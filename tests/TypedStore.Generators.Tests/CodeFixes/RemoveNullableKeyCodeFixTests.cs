using TypedStore.Generators.CodeFixes;

namespace TypedStore.Generators.Tests;

/// <summary>TS0003's fix: the key part's type loses its <c>?</c>; the table is then generated.</summary>
public class RemoveNullableKeyCodeFixTests
{
    [Fact]
    public async Task NullableKeyParts_BecomeNonNullable_FixAll()
    {
        await new TypedStoreCodeFixTest<RemoveNullableKeyCodeFix>(
            """
            [Table("items")] public sealed record Item([property: Key] int? {|TS0003:Id|}, [property: Key] string? {|TS0003:Version|}, string? Note);
            [Table("others")] public sealed class Other { [Key] public Guid? {|TS0003:Id|} { get; init; } }
            [Store] public partial class S;
            """,
            """
            [Table("items")] public sealed record Item([property: Key] int Id, [property: Key] string Version, string? Note);
            [Table("others")] public sealed class Other { [Key] public Guid Id { get; init; } }
            [Store] public partial class S;
            """).RunAsync();
    }
}
