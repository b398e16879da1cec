using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Writes one table's source file, as partial declarations of its store's classes: in the store, the table's
/// accessor, key struct and codec (and, for a ChangeFeed table, its change type); in {Store}Batch and
/// {Store}Snapshot, the batch's and the snapshot's accessors. The store file (<see cref="StoreEmitter"/>)
/// constructs them.
/// </summary>
/// <remarks>
/// The table's <c>TableCore</c> type is spelled once, by the store accessor's <c>Core</c>; the batch and snapshot
/// accessors hold the store's accessor and call through it. Prefix operations (<c>Scan(k1..km)</c>, <c>CountUser</c>,
/// <c>DeleteUser</c>) hand the codec's prefix writer and a static lambda to the runtime's <c>KeyPrefix</c>.
/// </remarks>
internal sealed partial class TableEmitter
{
    private const string KeyPrefix = "global::TypedStore.Tables.KeyPrefix";

    private readonly StoreTypeModel _store;
    private readonly TableModel _table;
    private readonly CodecEmitter _codecs;
    private readonly IndentedWriter _w = new();

    // Inside the store class its nested key and codec types are in scope by their simple names; the batch and
    // snapshot classes beside it must qualify them with the store.
    private string _nestedTypePrefix = string.Empty;

    private TableEmitter(TableFileSpec spec)
    {
        _store = spec.Store;
        _table = spec.Table;
        _codecs = new CodecEmitter(new ValueCodeEmitter(FormatterNames.ToDictionary(spec.Formatters), FormattersClass));
    }

    public static string Emit(TableFileSpec spec)
    {
        TableEmitter emitter = new(spec);
        emitter.EmitFile();
        return emitter._w.ToString();
    }

    private void EmitFile()
    {
        TableModel table = _table;
        OpenFile(_w, _store.Namespace, _store.ContainingTypes);

        _nestedTypePrefix = string.Empty;
        _w.Open($"partial class {_store.ClassName}");
        EmitStoreTable();
        _w.Line();
        _codecs.EmitKey(_w, table);
        _w.Line();
        _codecs.EmitCodec(_w, table);
        if (table.ChangeFeed)
        {
            _w.Line();
            EmitChangeType();
        }

        _w.Close();

        _nestedTypePrefix = _store.FullName + ".";
        _w.Line();
        _w.Open($"partial class {BatchName(_store.ClassName)}");
        EmitBatchTable();
        _w.Close();
        _w.Line();
        _w.Open($"partial class {SnapshotName(_store.ClassName)}");
        EmitSnapshotTable();
        _w.Close();

        CloseFile(_w, _store.Namespace, _store.ContainingTypes);
    }

    private void EmitStoreTable()
    {
        TableModel table = _table;
        string row = table.TypeName;
        _w.Summary($"Typed access to table \"{table.TableName}\". Thread-safe.");
        _w.Open($"{Accessibility(table)} sealed class {TableClass(table)}");
        _w.Line($"internal {TableClass(table)}({Runtime} runtime) => Core = new(runtime, {DescriptorField(table)}{CodecEmitter.CoreRoleArguments(table, CodecEmitter.KeyTypeName(table), CodecType())});");
        _w.Line();
        _w.Summary("The table's runtime; the batch's and snapshot's accessors of the table call it too.");
        _w.Line($"internal {CoreType()} Core {{ get; }}");
        _w.Line();
        _w.Summary(PutSummary(table));
        _w.Line($"public void Put({row} row) => Core.{PutMethod(table)}(row);");
        _w.Line();
        _w.Summary("Inserts or replaces every row in one atomic write.");
        _w.Line($"public void PutMany(global::System.Collections.Generic.IEnumerable<{row}> rows) => Core.{PutManyMethod(table)}(rows);");
        EmitInsert(batch: false);
        _w.Line();
        _w.Summary("Removes the row with this key (nothing happens when there is none).");
        _w.Line($"public void Delete({KeyParameters()}) => Core.Delete({NewKey()});");
        if (table.IsUserTable)
        {
            _w.Line();
            _w.Summary("Removes every row of this user, with one range delete; no other user's rows are touched.");
            _w.Line($"public void DeleteUser({CodecEmitter.KeyParameters(table.Keys, 1)})");
            _w.Line($"    => {WithPrefix("Core", 1, null, "static (core, prefix) => core.DeletePrefix(prefix)")};");
        }

        EmitTableFeatureMembers();
        EmitReadMembers("Core", null);
        _w.Close();
    }

