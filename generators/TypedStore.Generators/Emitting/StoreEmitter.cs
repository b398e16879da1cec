using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Writes one store's own source file: the store class (schemas and descriptors of its tables, Open, OpenInMemory,
/// table properties, CreateBatch, CreateSnapshot, Dispose, the formatters of nested types) and the shells of the
/// {Store}Batch and {Store}Snapshot classes beside it (constructor, table properties, Commit, Dispose). Each table
/// property is the table bound to that context (<c>{Property}Table&lt;DirectContext&gt;</c>, <c>&lt;BatchContext&gt;</c>,
/// <c>&lt;SnapshotContext&gt;</c>); the bound table, its members, key and codec are in the table's own file
/// (<see cref="TableEmitter"/>).
/// </summary>
internal sealed partial class StoreEmitter
{
    private const string StoreOptions = "global::TypedStore.StoreOptions";
    private const string RocksDbProvider = "global::TypedStore.Storage.RocksDbEngineProvider";
    private const string DirectContext = "global::TypedStore.Runtime.Contexts.DirectContext";
    private const string BatchContext = "global::TypedStore.Runtime.Contexts.BatchContext";
    private const string SnapshotContext = "global::TypedStore.Runtime.Contexts.SnapshotContext";
    private const string TransactionContext = "global::TypedStore.Runtime.Contexts.TransactionContext";
    private const string TransactionRunner = "global::TypedStore.Runtime.Transactions.TransactionRunner";
    private const string TransactionRuntime = "global::TypedStore.Runtime.Transactions.StoreTransactionRuntime";

    private readonly StoreModel _store;
    private readonly EquatableArray<TableModel> _tables;
    private readonly List<FormatterNameModel> _formatters;
    private readonly CodecEmitter _codecs;
    private readonly IndentedWriter _w = new();

    private StoreEmitter(StoreModel store, EquatableArray<TableModel> tables)
    {
        _store = store;
        _tables = tables;
        _formatters = FormatterNames.Assign(tables);
        _codecs = new CodecEmitter(new ValueCodeEmitter(FormatterNames.ToDictionary(_formatters), FormattersClass));
    }

    private string BatchName => EmitNames.BatchName(_store.ClassName);

    private string SnapshotName => EmitNames.SnapshotName(_store.ClassName);

    private string TransactionName => EmitNames.TransactionName(_store.ClassName);

    private string TypeAccessibility => _store.IsPublic ? "public" : "internal";

    public static string Emit(StoreModel store, EquatableArray<TableModel> tables)
    {
        StoreEmitter emitter = new(store, tables);
        EmitNames.OpenFile(emitter._w, store.Namespace, store.ContainingTypes);
        emitter.EmitStore();
        emitter._w.Line();
        emitter.EmitBatch();
        emitter._w.Line();
        emitter.EmitSnapshot();
        emitter._w.Line();
        emitter.EmitTransaction();
        EmitNames.CloseFile(emitter._w, store.Namespace, store.ContainingTypes);
        return emitter._w.ToString();
    }

