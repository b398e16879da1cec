using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The members of <c>SoftDelete</c> tables (runtime: <c>Features/SoftDelete</c>, reached through the table's
/// <c>SoftDelete</c> object, which only such tables have): Restore and Purge in every context that writes,
/// PurgeDeleted on the store itself (it commits chunk by chunk), and the scans that can include deleted rows.
/// </content>
internal sealed partial class TableEmitter
{
    private void EmitSoftDeleteWrites()
    {
        TableModel table = _table;
        if (!table.SoftDelete)
        {
            return;
        }

        _w.Line();
        Member("Restores a soft-deleted row exactly as it was last written (one write; nothing happens when it is live or absent).", "void", "Restore", KeyParameters(), WriteRole,
            $"table.Core.SoftDelete!.Restore(table.Context, {NewKey()})");
        _w.Line();
        Member("Removes the row for good, deleted or not (one atomic write).", "void", "Purge", KeyParameters(), WriteRole,
            $"table.Core.SoftDelete!.Purge(table.Context, {NewKey()})");
        _w.Line();
        _w.Summary("Removes for good every row soft-deleted before <paramref name=\"olderThan\"/>; returns how many. Rows restored or written meanwhile are never removed.");
        _w.Line("/// <param name=\"table\">The table, on the store itself.</param>");
        _w.Line("/// <param name=\"olderThan\">Rows deleted before this moment are removed.</param>");
        StoreMember("long", "PurgeDeleted", "global::System.DateTimeOffset olderThan", "table.Core.SoftDelete!.PurgeDeleted(olderThan)");
    }

    private void EmitSoftDeleteScanAll()
    {
        string row = _table.TypeName;
        _w.Summary("Every row, in key order (or reversed); soft-deleted rows only when <paramref name=\"includeDeleted\"/>. Lazy.");
        _w.Line("/// <param name=\"table\">The table, in a context that reads.</param>");
        _w.Line("/// <param name=\"reverse\">Whether to read in descending key order.</param>");
        _w.Line($"/// <param name=\"includeDeleted\">Whether soft-deleted rows are included (<see cref=\"ScanAllEntries\"/> tells them apart).</param>");
        _w.Line($"public static global::System.Collections.Generic.IEnumerable<{row}> ScanAll<TContext>(this {BoundTableType("TContext")} table, bool reverse = false, bool includeDeleted = false)");
        _w.Line($"    where TContext : struct, {ReadRole}");
        _w.Line("    => table.Core.Reader.Scan(table.Context, default, reverse, includeDeleted);");
        _w.Line();
        Member("Every row with its system columns (<c>_updated</c>, <c>_deleted</c> and when), soft-deleted ones included, in key order (or reversed). Lazy.",
            $"global::System.Collections.Generic.IEnumerable<global::TypedStore.Tables.TableEntry<{row}>>", "ScanAllEntries", "bool reverse = false", ReadRole,
            "table.Core.Reader.ScanEntries(table.Context, default, reverse, includeDeleted: true)");
    }
}