    private void EmitBatchTable()
    {
        TableModel table = _table;
        string row = table.TypeName;
        _w.Summary($"The writes of a batch to table \"{table.TableName}\".");
        _w.Open($"{Accessibility(table)} sealed class {TableClass(table)}");
        _w.Line($"private readonly {StoreTableType()} _table;");
        _w.Line($"private readonly {BatchRuntime} _batch;");
        _w.Line();
        _w.Open($"internal {TableClass(table)}({StoreTableType()} table, {BatchRuntime} batch)");
        _w.Line("_table = table;");
        _w.Line("_batch = batch;");
        _w.Close();
        _w.Line();
        _w.Summary("Records an insert-or-replace of the row.");
        _w.Line($"public void Put({row} row) => _table.Core.{PutMethod(table)}(_batch, row);");
        _w.Line();
        _w.Summary("Records an insert-or-replace of every row: all of them, or none when one is refused.");
        _w.Line($"public void PutMany(global::System.Collections.Generic.IEnumerable<{row}> rows) => _table.Core.{PutManyMethod(table)}(_batch, rows);");
        EmitInsert(batch: true);
        _w.Line();
        _w.Summary("Records the removal of the row with this key.");
        _w.Line($"public void Delete({KeyParameters()}) => _table.Core.Delete(_batch, {NewKey()});");
        if (table.IsUserTable)
        {
            _w.Line();
            _w.Summary("Records the removal of every row of this user (one range delete).");
            _w.Line($"public void DeleteUser({CodecEmitter.KeyParameters(table.Keys, 1)})");
            _w.Line($"    => {WithPrefix("_table.Core", 1, "_batch", "static (core, prefix, batch) => core.DeletePrefix(batch, prefix)")};");
        }

        EmitBatchFeatureMembers();
        _w.Close();
    }

    private void EmitSnapshotTable()
    {
        TableModel table = _table;
        _w.Summary($"Reads of table \"{table.TableName}\" as of the snapshot.");
        _w.Open($"{Accessibility(table)} sealed class {TableClass(table)}");
        _w.Line($"private readonly {StoreTableType()} _table;");
        _w.Line($"private readonly {SnapshotRuntime} _snapshot;");
        _w.Line();
        _w.Open($"internal {TableClass(table)}({StoreTableType()} table, {SnapshotRuntime} snapshot)");
        _w.Line("_table = table;");
        _w.Line("_snapshot = snapshot;");
        _w.Close();
        EmitReadMembers("_table.Core", "_snapshot");
        _w.Close();
    }

