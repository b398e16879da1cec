using System.Globalization;
using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// Decides whether a table's declared schema can read rows stored under its recorded schema
/// (docs/schema-evolution.md). Keys must match exactly, part by part: name, type and direction, because the
/// key's bytes are its identity and its sort order. Members are stored as a positional array, so each recorded
/// member must keep its position, name and type; new members may only follow the last one. The members of
/// records, classes and structs nested in rows are positional arrays too, and follow the same rules.
/// </summary>
internal static class SchemaComparer
{
    public static SchemaComparison Compare(TableSchema stored, TableSchema declared)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(declared);
        if (CompareKeys(stored, declared) is { } keyChange)
        {
            return keyChange;
        }

        List<string> appended = [];
        if (CompareMembers(stored.Members, declared.Members, owner: null, appended) is { } memberChange)
        {
            return memberChange;
        }

        // Nested types are positional arrays too. A type both schemas use must follow the same rules; a type
        // only one of them uses comes with a member that was added or retyped, which is judged above.
        bool typesDiffer = stored.ObjectTypes.Count != declared.ObjectTypes.Count;
        foreach (SchemaObjectType was in stored.ObjectTypes)
        {
            if (declared.FindObjectType(was.Type) is not { } now)
            {
                typesDiffer = true;
                continue;
            }

            if (CompareMembers(was.Members, now.Members, ShortName(was.Type), appended) is { } nestedChange)
            {
                return nestedChange;
            }
        }

        if (appended.Count > 0)
        {
            return SchemaComparison.Appended(appended.Count == 1
                ? $"member {appended[0]} was appended"
                : $"members {string.Join(", ", appended)} were appended");
        }

        return typesDiffer ? SchemaComparison.Appended("the nested types changed compatibly") : SchemaComparison.Identical;
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

    // Compares the members of a row (owner null) or of a nested type; appended members are added to 'appended'.
    private static SchemaComparison? CompareMembers(IReadOnlyList<SchemaMember> before, IReadOnlyList<SchemaMember> after, string? owner, List<string> appended)
    {
        for (int i = 0; i < before.Count; i++)
        {
            SchemaMember was = before[i];
            int now = IndexOf(after, was.Name);
            string name = Qualified(owner, was.Name);
            if (now < 0)
            {
                // The same slot holding a member the stored schema never had reads as a rename.
                if (i < after.Count && IndexOf(before, after[i].Name) < 0)
                {
                    return SchemaComparison.Incompatible(
                        SchemaChange.MemberRenamed,
                        name,
                        $"member '{name}' was renamed to '{Qualified(owner, after[i].Name)}' (position {Position(i)})");
                }

                string reason = i >= after.Count
                    ? $"member '{name}' was removed (the stored schema has {before.Count} members there, this build declares {after.Count}: was the store written by a newer build?)"
                    : $"member '{name}' was removed";
                return SchemaComparison.Incompatible(SchemaChange.MemberRemoved, name, reason);
            }

            if (now != i)
            {
                return SchemaComparison.Incompatible(
                    SchemaChange.MemberReordered,
                    name,
                    $"member '{name}' moved from position {Position(i)} to {Position(now)}");
            }

            if (was.Type != after[i].Type)
            {
                return SchemaComparison.Incompatible(
                    SchemaChange.MemberRetyped,
                    name,
                    $"member '{name}' changed type from '{was.Type}' to '{after[i].Type}'");
            }
        }

        for (int i = before.Count; i < after.Count; i++)
        {
            appended.Add($"'{Qualified(owner, after[i].Name)}'");
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<SchemaMember> members, string name)
    {
        for (int i = 0; i < members.Count; i++)
        {
            if (members[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private static string Qualified(string? owner, string member) => owner is null ? member : owner + "." + member;

    // "Samples.Nested.Address" → "Address"; "Demo.Pair<int, Demo.Point>" → "Pair<int, Demo.Point>".
    private static string ShortName(string type)
    {
        int generic = type.IndexOf('<', StringComparison.Ordinal);
        int dot = type.LastIndexOf('.', generic < 0 ? type.Length - 1 : generic);
        return dot < 0 ? type : type[(dot + 1)..];
    }

    private static SchemaComparison KeyChanged(string part, string reason) => SchemaComparison.Incompatible(SchemaChange.KeyChanged, part, reason);

    private static string Position(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);

    private static string Direction(SchemaKeyPart part) => part.Descending ? "descending" : "ascending";
}
