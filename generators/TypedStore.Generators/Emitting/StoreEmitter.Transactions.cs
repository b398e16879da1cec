using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// The store's transaction members (Transact, TransactAsync, BeginTransaction) and the shell of its
/// <c>{Store}Transaction</c> class, whose table properties bind each table's core to the transaction's context
/// (docs/transactions.md).
/// </summary>
internal sealed partial class StoreEmitter
{
    private void EmitTransactMembers()
    {
        string tx = TransactionName;
        string wrap = $"transaction => new {tx}(this, transaction)";
        string conflict = "/// <exception cref=\"global::TypedStore.TransactionConflictException\">Every attempt (StoreOptions.MaxTransactionAttempts) met a conflict; nothing was written.</exception>";
        string nested = "/// <exception cref=\"global::System.InvalidOperationException\">Called inside a transaction body of this store (use the transaction you were given).</exception>";

        _w.Line();
        _w.Summary("Begins a transaction: reads see a snapshot of every table plus the transaction's own writes; <c>Commit</c> writes them atomically, or throws <see cref=\"global::TypedStore.TransactionConflictException\"/> when a key it read or wrote was committed by another writer after its snapshot. Disposing without committing writes nothing.");
        _w.Line(nested);
        _w.Line($"public {tx} BeginTransaction() => new {tx}(this, {TransactionRunner}.Begin(_runtime));");
        _w.Line();
        _w.Summary("Runs <paramref name=\"body\"/> in a transaction and commits it; on a conflict runs it again in a new transaction (StoreOptions.MaxTransactionAttempts), so the body must not have side effects outside the transaction.");
        _w.Line("/// <param name=\"body\">The transaction's reads and writes.</param>");
        _w.Line(conflict);
        _w.Line(nested);
        _w.Open($"public void Transact(global::System.Action<{tx}> body)");
        _w.Line("global::System.ArgumentNullException.ThrowIfNull(body);");
        _w.Line($"{TransactionRunner}.Run<{tx}, bool>(_runtime, {wrap}, transaction => {{ body(transaction); return true; }});");
        _w.Close();
        _w.Line();
        _w.Summary("Runs <paramref name=\"body\"/> in a transaction, commits it and returns what the body returned; on a conflict runs it again in a new transaction (StoreOptions.MaxTransactionAttempts).");
        _w.Line("/// <typeparam name=\"TResult\">What the body returns.</typeparam>");
        _w.Line("/// <param name=\"body\">The transaction's reads and writes.</param>");
        _w.Line(conflict);
        _w.Line(nested);
        _w.Line($"public TResult Transact<TResult>(global::System.Func<{tx}, TResult> body)");
        _w.Line($"    => {TransactionRunner}.Run(_runtime, {wrap}, body);");
        _w.Line();
        _w.Summary("Runs <paramref name=\"body\"/> in a transaction that may cross <see langword=\"await\"/> (it is bound to no thread and holds no lock between calls), commits it, and retries it on a conflict (StoreOptions.MaxTransactionAttempts).");
        _w.Line("/// <param name=\"body\">The transaction's reads and writes.</param>");
        _w.Line("/// <param name=\"cancellationToken\">Checked before each attempt and passed to the body.</param>");
        _w.Line(conflict);
        _w.Line(nested);
        _w.Open($"public global::System.Threading.Tasks.Task TransactAsync(global::System.Func<{tx}, global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task> body, global::System.Threading.CancellationToken cancellationToken = default)");
        _w.Line("global::System.ArgumentNullException.ThrowIfNull(body);");
        _w.Line($"return {TransactionRunner}.RunAsync<{tx}, bool>(_runtime, {wrap}, async (transaction, token) => {{ await body(transaction, token).ConfigureAwait(false); return true; }}, cancellationToken);");
        _w.Close();
        _w.Line();
        _w.Summary("Runs <paramref name=\"body\"/> in a transaction that may cross <see langword=\"await\"/>, commits it and returns what the body returned; retried on a conflict (StoreOptions.MaxTransactionAttempts).");
        _w.Line("/// <typeparam name=\"TResult\">What the body returns.</typeparam>");
        _w.Line("/// <param name=\"body\">The transaction's reads and writes.</param>");
        _w.Line("/// <param name=\"cancellationToken\">Checked before each attempt and passed to the body.</param>");
        _w.Line(conflict);
        _w.Line(nested);
        _w.Line($"public global::System.Threading.Tasks.Task<TResult> TransactAsync<TResult>(global::System.Func<{tx}, global::System.Threading.CancellationToken, global::System.Threading.Tasks.Task<TResult>> body, global::System.Threading.CancellationToken cancellationToken = default)");
        _w.Line($"    => {TransactionRunner}.RunAsync(_runtime, {wrap}, body, cancellationToken);");
    }

    private void EmitTransaction()
    {
        _w.Summary($"A transaction over the tables of <see cref=\"{_store.ClassName}\"/>: every read and write member; reads see its snapshot and its own writes; <see cref=\"Commit\"/> writes atomically unless a key it read or wrote changed since its snapshot. Disposing without committing writes nothing. Not thread-safe; not bound to a thread.");
        _w.Open($"{TypeAccessibility} sealed partial class {TransactionName} : global::System.IDisposable");
        _w.Line($"private readonly {TransactionRuntime} _transaction;");
        _w.Line();
        _w.Open($"internal {TransactionName}({_store.FullName} store, {TransactionRuntime} transaction)");
        _w.Line("_transaction = transaction;");
        foreach (var table in _tables)
        {
            _w.Line($"{table.PropertyName} = store.{table.PropertyName}.In(transaction.Context);");
        }

        _w.Close();

        foreach (var table in _tables)
        {
            _w.Line();
            _w.Summary($"Reads and writes table \"{table.TableName}\" in this transaction.");
            _w.Line($"{Accessibility(table)} {_store.FullName}.{TableClass(table)}<{TransactionContext}> {table.PropertyName} {{ get; }}");
        }

        _w.Line();
        _w.Summary("Writes every write of the transaction atomically; throws <see cref=\"global::TypedStore.TransactionConflictException\"/> (writing nothing) when a key it read or wrote was committed by another writer after its snapshot. A transaction commits once.");
        _w.Line("public void Commit() => _transaction.Commit();");
        _w.Line();
        _w.Summary("Writes every write of the transaction atomically, awaiting the engine's commit (complete on return on RocksDB and memory); fails with <see cref=\"global::TypedStore.TransactionConflictException\"/> (writing nothing) on a conflict. A token already cancelled commits nothing.");
        _w.Line("/// <param name=\"cancellationToken\">Cancels before the commit is handed to the engine.</param>");
        _w.Line("public global::System.Threading.Tasks.ValueTask CommitAsync(global::System.Threading.CancellationToken cancellationToken = default) => _transaction.CommitAsync(cancellationToken);");
        _w.Line();
        _w.Summary("Ends the transaction; writes not committed are discarded (a rollback).");
        _w.Line("public void Dispose() => _transaction.Dispose();");
        _w.Close();
    }
}
