namespace TypedStore.Generators.Emitting;

/// <summary>
/// TryAdd and Update: for contexts that both read and write (the store, a transaction). On the store each runs in a
/// transaction of its own; in a transaction they are its read and write. A batch has its own pair, which records the
/// write and returns a handle decided at the batch's commit (docs/transactions.md).
/// </summary>
internal sealed partial class TableEmitter
{
    private void EmitConditionalWrites()
    {
        string row = _table.TypeName;
        string role = $"{ReadRole}, {WriteRole}";
        string put = _table.GeneratedKey is not null
            ? $"static (core, context, r) => core.GeneratedIds.Put<{CodecType()}, {Contexts}.TransactionContext>(context, r)"
            : "static (core, context, r) => core.Writer.Put(context, r)";

        _w.Line();
        Member("Inserts the row unless a row with its key exists; returns whether it did. Atomic against every other writer: on the store it runs in a transaction of its own (retried on conflict), in a transaction it is validated at its commit.",
            "bool", "TryAdd", $"{row} row", role,
            $"global::TypedStore.Runtime.Transactions.ConditionalWrites.TryAdd(table.Core, table.Context, row, {put})");
        _w.Line();
        Member("Reads the row with this key, applies <paramref name=\"change\"/> (which must keep the key) and writes the result, atomically against every other writer; returns the new row, or <see langword=\"null\"/> when there is none (nothing written). On the store a conflict runs <paramref name=\"change\"/> again, so it must have no side effects.",
            row + "?", "Update", $"{KeyParameters()}, global::System.Func<{row}, {row}> change", role,
            $"global::TypedStore.Runtime.Transactions.ConditionalWrites.Update(table.Core, table.Context, {NewKey()}, change, {put})");
        EmitBatchConditionalWrites(put);
    }

    // The batch's pair: bound to the batch's context only (the members above need a context that reads, which a batch
    // is not, so the two never compete in overload resolution).
    private void EmitBatchConditionalWrites(string put)
    {
        string row = _table.TypeName;
        string table = BoundTableType(Contexts + ".BatchContext");
        _w.Line();
        _w.Summary("Records an insert decided when the batch commits: the row is put unless a row with its key exists then (with the batch's other writes applied). Atomic against every other writer. Read the outcome from the handle after <c>Commit</c>.");
        _w.Line($"public static global::TypedStore.ConditionalAdd TryAdd(this {table} table, {row} row)");
        _w.Line($"    => global::TypedStore.Runtime.Transactions.ConditionalWrites.TryAdd(table.Core, table.Context, row, {put});");
        _w.Line();
        _w.Summary("Records a read-modify-write decided when the batch commits: the row with this key (with the batch's other writes applied) is changed by <paramref name=\"change\"/> (which must keep the key) and put back; nothing when there is none. Atomic against every other writer; <paramref name=\"change\"/> runs at commit, again on a conflict, so it must have no side effects. Read the outcome from the handle after <c>Commit</c>.");
        _w.Line($"public static global::TypedStore.ConditionalUpdate<{row}> Update(this {table} table, {KeyParameters()}, global::System.Func<{row}, {row}> change)");
        _w.Line($"    => global::TypedStore.Runtime.Transactions.ConditionalWrites.Update(table.Core, table.Context, {NewKey()}, change, {put});");
    }
}
