using TypedStore.Catalog;
using TypedStore.Tables;

namespace TypedStore.Tests.Catalog;

/// <summary>
/// The rules of docs/schema-evolution.md, one change at a time, on schemas written by hand (the end-to-end
/// tests in Evolution/ prove the same rules through compiled code).
/// </summary>
public class SchemaComparerTests
{
    private static readonly TableSchema s_stored = Schema(
        [new("UserId", "string", false), new("At", "System.DateTime", true)],
        [new("Text", "string"), new("Count", "int"), new("Tags", "System.Collections.Generic.List<string>")]);

    [Fact]
    public void SameSchema_IsIdentical()
    {
        TableSchema copy = Schema([.. s_stored.KeyParts], [.. s_stored.Members]);
        Assert.Equal(SchemaVerdict.Identical, SchemaComparer.Compare(s_stored, copy).Verdict);
    }

    [Fact]
    public void MembersAddedAtTheEnd_AreAppended_AndNamed()
    {
        TableSchema declared = Schema([.. s_stored.KeyParts], [.. s_stored.Members, new("Rank", "int"), new("Note", "string")]);

        SchemaComparison comparison = SchemaComparer.Compare(s_stored, declared);

        Assert.Equal(SchemaVerdict.Appended, comparison.Verdict);
        Assert.Equal("members 'Rank', 'Note' were appended", comparison.Reason);
    }