    /// <summary>The read members, on <paramref name="core"/>, at <paramref name="snapshot"/> (<see langword="null"/>: the store's current state).</summary>
    private void EmitReadMembers(string core, string? snapshot)
    {
        TableModel table = _table;
        string row = table.TypeName;
        string rowNullable = row + "?";
        string enumerable = $"global::System.Collections.Generic.IEnumerable<{row}>";
        string entry = $"global::TypedStore.Tables.TableEntry<{row}>";
        string at = snapshot ?? "null";

        _w.Line();
        _w.Summary("The row with this key, or <see langword=\"null\"/> when there is none.");
        _w.Line($"public {rowNullable} Get({KeyParameters()}) => {core}.TryGet({NewKey()}, {at}, out var row) ? row : null;");
        _w.Line();
        _w.Summary("Reads the row with this key; returns <see langword=\"false\"/> when there is none.");
        _w.Line($"public bool TryGet({KeyParameters()}, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {row} row) => {core}.TryGet({NewKey()}, {at}, out row);");
        _w.Line();
        _w.Summary("Whether a row with this key exists.");
        _w.Line($"public bool Exists({KeyParameters()}) => {core}.Exists({NewKey()}, {at});");
        _w.Line();
        _w.Summary("The row with this key and its system columns (<c>_updated</c>, <c>_deleted</c>), or <see langword=\"null\"/> when there is none.");
        _w.Line($"public {entry}? GetEntry({KeyParameters()}) => {core}.TryGetEntry({NewKey()}, {at}, out var entry) ? entry : null;");
        _w.Line();
        if (table.SoftDelete)
        {
            EmitSoftDeleteScanAll(core, at);
        }
        else
        {
            _w.Summary("Every row, in key order (or reversed). Lazy: rows are read as the sequence is enumerated.");
            _w.Line($"public {enumerable} ScanAll(bool reverse = false) => {core}.Scan(default, reverse, {at});");
        }

        for (int m = 1; m < table.Keys.Count; m++)
        {
            _w.Line();
            _w.Summary(m == 1
                ? "The rows whose first key part equals this one, in key order. The scan is bounded to that prefix."
                : $"The rows whose first {m} key parts equal these, in key order. The scan is bounded to that prefix.");
            _w.Line($"public {enumerable} Scan({CodecEmitter.KeyParameters(table.Keys, m)})");
            _w.Line($"    => {ScanPrefix(core, m, snapshot)};");
        }

        _w.Line();
        _w.Summary("The number of rows (every key is visited; values are not decoded).");
        _w.Line($"public long Count() => {core}.Count(default, {at});");

        if (table.IsUserTable)
        {
            _w.Line();
            _w.Summary("This user's rows, in key order. Seeks straight to the user's prefix and never reads another user's rows.");
            if (table.Keys.Count > 1)
            {
                // The same rows as Scan(userId), which the table already has.
                _w.Line($"public {enumerable} ScanUser({CodecEmitter.KeyParameters(table.Keys, 1)}) => Scan({CodecEmitter.KeyArguments(table.Keys, 1)});");
            }
            else
            {
                _w.Line($"public {enumerable} ScanUser({CodecEmitter.KeyParameters(table.Keys, 1)})");
                _w.Line($"    => {ScanPrefix(core, 1, snapshot)};");
            }

            _w.Line();
            _w.Summary("The number of this user's rows.");
            _w.Line($"public long CountUser({CodecEmitter.KeyParameters(table.Keys, 1)})");
            _w.Line(snapshot is null
                ? $"    => {WithPrefix(core, 1, null, "static (core, prefix) => core.Count(prefix, null)")};"
                : $"    => {WithPrefix(core, 1, snapshot, "static (core, prefix, snapshot) => core.Count(prefix, snapshot)")};");
        }

        EmitReadFeatureMembers(core, snapshot);
    }

    private string ScanPrefix(string core, int parts, string? snapshot) => snapshot is null
        ? WithPrefix(core, parts, null, "static (core, prefix) => core.Scan(prefix, false, null)")
        : WithPrefix(core, parts, snapshot, "static (core, prefix, snapshot) => core.Scan(prefix, false, snapshot)");

    /// <summary>
    /// A call of the runtime's <c>KeyPrefix.Use</c>: the first <paramref name="parts"/> key parts (a tuple when more
    /// than one), encoded by the codec's <c>WritePrefix</c>, handed with <paramref name="state"/> (when not
    /// <see langword="null"/>) to the static lambda <paramref name="use"/>. Nothing is captured, so nothing is allocated.
    /// </summary>
    private string WithPrefix(string core, int parts, string? state, string use)
    {
        string arguments = CodecEmitter.KeyArguments(_table.Keys, parts);
        string partsArgument = parts == 1 ? arguments : "(" + arguments + ")";
        string stateArgument = state is null ? string.Empty : state + ", ";
        return $"{KeyPrefix}.Use({core}, {partsArgument}, {CodecType()}.WritePrefix, {stateArgument}{use})";
    }

    private string CoreType()
        => $"global::TypedStore.Tables.TableCore<{_table.TypeName}, {_nestedTypePrefix}{CodecEmitter.KeyTypeName(_table)}, {CodecType()}>";

    private string CodecType() => _nestedTypePrefix + CodecEmitter.CodecTypeName(_table);

    /// <summary>The store's accessor of the table, which the batch's and snapshot's accessors call through.</summary>
    private string StoreTableType() => _store.FullName + "." + TableClass(_table);

    private string KeyParameters() => CodecEmitter.KeyParameters(_table.Keys, _table.Keys.Count);

    private string NewKey() => $"new {_nestedTypePrefix}{CodecEmitter.KeyTypeName(_table)}({CodecEmitter.KeyArguments(_table.Keys, _table.Keys.Count)})";
}
