namespace TypedStore.Generators.Emitting;

/// <summary>
/// TryAdd and Update: for contexts that both read and write (the store, a transaction). On the store each runs in a
/// transaction of its own; in a transaction they are its read and write (docs/transactions.md).
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
    }
}
