using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Insert, on the accessors of tables with a <c>[Key(Generated = true)]</c> part drawn from the catalog's id
/// sequence. Tables without one get no Insert at all: calling it does not compile (CS1061), which is the
/// compile-time check. Their Put goes through the sequence too, so an id a caller chose is never handed out later.
/// </summary>
internal sealed partial class TableEmitter
{
    private void EmitInsert()
    {
        TableModel table = _table;
        if (!table.UsesIdSequence)
        {
            return;
        }

        string row = table.TypeName;
        string id = table.GeneratedKey!.MemberName;
        _w.Line();
        Member($"Inserts the row under the next id of the table's sequence, as <c>{id}</c> (the row's own <c>{id}</c> is ignored), and returns it with that id. Ids are unique and increasing, across reopening and crashes; an id taken by a batch that is never committed is not reused. Thread-safe.",
            row, "Insert", $"{row} row", WriteRole, $"table.Core.GeneratedIds.Insert<{CodecType()}, TContext>(table.Context, row)");
    }

    private static string PutSummary(TableModel table) => table.UsesIdSequence
        ? $"Inserts the row, or replaces the row with the same key. One engine write; when <c>{table.GeneratedKey!.MemberName}</c> is beyond the ids the table's sequence has handed out, the sequence first moves past it (a synced catalog write), so Insert never reuses it."
        : table.GeneratedKey is not null && !table.HasLifecycleWrites
            ? $"Inserts the row, or replaces the row with the same key. One engine write; later Appends hand out ids above <c>{table.GeneratedKey.MemberName}</c>, so they never replace it."
        : table.HasLifecycleWrites
            ? "Inserts the row, or replaces the row with the same key, in one atomic engine write" + LifecycleWriteNote(table) + "."
            : "Inserts the row, or replaces the row with the same key. One engine write; allocates nothing.";
}