    public static TheoryData<string, SchemaMember[], SchemaChange, string> MemberChanges => new()
    {
        { "removed from the middle", [new("Text", "string"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberRemoved, "Count" },
        { "removed from the end", [new("Text", "string"), new("Count", "int")], SchemaChange.MemberRemoved, "Tags" },
        { "renamed", [new("Text", "string"), new("Total", "int"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberRenamed, "Count" },
        { "renamed and retyped", [new("Text", "string"), new("Total", "long"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberRenamed, "Count" },
        { "swapped", [new("Count", "int"), new("Text", "string"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberReordered, "Text" },
        { "new member inserted before", [new("Text", "string"), new("Rank", "int"), new("Count", "int"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberReordered, "Count" },
        { "retyped", [new("Text", "string"), new("Count", "long"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberRetyped, "Count" },
        { "made nullable", [new("Text", "string"), new("Count", "int?"), new("Tags", "System.Collections.Generic.List<string>")], SchemaChange.MemberRetyped, "Count" },
        { "collection retyped", [new("Text", "string"), new("Count", "int"), new("Tags", "string[]")], SchemaChange.MemberRetyped, "Tags" },
        { "all removed", [], SchemaChange.MemberRemoved, "Text" },
    };

    [Theory]
    [MemberData(nameof(MemberChanges))]
    public void MemberChange_IsIncompatible_NamingTheStoredMember(string change, SchemaMember[] members, SchemaChange expected, string member)
    {
        SchemaComparison comparison = SchemaComparer.Compare(s_stored, Schema([.. s_stored.KeyParts], members));

        Assert.True(comparison.Verdict == SchemaVerdict.Incompatible, change);
        Assert.Equal((expected, member), (comparison.Change, comparison.Member));
        Assert.Contains($"'{member}'", comparison.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, SchemaKeyPart[], string, string> KeyChanges => new()
    {
        { "part retyped", [new("UserId", "System.Guid", false), new("At", "System.DateTime", true)], "UserId", "changed type from 'string' to 'System.Guid'" },
        { "direction flipped", [new("UserId", "string", false), new("At", "System.DateTime", false)], "At", "changed sort order from descending to ascending" },
        { "parts swapped", [new("At", "System.DateTime", true), new("UserId", "string", false)], "UserId", "moved from position 1 to 2" },
        { "part renamed", [new("OwnerId", "string", false), new("At", "System.DateTime", true)], "UserId", "renamed or replaced by 'OwnerId'" },
        { "part added", [new("UserId", "string", false), new("At", "System.DateTime", true), new("Seq", "long", false)], "Seq", "was added to the key" },
        { "part removed", [new("UserId", "string", false)], "At", "was removed from the key" },
    };

    [Theory]
    [MemberData(nameof(KeyChanges))]
    public void KeyChange_IsIncompatible_NamingThePart(string change, SchemaKeyPart[] keyParts, string part, string reason)
    {
        SchemaComparison comparison = SchemaComparer.Compare(s_stored, Schema(keyParts, [.. s_stored.Members]));

        Assert.True(comparison.Verdict == SchemaVerdict.Incompatible, change);
        Assert.Equal((SchemaChange.KeyChanged, part), (comparison.Change, comparison.Member));
        Assert.Contains(reason, comparison.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyChange_IsReported_BeforeMemberChanges()
    {
        TableSchema declared = Schema([new("UserId", "string", false)], [new("Other", "bool")]);
        Assert.Equal(SchemaChange.KeyChanged, SchemaComparer.Compare(s_stored, declared).Change);
    }

    private static readonly SchemaObjectType s_address = new("Demo.Address", [new("City", "string"), new("Zip", "string")]);

    private static TableSchema WithHome(SchemaObjectType address) => new(
        [new("Id", "string", false)],
        [new("Home", "Demo.Address")],
        [address]);

    [Fact]
    public void NestedTypeUnchanged_IsIdentical()
    {
        SchemaObjectType copy = new("Demo.Address", [.. s_address.Members]);
        Assert.Equal(SchemaVerdict.Identical, SchemaComparer.Compare(WithHome(s_address), WithHome(copy)).Verdict);
    }

    [Fact]
    public void NestedMemberAppended_IsAppended_NamedWithItsType()
    {
        SchemaObjectType grown = new("Demo.Address", [.. s_address.Members, new("Country", "string")]);

        SchemaComparison comparison = SchemaComparer.Compare(WithHome(s_address), WithHome(grown));

        Assert.Equal((SchemaVerdict.Appended, "member 'Address.Country' was appended"), (comparison.Verdict, comparison.Reason));
    }

    public static TheoryData<string, SchemaMember[], SchemaChange> NestedChanges => new()
    {
        { "removed", [new("City", "string")], SchemaChange.MemberRemoved },
        { "renamed", [new("City", "string"), new("PostCode", "string")], SchemaChange.MemberRenamed },
        { "retyped", [new("City", "string"), new("Zip", "int")], SchemaChange.MemberRetyped },
        { "moved", [new("Zip", "string"), new("City", "string")], SchemaChange.MemberReordered },
    };

    [Theory]
    [MemberData(nameof(NestedChanges))]
    public void NestedMemberChange_IsIncompatible_NamingTypeAndMember(string change, SchemaMember[] members, SchemaChange expected)
    {
        SchemaComparison comparison = SchemaComparer.Compare(WithHome(s_address), WithHome(new SchemaObjectType("Demo.Address", members)));

        Assert.True(comparison.Verdict == SchemaVerdict.Incompatible, change);
        Assert.Equal(expected, comparison.Change);
        Assert.StartsWith("Address.", comparison.Member, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedTypeNoLongerUsed_IsJudgedByTheMemberThatUsedIt()
    {
        TableSchema declared = new([new("Id", "string", false)], [new("Home", "string")]);

        SchemaComparison comparison = SchemaComparer.Compare(WithHome(s_address), declared);

        Assert.Equal((SchemaChange.MemberRetyped, "Home"), (comparison.Change, comparison.Member));
    }

    [Fact]
    public void TableSchema_RejectsWhatCannotBeASchema()
    {
        Assert.Throws<ArgumentException>(() => Schema([], [new("A", "int")]));
        Assert.Throws<ArgumentException>(() => Schema([new("Id", "int", false)], [new("Id", "int")]));
        Assert.Throws<ArgumentException>(() => Schema([new("Id", "", false)], []));
        Assert.Throws<ArgumentException>(() => Schema([default], []));
    }

    [Fact]
    public void TableSchema_RendersOnOneLine()
    {
        Assert.Equal(
            "key(UserId: string, At: System.DateTime desc) members(Text: string, Count: int, Tags: System.Collections.Generic.List<string>)",
            s_stored.ToString());
    }

    private static TableSchema Schema(SchemaKeyPart[] keyParts, SchemaMember[] members) => new(keyParts, members);
}
