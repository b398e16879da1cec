using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The members of <c>ChangeFeed</c> tables (runtime: <c>Features/ChangeFeed</c>, reached through the table's
/// <c>ChangeFeed</c> object, which only such tables have): ReadChanges (per user too, on User tables) in every context
/// that reads, and the table's public change type with its mapping from the runtime's.
/// </content>
internal sealed partial class TableEmitter
{
    private const string ChangeKind = "global::TypedStore.ChangeKind";

    private static readonly HashSet<string> s_changeMemberNames = new(System.StringComparer.Ordinal) { "Sequence", "Kind", "Timestamp", "Row" };

    private void EmitChangeFeedReads()
    {
        TableModel table = _table;
        if (!table.ChangeFeed)
        {
            return;
        }

        string changes = $"global::System.Collections.Generic.IEnumerable<{_store.FullName}.{ChangeTypeName(table)}>";
        string map = $"{_store.FullName}.{MapChangesMethod(table)}";
        _w.Line();
        _w.Summary("The table's changes committed after <paramref name=\"sinceSequence\"/>, in commit order (0: from the start). Lazy.");
        _w.Line("/// <param name=\"table\">The table, in a context that reads.</param>");
        _w.Line("/// <param name=\"sinceSequence\">The last sequence already seen; only later changes are returned.</param>");
        _w.Line($"public static {changes} ReadChanges<TContext>(this {BoundTableType("TContext")} table, long sinceSequence)");
        _w.Line($"    where TContext : struct, {ReadRole}");
        _w.Line($"    => {map}(table.Core.ChangeFeed!.ReadChanges(table.Context, sinceSequence));");

        if (table.IsUserTable)
        {
            _w.Line();
            _w.Summary("This user's changes committed after <paramref name=\"sinceSequence\"/>, in commit order; read from a per-user index, never from other users' changes. Lazy.");
            _w.Line("/// <param name=\"table\">The table, in a context that reads.</param>");
            _w.Line($"/// <param name=\"{table.Keys[0].ParameterName.TrimStart('@')}\">The user.</param>");
            _w.Line("/// <param name=\"sinceSequence\">The last sequence already seen; only later changes are returned.</param>");
            _w.Line($"public static {changes} ReadChanges<TContext>(this {BoundTableType("TContext")} table, {CodecEmitter.KeyParameters(table.Keys, 1)}, long sinceSequence)");
            _w.Line($"    where TContext : struct, {ReadRole}");
            _w.Line($"    => {map}({WithPrefix(1, "(sinceSequence, table.Context)", "static (core, prefix, state) => core.ChangeFeed!.ReadChanges(state.Context, prefix, state.sinceSequence)")});");
        }
    }

    // The public change type of a ChangeFeed table (the key parts spelled out), and the mapping from the runtime's.
    private void EmitChangeType()
    {
        TableModel table = _table;
        string name = ChangeTypeName(table);
        string row = table.TypeName;
        string rowNullable = row + "?";
        List<string> parameters = new() { "long Sequence", $"{ChangeKind} Kind", "global::System.DateTimeOffset Timestamp" };
        List<string> fromChange = new() { "change.Sequence", "change.Kind", "change.Timestamp" };
        foreach (KeyPartModel part in table.Keys)
        {
            parameters.Add($"{part.TypeName} {ChangeKeyMemberName(part)}");
            fromChange.Add("change.Key." + part.MemberName);
        }

        parameters.Add($"{rowNullable} Row");
        fromChange.Add(table.IsValueType ? $"change.Kind == {ChangeKind}.Put ? change.Row : null" : "change.Row");

        _w.Summary($"A change of table \"{table.TableName}\": its store-wide commit sequence, what happened and when, the key, and the row for puts." +
            (table.IsUserTable ? $" For <see cref=\"{ChangeKind}.DeleteUser\"/> only <c>{ChangeKeyMemberName(table.Keys[0])}</c> is set." : string.Empty));
        _w.Line("/// <param name=\"Sequence\">The store-wide commit sequence: increasing in commit order across every table.</param>");
        _w.Line("/// <param name=\"Kind\">What the change did.</param>");
        _w.Line("/// <param name=\"Timestamp\">When it was committed (for puts, the row's <c>_updated</c>).</param>");
        foreach (KeyPartModel part in table.Keys)
        {
            _w.Line($"/// <param name=\"{ChangeKeyMemberName(part)}\">Key part <c>{part.MemberName}</c> of the changed row.</param>");
        }

        _w.Line("/// <param name=\"Row\">The row written, for <see cref=\"" + ChangeKind + ".Put\"/>; otherwise <see langword=\"null\"/>.</param>");
        _w.Line($"{Accessibility(table)} readonly record struct {name}({string.Join(", ", parameters)});");
        _w.Line();
        _w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        _w.Line($"internal static {name} {MapChangeMethod(table)}(global::TypedStore.Tables.TableChange<{row}, {_store.FullName}.{CodecEmitter.KeyTypeName(table)}> change) => new {name}({string.Join(", ", fromChange)});");
        _w.Line();
        _w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        _w.Open($"internal static global::System.Collections.Generic.IEnumerable<{name}> {MapChangesMethod(table)}(global::System.Collections.Generic.IEnumerable<global::TypedStore.Tables.TableChange<{row}, {_store.FullName}.{CodecEmitter.KeyTypeName(table)}>> changes)");
        _w.Open("foreach (var change in changes)");
        _w.Line($"yield return new {name}({string.Join(", ", fromChange)});");
        _w.Close();
        _w.Close();
    }

    // What a write of a table with lifecycle features carries besides the row, for the Put summary.
    private static string LifecycleWriteNote(TableModel table)
    {
        List<string> parts = new();
        if (table.SoftDelete)
        {
            parts.Add("that also clears a soft delete");
        }

        if (table.ChangeFeed)
        {
            parts.Add("with its change-feed entry");
        }

        return parts.Count == 0 ? string.Empty : " " + string.Join(" and ", parts);
    }

    private static string ChangeTypeName(TableModel table) => table.PropertyName + "Change";

    private static string MapChangesMethod(TableModel table) => "Map" + table.PropertyName + "Changes";

    // One change mapped (the async reads map each change as it arrives).
    private static string MapChangeMethod(TableModel table) => "Map" + table.PropertyName + "Change";

    // A key member named like one of the change's own members is prefixed so the record stays valid.
    private static string ChangeKeyMemberName(KeyPartModel part)
        => s_changeMemberNames.Contains(part.MemberName) ? "Key" + part.MemberName : part.MemberName;
}
