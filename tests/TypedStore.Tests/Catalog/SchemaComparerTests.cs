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
