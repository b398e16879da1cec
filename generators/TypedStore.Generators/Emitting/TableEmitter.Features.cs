using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The accessor members of the lifecycle features, emitted only for tables that opt in: soft delete
/// (Restore, Purge, PurgeDeleted, scans including deleted rows), streams (Append, EvictExpired) and change feeds
/// (ReadChanges and the table's public change type).
/// </content>
internal sealed partial class TableEmitter
{
    private const string ChangeKind = "global::TypedStore.ChangeKind";

    private static readonly HashSet<string> s_changeMemberNames = new(System.StringComparer.Ordinal) { "Sequence", "Kind", "Timestamp", "Row" };

    private void EmitTableFeatureMembers()
    {
        TableModel table = _table;
        string row = table.TypeName;
        if (table.HasTimeOrderedKey)
        {
            KeyPartModel id = table.Keys[table.GeneratedKeyIndex];
            _w.Line();
            _w.Summary($"Writes the row with <c>{id.MemberName}</c> set to the next time-ordered id (unix milliseconds &lt;&lt; 12 | a counter; increasing even when the clock steps back) and returns the row as stored.");
            _w.Line($"public {row} Append({row} row) => Core.Append<{CodecType()}>(row);");
        }

        if (table.IsStreamTable)
        {
            _w.Line();
            _w.Summary(table.HasTimeOrderedKey
                ? "Removes the rows older than TtlSeconds with range deletes on the time-ordered key. Reads never return them, evicted or not."
                : "Removes the rows older than TtlSeconds (by <c>_updated</c>; every row is read). Reads never return them, evicted or not.");
            _w.Line("public void EvictExpired() => Core.EvictExpired();");
        }

        if (table.SoftDelete)
        {
            _w.Line();
            _w.Summary("Restores a soft-deleted row exactly as it was last written (one write; nothing happens when it is live or absent).");
            _w.Line($"public void Restore({KeyParameters()}) => Core.Restore({NewKey()});");
            _w.Line();
            _w.Summary("Removes the row for good, deleted or not (one atomic write).");
            _w.Line($"public void Purge({KeyParameters()}) => Core.Purge({NewKey()});");
            _w.Line();
            _w.Summary("Removes for good every row soft-deleted before <paramref name=\"olderThan\"/>; returns how many. Rows restored or written meanwhile are never removed.");
            _w.Line("/// <param name=\"olderThan\">Rows deleted before this moment are removed.</param>");
            _w.Line("public long PurgeDeleted(global::System.DateTimeOffset olderThan) => Core.PurgeDeleted(olderThan);");
        }
    }

    private void EmitBatchFeatureMembers()
    {
        TableModel table = _table;
        string row = table.TypeName;
        if (table.HasTimeOrderedKey)
        {
            _w.Line();
            _w.Summary("Records the row with the next time-ordered id and returns the row as it will be stored.");
            _w.Line($"public {row} Append({row} row) => _table.Core.Append<{CodecType()}>(_batch, row);");
        }

        if (table.SoftDelete)
        {
            _w.Line();
            _w.Summary("Records the restore of a soft-deleted row.");
            _w.Line($"public void Restore({KeyParameters()}) => _table.Core.Restore(_batch, {NewKey()});");
            _w.Line();
            _w.Summary("Records the removal for good of the row, deleted or not.");
            _w.Line($"public void Purge({KeyParameters()}) => _table.Core.Purge(_batch, {NewKey()});");
        }
    }

    private void EmitSoftDeleteScanAll(string core, string snapshot)
    {
        string row = _table.TypeName;
        _w.Summary("Every row, in key order (or reversed); soft-deleted rows only when <paramref name=\"includeDeleted\"/>. Lazy.");
        _w.Line("/// <param name=\"reverse\">Whether to read in descending key order.</param>");
        _w.Line("/// <param name=\"includeDeleted\">Whether soft-deleted rows are included (<see cref=\"ScanAllEntries\"/> tells them apart).</param>");
        _w.Line($"public global::System.Collections.Generic.IEnumerable<{row}> ScanAll(bool reverse = false, bool includeDeleted = false) => {core}.Scan(default, reverse, includeDeleted, {snapshot});");
        _w.Line();
        _w.Summary("Every row with its system columns (<c>_updated</c>, <c>_deleted</c> and when), soft-deleted ones included, in key order (or reversed). Lazy.");
        _w.Line($"public global::System.Collections.Generic.IEnumerable<global::TypedStore.Tables.TableEntry<{row}>> ScanAllEntries(bool reverse = false) => {core}.ScanEntries(default, reverse, includeDeleted: true, {snapshot});");
    }

    private void EmitReadFeatureMembers(string core, string? snapshot)
    {
        TableModel table = _table;
        if (!table.ChangeFeed)
        {
            return;
        }

        string changes = $"global::System.Collections.Generic.IEnumerable<{_store.FullName}.{ChangeTypeName(table)}>";
        _w.Line();
        _w.Summary("The table's changes committed after <paramref name=\"sinceSequence\"/>, in commit order (0: from the start). Lazy.");
        _w.Line("/// <param name=\"sinceSequence\">The last sequence already seen; only later changes are returned.</param>");
        _w.Line($"public {changes} ReadChanges(long sinceSequence) => {_store.FullName}.{MapChangesMethod(table)}({core}.ReadChanges(sinceSequence, {snapshot ?? "null"}));");

        if (table.IsUserTable)
        {
            _w.Line();
            _w.Summary("This user's changes committed after <paramref name=\"sinceSequence\"/>, in commit order; read from a per-user index, never from other users' changes. Lazy.");
            _w.Line("/// <param name=\"sinceSequence\">The last sequence already seen; only later changes are returned.</param>");
            _w.Line($"public {changes} ReadChanges({CodecEmitter.KeyParameters(table.Keys, 1)}, long sinceSequence)");
            _w.Line(snapshot is null
                ? $"    => {_store.FullName}.{MapChangesMethod(table)}({WithPrefix(core, 1, "sinceSequence", "static (core, prefix, sinceSequence) => core.ReadChanges(prefix, sinceSequence, null)")});"
                : $"    => {_store.FullName}.{MapChangesMethod(table)}({WithPrefix(core, 1, $"(sinceSequence, {snapshot})", $"static (core, prefix, state) => core.ReadChanges(prefix, state.sinceSequence, state.{snapshot})")});");
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

    // A key member named like one of the change's own members is prefixed so the record stays valid.
    private static string ChangeKeyMemberName(KeyPartModel part)
        => s_changeMemberNames.Contains(part.MemberName) ? "Key" + part.MemberName : part.MemberName;
}
