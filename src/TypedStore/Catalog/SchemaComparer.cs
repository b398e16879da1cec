using System.Globalization;
using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// Decides whether a table's declared schema can read rows stored under its recorded schema
/// (docs/schema-evolution.md). Keys must match exactly, part by part: name, type and direction, because the
/// key's bytes are its identity and its sort order. Members are stored as a positional array, so each recorded
/// member must keep its position, name and type; new members may only follow the last one.
/// </summary>
internal static class SchemaComparer
{
    public static SchemaComparison Compare(TableSchema stored, TableSchema declared)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(declared);
        return CompareKeys(stored, declared) is { } keyChange ? keyChange : CompareMembers(stored, declared);
    }

    private static SchemaComparison? CompareKeys(TableSchema stored, TableSchema declared)
    {
        IReadOnlyList<SchemaKeyPart> before = stored.KeyParts;
        IReadOnlyList<SchemaKeyPart> after = declared.KeyParts;
        for (int i = 0; i < Math.Max(before.Count, after.Count); i++)
        {
            if (i >= after.Count)
            {
                return KeyChanged(before[i].Name, $"key part '{before[i].Name}' was removed from the key");
            }

            if (i >= before.Count)
            {
                return KeyChanged(after[i].Name, $"key part '{after[i].Name}' was added to the key");
            }

            SchemaKeyPart was = before[i];
            SchemaKeyPart now = after[i];
            if (was.Name != now.Name)
            {
                int moved = declared.IndexOfKeyPart(was.Name);
                return moved >= 0
                    ? KeyChanged(was.Name, $"key part '{was.Name}' moved from position {Position(i)} to {Position(moved)} of the key")
                    : KeyChanged(was.Name, $"key part '{was.Name}' was renamed or replaced by '{now.Name}'");
            }

            if (was.Type != now.Type)
            {
                return KeyChanged(was.Name, $"key part '{was.Name}' changed type from '{was.Type}' to '{now.Type}'");
            }

            if (was.Descending != now.Descending)
            {
                return KeyChanged(was.Name, $"key part '{was.Name}' changed sort order from {Direction(was)} to {Direction(now)}");
            }
        }

        return null;
    }

    private static SchemaComparison CompareMembers(TableSchema stored, TableSchema declared)
    {
        IReadOnlyList<SchemaMember> before = stored.Members;
        IReadOnlyList<SchemaMember> after = declared.Members;
        for (int i = 0; i < before.Count; i++)
        {
            SchemaMember was = before[i];
            int now = declared.IndexOfMember(was.Name);
            if (now < 0)
            {
                // The same slot holding a member the stored schema never had reads as a rename.
                if (i < after.Count && stored.IndexOfMember(after[i].Name) < 0 && stored.IndexOfKeyPart(after[i].Name) < 0)
                {
                    return SchemaComparison.Incompatible(
                        SchemaChange.MemberRenamed,
                        was.Name,
                        $"member '{was.Name}' was renamed to '{after[i].Name}' (position {Position(i)})");
                }

                string reason = i >= after.Count
                    ? $"member '{was.Name}' was removed (the stored schema has {before.Count} members, this build declares {after.Count}: was the store written by a newer build?)"
                    : $"member '{was.Name}' was removed";
                return SchemaComparison.Incompatible(SchemaChange.MemberRemoved, was.Name, reason);
            }

            if (now != i)
            {
                return SchemaComparison.Incompatible(
                    SchemaChange.MemberReordered,
                    was.Name,
                    $"member '{was.Name}' moved from position {Position(i)} to {Position(now)}");
            }

            if (was.Type != after[i].Type)
            {
                return SchemaComparison.Incompatible(
                    SchemaChange.MemberRetyped,
                    was.Name,
                    $"member '{was.Name}' changed type from '{was.Type}' to '{after[i].Type}'");
            }
        }

        if (after.Count == before.Count)
        {
            return SchemaComparison.Identical;
        }

        List<string> appended = new(after.Count - before.Count);
        for (int i = before.Count; i < after.Count; i++)
        {
            appended.Add($"'{after[i].Name}'");
        }

        return SchemaComparison.Appended(appended.Count == 1
            ? $"member {appended[0]} was appended"
            : $"members {string.Join(", ", appended)} were appended");
    }

    private static SchemaComparison KeyChanged(string part, string reason) => SchemaComparison.Incompatible(SchemaChange.KeyChanged, part, reason);

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Direction(SchemaKeyPart part) => part.Descending ? "descending" : "ascending";
}
