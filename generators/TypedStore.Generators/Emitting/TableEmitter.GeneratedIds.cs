using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The members of tables with a <c>[Key(Generated = true)]</c> part (runtime: <c>Features/GeneratedIds</c>): Insert, for
/// ids drawn from the catalog's sequence, and Append, for a stream's time-ordered ids; and the puts that keep those ids
/// ahead of ids callers chose. Other tables get none of them: calling one does not compile, which is the compile-time
/// check, and the runtime's members take the codec again as an <c>IGeneratedIdCodec</c>.
/// </content>
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

    private void EmitAppend()
    {
        TableModel table = _table;
        if (!table.HasTimeOrderedKey)
        {
            return;
        }

        string row = table.TypeName;
        KeyPartModel id = table.Keys[table.GeneratedKeyIndex];
        _w.Line();
        Member($"Writes the row with <c>{id.MemberName}</c> set to the next time-ordered id (unix milliseconds &lt;&lt; 12 | a counter; increasing even when the clock steps back) and returns the row as stored.",
            row, "Append", $"{row} row", WriteRole, $"table.Core.GeneratedIds.Append<{CodecType()}, TContext>(table.Context, row)");
    }

    // Tables that generate ids keep them ahead of every id written, including ids callers chose themselves: their
    // puts go through the ids' object, whose members take the codec again as an IGeneratedIdCodec.
    private string PutCall(string member)
        => _table.GeneratedKey is not null ? $"table.Core.GeneratedIds.{member}<{CodecType()}, TContext>" : $"table.Core.Writer.{member}";

    private static string PutSummary(TableModel table) => table.UsesIdSequence
        ? $"Inserts the row, or replaces the row with the same key. One engine write; when <c>{table.GeneratedKey!.MemberName}</c> is beyond the ids the table's sequence has handed out, the sequence first moves past it (a synced catalog write), so Insert never reuses it."
        : table.GeneratedKey is not null && !table.HasLifecycleWrites
            ? $"Inserts the row, or replaces the row with the same key. One engine write; later Appends hand out ids above <c>{table.GeneratedKey.MemberName}</c>, so they never replace it."
        : table.HasLifecycleWrites
            ? "Inserts the row, or replaces the row with the same key, in one atomic engine write" + LifecycleWriteNote(table) + "."
            : "Inserts the row, or replaces the row with the same key. One engine write; allocates nothing.";
}