    private void EmitStore()
    {
        string name = _store.ClassName;
        // ITypedStore<TSelf>: the static Open members below implement it, so generic code (TypedStore.Hosting) opens
        // any store without reflection.
        _w.Open($"partial class {name} : global::System.IDisposable, global::TypedStore.ITypedStore<{_store.FullName}>");

        EmitSchemaFields();
        foreach (TableModel table in _tables)
        {
            _w.Line($"private static readonly global::TypedStore.Tables.TableDescriptor {DescriptorField(table)} = new(\"{table.TableName}\", global::TypedStore.TableKind.{table.Kind}, softDelete: {Bool(table.SoftDelete)}, ttlSeconds: {table.TtlSeconds}, changeFeed: {Bool(table.ChangeFeed)}, schema: {SchemaField(table)}{CodecEmitter.IndexDescriptorArgument(table)}){RowCacheInitializer(table)};");
        }

        List<string> descriptorFields = new();
        foreach (TableModel table in _tables)
        {
            descriptorFields.Add(DescriptorField(table));
        }

        _w.Line();
        _w.Line("// Every column family of the store, opened together (sorted by table name).");
        _w.Line($"private static readonly global::TypedStore.Tables.TableDescriptor[] s_tables = [{string.Join(", ", descriptorFields)}];");
        _w.Line();
        _w.Line($"private readonly {Runtime} _runtime;");
        _w.Line();
        _w.Open($"private {name}({Runtime} runtime)");
        _w.Line("_runtime = runtime;");

        // Each table's runtime, bound to the store itself; batches and snapshots bind the same runtimes to themselves.
        foreach (TableModel table in _tables)
        {
            EmitTableConstruction(table);
        }

        _w.Close();
        _w.Line();

        // The runtime builds the store through the factory inside its own failure handling: whatever fails while the
        // tables are built, the engine, its lock and any timer are released before the exception leaves Open.
        _w.Summary($"Opens (or creates) the store in the RocksDB directory <paramref name=\"path\"/>, with one column family per table.");
        _w.Line("/// <param name=\"path\">The store's directory.</param>");
        _w.Line("/// <param name=\"options\">Options; <see langword=\"null\"/> for the defaults. Checked before anything is opened.</param>");
        _w.Line("/// <exception cref=\"global::TypedStore.StoreLockedException\">The directory is already open, in this process or another one.</exception>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">An option is out of its range; the exception names it and the range.</exception>");
        _w.Line("/// <remarks>When opening fails, everything it acquired (the engine and its lock, timers) is released first: the directory can be opened again at once.</remarks>");
        _w.Line($"public static {name} Open(string path, {StoreOptions}? options = null)");
        _w.Line($"    => Open(new {RocksDbProvider}(path), options);");
        _w.Line();
        _w.Summary($"Opens (or creates) the store in the RocksDB directory <paramref name=\"path\"/>, tuned by <paramref name=\"rocksDb\"/>.");
        _w.Line("/// <param name=\"path\">The store's directory.</param>");
        _w.Line("/// <param name=\"rocksDb\">RocksDB tuning (block cache, ...). Checked before anything is opened.</param>");
        _w.Line("/// <param name=\"options\">Options; <see langword=\"null\"/> for the defaults. Checked before anything is opened.</param>");
        _w.Line("/// <exception cref=\"global::TypedStore.StoreLockedException\">The directory is already open, in this process or another one.</exception>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">An option is out of its range; the exception names it and the range.</exception>");
        _w.Line("/// <remarks>When opening fails, everything it acquired (the engine and its lock, timers) is released first: the directory can be opened again at once.</remarks>");
        _w.Line($"public static {name} Open(string path, global::TypedStore.RocksDbOptions rocksDb, {StoreOptions}? options = null)");
        _w.Line($"    => Open(new {RocksDbProvider}(path, rocksDb), options);");
        _w.Line();
        _w.Summary("Creates an empty store held in memory; everything is lost on <see cref=\"Dispose\"/>.");
        _w.Line("/// <param name=\"options\">Options; <see langword=\"null\"/> for the defaults. Checked before anything is created.</param>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">An option is out of its range; the exception names it and the range.</exception>");
        _w.Line($"public static {name} OpenInMemory({StoreOptions}? options = null)");
        _w.Line($"    => Open(global::TypedStore.Storage.MemoryEngineProvider.Instance, options);");
        _w.Line();
        _w.Summary("Opens the store on the engine <paramref name=\"provider\"/> opens, with one column family per table.");
        _w.Line("/// <param name=\"provider\">Opens the engine: RocksDB, memory, or another engine's provider.</param>");
        _w.Line("/// <param name=\"options\">Options; <see langword=\"null\"/> for the defaults. Checked before the provider is called.</param>");
        _w.Line("/// <exception cref=\"global::System.ArgumentException\">An option is out of its range; the exception names it and the range.</exception>");
        _w.Line("/// <remarks>When opening fails after the provider returned, the engine (and timers) are released first.</remarks>");
        _w.Line($"public static {name} Open(global::TypedStore.Storage.StorageEngineProvider provider, {StoreOptions}? options = null)");
        _w.Line($"    => {Runtime}.Open(\"{name}\", provider, s_tables, options, static runtime => new {name}(runtime));");

        foreach (TableModel table in _tables)
        {
            _w.Line();
            _w.Summary($"The \"{table.TableName}\" table ({table.Kind}) of <see cref=\"{Cref(table.TypeName)}\"/> rows.");
            _w.Line($"{Accessibility(table)} {TableClass(table)}<{DirectContext}> {table.PropertyName} {{ get; }}");
        }

        _w.Line();
        _w.Summary($"Starts a batch: writes to any table, applied atomically by <see cref=\"{BatchName}.Commit\"/>; disposing it without committing writes nothing.");
        _w.Line($"public {BatchName} CreateBatch() => new {BatchName}(this, _runtime.CreateBatch());");
        _w.Line();
        _w.Summary("Captures a consistent view of every table as of now; later writes are not visible through it.");
        _w.Line($"public {SnapshotName} CreateSnapshot() => new {SnapshotName}(this, _runtime.CreateSnapshot());");
        EmitExportMembers();
        EmitTransactMembers();
        EmitOperations();
        _w.Line();
        _w.Summary("Closes the store. Safe to call more than once; any later use throws <see cref=\"global::System.ObjectDisposedException\"/>.");
        _w.Line("public void Dispose() => _runtime.Dispose();");
        _w.Line();
        _w.Line("/// <inheritdoc cref=\"global::TypedStore.Tables.StoreRuntime.CheckHealth\"/>");
        _w.Line("public global::TypedStore.StoreHealth CheckHealth() => _runtime.CheckHealth();");

        if (_formatters.Count > 0)
        {
            _w.Line();
            _w.Summary("MessagePack formatters of the nested types rows contain (the codecs of every table call them).");
            _w.Open($"private static class {FormattersClass}");
            for (int i = 0; i < _formatters.Count; i++)
            {
                if (i > 0)
                {
                    _w.Line();
                }

                _codecs.EmitObjectFormatter(_w, FindObjectType(_formatters[i].TypeName), _formatters[i].Name);
            }

            _w.Close();
        }

        _w.Close();
    }

    // Export and import in the native format (docs/export-format.md): one line each over the runtime, which works from
    // the catalog and the engine's bytes, so the typedstore tool runs the same code.
    private void EmitExportMembers()
    {
        _w.Line();
        _w.Summary("Writes every table of the store (rows, deletion markers and index entries, as stored) to <paramref name=\"output\"/> in the native export format (docs/export-format.md), from one snapshot, in bounded memory. Does not complete <paramref name=\"output\"/>.");
        _w.Line("/// <param name=\"output\">Where the export goes.</param>");
        _w.Line("/// <param name=\"cancellationToken\">Stops the export; what was written is then not a complete export.</param>");
        _w.Line("public global::System.Threading.Tasks.Task<global::TypedStore.ExportSummary> ExportAsync(global::System.IO.Pipelines.PipeWriter output, global::System.Threading.CancellationToken cancellationToken = default)");
        _w.Line("    => _runtime.ExportAsync(output, null, cancellationToken);");
        _w.Line();
        _w.Summary("Reads an export into this store, whose tables must have the same schema, kind, options and indexes, and be empty. Rows are written in atomic batches; a table is imported whole or not at all (a damaged or mismatched stream throws <see cref=\"global::TypedStore.ExportFormatException\"/> naming the table, and nothing of that table is kept).");
        _w.Line("/// <param name=\"input\">The export stream.</param>");
        _w.Line("/// <param name=\"progress\">Told after every committed batch and every completed table; <see langword=\"null\"/> for none.</param>");
        _w.Line("/// <param name=\"cancellationToken\">Stops the import; the table being imported is removed again.</param>");
        _w.Line("public global::System.Threading.Tasks.Task<global::TypedStore.ExportSummary> ImportAsync(global::System.IO.Pipelines.PipeReader input, global::System.IProgress<global::TypedStore.ImportProgress>? progress = null, global::System.Threading.CancellationToken cancellationToken = default)");
        _w.Line("    => _runtime.ImportAsync(input, progress, cancellationToken);");
    }

    private void EmitBatch()
    {
        _w.Summary($"Writes to the tables of <see cref=\"{_store.ClassName}\"/>, applied atomically by <see cref=\"Commit\"/>. Disposing without committing writes nothing. Not thread-safe.");
        _w.Open($"{TypeAccessibility} sealed partial class {BatchName} : global::System.IDisposable");
        _w.Line($"private readonly {BatchRuntime} _batch;");
        _w.Line();
        _w.Open($"internal {BatchName}({_store.FullName} store, {BatchRuntime} batch)");
        _w.Line("_batch = batch;");
        foreach (TableModel table in _tables)
        {
            _w.Line($"{table.PropertyName} = store.{table.PropertyName}.In(batch.Context);");
        }

        _w.Close();

        foreach (TableModel table in _tables)
        {
            _w.Line();
            _w.Summary($"Writes to table \"{table.TableName}\" in this batch.");
            _w.Line($"{Accessibility(table)} {_store.FullName}.{TableClass(table)}<{BatchContext}> {table.PropertyName} {{ get; }}");
        }

        _w.Line();
        _w.Summary("Applies every write of the batch atomically. A batch commits once.");
        _w.Line("public void Commit() => _batch.Commit();");
        _w.Line();
        _w.Summary("Applies every write of the batch atomically, awaiting the engine's write (complete on return on RocksDB and memory). A batch commits once; a token already cancelled writes nothing and keeps the batch.");
        _w.Line("/// <param name=\"cancellationToken\">Cancels before the write is handed to the engine.</param>");
        _w.Line("public global::System.Threading.Tasks.ValueTask CommitAsync(global::System.Threading.CancellationToken cancellationToken = default) => _batch.CommitAsync(cancellationToken);");
        _w.Line();
        _w.Summary("Releases the batch; writes not committed are discarded.");
        _w.Line("public void Dispose() => _batch.Dispose();");

        _w.Close();
    }

    private void EmitSnapshot()
    {
        _w.Summary($"A consistent, read-only view of every table of <see cref=\"{_store.ClassName}\"/> as it was when the snapshot was created.");
        _w.Open($"{TypeAccessibility} sealed partial class {SnapshotName} : global::System.IDisposable");
        _w.Line($"private readonly {SnapshotRuntime} _snapshot;");
        _w.Line();
        _w.Open($"internal {SnapshotName}({_store.FullName} store, {SnapshotRuntime} snapshot)");
        _w.Line("_snapshot = snapshot;");
        foreach (TableModel table in _tables)
        {
            _w.Line($"{table.PropertyName} = store.{table.PropertyName}.In(snapshot.Context);");
        }

        _w.Close();

        foreach (TableModel table in _tables)
        {
            _w.Line();
            _w.Summary($"Reads table \"{table.TableName}\" as of the snapshot.");
            _w.Line($"{Accessibility(table)} {_store.FullName}.{TableClass(table)}<{SnapshotContext}> {table.PropertyName} {{ get; }}");
        }

        _w.Line();
        _w.Summary("Releases the snapshot.");
        _w.Line("public void Dispose() => _snapshot.Dispose();");

        _w.Close();
    }

    private ObjectTypeModel FindObjectType(string typeName)
    {
        foreach (TableModel table in _tables)
        {
            foreach (ObjectTypeModel type in table.ObjectTypes)
            {
                if (type.TypeName == typeName)
                {
                    return type;
                }
            }
        }

        throw new System.InvalidOperationException("No table uses the nested type " + typeName + ".");
    }

    // `Messages = new(new(runtime, s_messagesTable), runtime.Context);` for a table whose core needs nothing more; a
    // core that takes per-table handles (codec roles, indexes) gets one argument per line, so the line stays readable.
    private void EmitTableConstruction(TableModel table)
    {
        List<string> arguments = new() { "runtime", DescriptorField(table) };
        CodecEmitter.AddCoreRoleArguments(table, CodecEmitter.KeyTypeName(table), CodecEmitter.CodecTypeName(table), arguments);
        CodecEmitter.AddIndexCoreArgument(table, arguments);
        if (arguments.Count == 2)
        {
            _w.Line($"{table.PropertyName} = new(new({arguments[0]}, {arguments[1]}), runtime.Context);");
            return;
        }

        _w.Line($"{table.PropertyName} = new(");
        _w.Line("    new(");
        for (int i = 0; i < arguments.Count; i++)
        {
            _w.Line($"        {arguments[i]}{(i < arguments.Count - 1 ? "," : "),")}");
        }

        _w.Line("    runtime.Context);");
    }
}
