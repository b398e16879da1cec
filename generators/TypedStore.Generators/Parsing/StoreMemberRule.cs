using System.Collections.Generic;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>
/// TS0044: a member the user declared in a [Store] class that the generator also adds (its Open methods, Dispose, a
/// table's property or nested types), or an instance constructor (a store is built by Open, which the user's
/// constructor would bypass, leaving the store without its engine). Without this the user sees only CS0111/CS0102 in
/// the generated file, or CS8618 on the constructor.
/// </summary>
internal static class StoreMemberRule
{
    private static readonly HashSet<string> s_storeMembers = new(System.StringComparer.Ordinal)
    {
        "Open", "OpenInMemory", "CreateBatch", "CreateSnapshot", "Dispose", "ValueFormatters",
    };

    public static void Check(EquatableArray<StoreMemberModel> declared, List<TableModel> tables, string storeDisplay, List<DiagnosticInfo> diagnostics)
    {
        foreach (StoreMemberModel member in declared)
        {
            if (GetClash(member, tables) is { } reason)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.StoreMemberClash, member.Location, storeDisplay, member.IsConstructor ? "a constructor" : member.Name, reason));
            }
        }
    }

    private static string? GetClash(StoreMemberModel member, List<TableModel> tables)
    {
        if (member.IsConstructor)
        {
            return "but a store is created by its generated Open methods, which do not call it (the store would have no engine)";
        }

        if (s_storeMembers.Contains(member.Name))
        {
            return "a member the generator adds to every store";
        }

        foreach (TableModel table in tables)
        {
            string property = table.PropertyName;
            if (member.Name == property)
            {
                return $"the property the generator adds for table '{table.TableName}'";
            }

            if (IsNestedName(member.Name, property, table))
            {
                return $"a name the generator gives to a type or member it adds for table '{table.TableName}'";
            }
        }

        return null;
    }

    // The nested types of a table (TableEmitter and its feature files): {P}Table, {P}Key, {P}Codec, the query classes
    // {P}Query and {P}Within{Parts}Query, per index {P}{I}Index and its queries, and {P}Change/Map{P}Changes for a change feed.
    private static bool IsNestedName(string name, string property, TableModel table)
    {
        if (name == property + "Table" || name == property + "Key" || name == property + "Codec" || IsQueryName(name, property))
        {
            return true;
        }

        if (table.ChangeFeed && (name == property + "Change" || name == "Map" + property + "Changes"))
        {
            return true;
        }

        foreach (IndexModel index in table.Indexes)
        {
            string indexName = property + index.PropertyName;
            if (name == indexName + "Index" || IsQueryName(name, indexName))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsQueryName(string name, string owner)
        => name == owner + "Query"
            || (name.StartsWith(owner + "Within", System.StringComparison.Ordinal) && name.EndsWith("Query", System.StringComparison.Ordinal));
}
