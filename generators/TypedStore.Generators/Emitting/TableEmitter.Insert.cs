using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Insert, on the accessors of tables with a <c>[Key(Generated = true)]</c> part drawn from the catalog's id
/// sequence. Tables without one get no Insert at all: calling it does not compile (CS1061), which is the
/// compile-time check. Their Put goes through the sequence too, so an id a caller chose is never handed out later.
/// </summary>
internal sealed partial class TableEmitter
{
    private void EmitInsert(bool batch)
    {
        TableModel table = _table;
        if (!table.UsesIdSequence)
        {
            return;
        }

        string row = table.TypeName;
        string id = table.GeneratedKey!.MemberName;
        _w.Line();
        if (batch)
        {
            _w.Summary($"Takes the next id of the table's sequence at once and records an insert of the row with it as <c>{id}</c> (the row's own <c>{id}</c> is ignored); returns the row as it will be stored. An id taken by a batch that is never committed is not reused.");
            _w.Line($"public {row} Insert({row} row) => _table.Core.Insert<{CodecType()}>(_batch, row);");
        }
        else
        {
            _w.Summary($"Inserts the row under the next id of the table's sequence, as <c>{id}</c> (the row's own <c>{id}</c> is ignored), and returns it with that id. Ids are unique and increasing, across reopening and crashes. Thread-safe.");
            _w.Line($"public {row} Insert({row} row) => Core.Insert<{CodecType()}>(row);");
        }
    }

    private static string PutSummary(TableModel table) => table.UsesIdSequence
        ? $"Inserts the row, or replaces the row with the same key. One engine write; when <c>{table.GeneratedKey!.MemberName}</c> is beyond the ids the table's sequence has handed out, the sequence first moves past it (a synced catalog write), so Insert never reuses it."
        : table.GeneratedKey is not null && !table.HasLifecycleWrites
            ? $"Inserts the row, or replaces the row with the same key. One engine write; later Appends hand out ids above <c>{table.GeneratedKey.MemberName}</c>, so they never replace it."
        : table.HasLifecycleWrites
            ? "Inserts the row, or replaces the row with the same key, in one atomic engine write" + LifecycleWriteNote(table) + "."
            : "Inserts the row, or replaces the row with the same key. One engine write; allocates nothing.";

    // Tables that generate ids (a catalog sequence for Insert, time-ordered ids for a stream's Append) keep them ahead
    // of every id written, including ids callers chose themselves: a later Insert or Append never replaces such a row.
    // The *AdvancingIds members take the codec again as IGeneratedIdCodec, so only such tables can call them.
    private string PutMethod(TableModel table) => table.GeneratedKey is not null ? $"PutAdvancingIds<{CodecType()}>" : "Put";

    private string PutManyMethod(TableModel table) => table.GeneratedKey is not null ? $"PutManyAdvancingIds<{CodecType()}>" : "PutMany";
}
