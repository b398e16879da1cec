using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The async members of a table (docs/async.md): each is the synchronous member's name plus <c>Async</c>, takes a
/// trailing <c>CancellationToken cancellationToken = default</c> and returns a <c>ValueTask</c>; they sit in the same two
/// member sets as the synchronous ones (reads, writes), so every context with a role gets them and nothing is emitted
/// per context. Queries get theirs from the runtime's <c>TableQuery</c> base (<c>ToAsyncEnumerable</c>,
/// <c>FirstAsync</c>, ...), batches and transactions <c>CommitAsync</c> from the store file.
/// </content>
internal sealed partial class TableEmitter
{
    private const string Token = "global::System.Threading.CancellationToken cancellationToken = default";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    private void EmitAsyncReads()
    {
        TableModel table = _table;
        string row = table.TypeName;
        string result = row + "?";
        _w.Line();
        Member("The async form of <c>Get</c>: the row with this key, or <see langword=\"null\"/> when there is none. Complete on return on RocksDB and memory; allocates only the row.",
            $"{ValueTask}<{result}>", "GetAsync", $"{KeyParameters()}, {Token}", ReadRole,
            $"table.Core.Reader.GetAsync(table.Context, {NewKey()}, static row => ({result})row, cancellationToken)");
        _w.Line();
        Member("The async form of <c>Exists</c>: whether a row with this key exists.",
            $"{ValueTask}<bool>", "ExistsAsync", $"{KeyParameters()}, {Token}", ReadRole,
            $"table.Core.Reader.ExistsAsync(table.Context, {NewKey()}, cancellationToken)");
        _w.Line();
        Member("The async form of <c>GetMany</c>: the rows of these keys in input order, <see langword=\"null\"/> where there is none.",
            $"{ValueTask}<global::System.Collections.Generic.IReadOnlyList<{result}>>", "GetManyAsync", $"global::System.Collections.Generic.IEnumerable<{KeysType()}> keys, {Token}", ReadRole,
            $"table.Core.Reader.GetManyAsync(table.Context, keys, static key => new {_nestedTypePrefix}{CodecEmitter.KeyTypeName(table)}({KeyMembersOf("key")}), static row => ({result})row, cancellationToken)");
        _w.Line();
        Member("The async form of <c>Count</c>: the number of rows, counted through one snapshot.",
            $"{ValueTask}<long>", "CountAsync", Token, ReadRole,
            "table.Core.Reader.CountAsync(table.Context, default, cancellationToken)");
    }

    private void EmitAsyncWrites()
    {
        TableModel table = _table;
        string row = table.TypeName;
        string conditional = $"{ReadRole}, {WriteRole}";
        string transactionPut = table.GeneratedKey is not null
            ? $"static (core, context, r) => core.GeneratedIds.Put<{CodecType()}, {Contexts}.TransactionContext>(context, r)"
            : "static (core, context, r) => core.Writer.Put(context, r)";

        _w.Line();
        Member("The async form of <c>Put</c>: on the store the engine's write is awaited (complete on return on RocksDB and memory, nothing allocated); in a batch or a transaction the row is recorded at once. A token already cancelled writes nothing.",
            ValueTask, "PutAsync", $"{row} row, {Token}", WriteRole, $"{PutCall("PutAsync")}(table.Context, row, cancellationToken)");
        _w.Line();
        Member("The async form of <c>PutMany</c>: every row in one atomic write, or none.",
            ValueTask, "PutManyAsync", $"global::System.Collections.Generic.IEnumerable<{row}> rows, {Token}", WriteRole, $"{PutCall("PutManyAsync")}(table.Context, rows, cancellationToken)");
        _w.Line();
        Member("The async form of <c>Delete</c>: removes the row with this key (nothing happens when there is none).",
            ValueTask, "DeleteAsync", $"{KeyParameters()}, {Token}", WriteRole, $"table.Core.Writer.DeleteAsync(table.Context, {NewKey()}, cancellationToken)");
        if (table.UsesIdSequence)
        {
            _w.Line();
            Member($"The async form of <c>Insert</c>: the row under the next id of the table's sequence, as stored.",
                $"{ValueTask}<{row}>", "InsertAsync", $"{row} row, {Token}", WriteRole, $"table.Core.GeneratedIds.InsertAsync<{CodecType()}, TContext>(table.Context, row, cancellationToken)");
        }

        if (table.HasTimeOrderedKey)
        {
            _w.Line();
            Member($"The async form of <c>Append</c>: the row with the next time-ordered id, as stored.",
                $"{ValueTask}<{row}>", "AppendAsync", $"{row} row, {Token}", WriteRole, $"table.Core.GeneratedIds.AppendAsync<{CodecType()}, TContext>(table.Context, row, cancellationToken)");
        }

        _w.Line();
        Member("The async form of <c>TryAdd</c>: on the store its own transaction's commit is awaited (retried on conflict); in a transaction it is recorded at once.",
            $"{ValueTask}<bool>", "TryAddAsync", $"{row} row, {Token}", conditional,
            $"global::TypedStore.Runtime.Transactions.ConditionalWrites.TryAddAsync(table.Core, table.Context, row, {transactionPut}, cancellationToken)");
        _w.Line();
        Member("The async form of <c>Update</c>: on the store its own transaction's commit is awaited (a conflict runs <paramref name=\"change\"/> again); in a transaction it is recorded at once.",
            $"{ValueTask}<{row}?>", "UpdateAsync", $"{KeyParameters()}, global::System.Func<{row}, {row}> change, {Token}", conditional,
            $"global::TypedStore.Runtime.Transactions.ConditionalWrites.UpdateAsync(table.Core, table.Context, {NewKey()}, change, {transactionPut}, static row => ({row}?)row, cancellationToken)");
    }
}
