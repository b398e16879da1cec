using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Writes one table's source file. In the store class (a partial declaration): the table bound to a context
/// (the class <c>{Property}Table&lt;TContext&gt;</c>, what <c>store.X</c>, <c>batch.X</c> and <c>snapshot.X</c> return), its key
/// struct and codec (and, for a ChangeFeed table, its change type). Beside the store's outermost type: the table's
/// members, one set per role, each emitted once as extension methods over the bound table: <c>{Store}{Property}Reads</c>
/// for every context that reads, <c>{Store}{Property}Writes</c> for every context that writes. The store file
/// (<see cref="StoreEmitter"/>) binds the tables to the store, its batches and snapshots.
/// </summary>
/// <remarks>
/// A member is usable in a context exactly when the context has the member's role (<c>where TContext : struct,
/// IReadContext</c>): a snapshot has no Put, a batch no Get, and a context with both roles (a transaction) has every
/// member, with nothing emitted per context. Each member is a one-line call into the table's runtime
/// (<c>TableCore</c>: its <c>Reader</c>, <c>Writer</c> or a feature object) with the bound context. Prefix operations
/// (<c>Scan(k1..km)</c>, <c>CountUser</c>, <c>DeleteUser</c>) hand the codec's prefix writer and a static lambda to the
/// runtime's <c>KeyPrefix</c>, the context passed as its state.
/// </remarks>
internal sealed partial class TableEmitter
{
    private const string KeyPrefix = "global::TypedStore.Tables.KeyPrefix";
    private const string Contexts = "global::TypedStore.Runtime.Contexts";
    private const string ReadRole = Contexts + ".IReadContext";
    private const string WriteRole = Contexts + ".IWriteContext";
    private const string DirectContext = Contexts + ".DirectContext";

    private readonly StoreTypeModel _store;
    private readonly TableModel _table;
    private readonly CodecEmitter _codecs;
    private readonly IndentedWriter _w = new();

    // Inside the store class its nested key and codec types are in scope by their simple names; the member-set
    // classes beside it qualify them with the store.
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
        OpenFile(_w, _store.Namespace, default);
        foreach (string containing in _store.ContainingTypes)
        {
            _w.Open(containing);
        }

        _nestedTypePrefix = string.Empty;
        _w.Open($"partial class {_store.ClassName}");
        EmitBoundTable();
        EmitQueryTypes();
        _w.Line();
        _codecs.EmitKey(_w, table);
        _w.Line();
        _codecs.EmitCodec(_w, table);
        EmitIndexTypes();
        if (table.ChangeFeed)
        {
            _w.Line();
            EmitChangeType();
        }

        _w.Close();
        for (int i = 0; i < _store.ContainingTypes.Count; i++)
        {
            _w.Close();
        }

        _nestedTypePrefix = _store.FullName + ".";
        _w.Line();
        EmitReads();
        _w.Line();
        EmitWrites();
        EmitIndexReads();
        CloseFile(_w, _store.Namespace, default);
    }

    // The table bound to one context: the table's runtime and the context, nothing else. Its members are the
    // extension methods of the member sets. A class, not a struct: the store, a batch and a snapshot each create
    // their bound tables once (as their accessors always were), and a member of a class can still become a delegate
    // (store.Users.Get as a Func), which an extension method of a struct cannot (CS1113).
    private void EmitBoundTable()
    {
        TableModel table = _table;
        string name = TableClass(table);
        _w.Summary($"Table \"{table.TableName}\" in one context: the store itself, a batch or a snapshot. Its members are those of the context's roles: <see cref=\"{ReadsClass()}\"/> where it reads, <see cref=\"{WritesClass()}\"/> where it writes.");
        _w.Line("/// <typeparam name=\"TContext\">Where the table's operations run (the store, a batch, a snapshot).</typeparam>");
        _w.Line($"{Accessibility(table)} sealed class {name}<TContext>");
        _w.Line($"    where TContext : struct, {Contexts}.ITableContext");
        _w.Open();
        _w.Open($"internal {name}({CoreType()} core, TContext context)");
        _w.Line("Core = core;");
        _w.Line("Context = context;");
        _w.Close();
        _w.Line();
        _w.Summary("The table's runtime, shared by every context.");
        _w.Line($"internal {CoreType()} Core {{ get; }}");
        _w.Line();
        _w.Summary("Where the table's operations run.");
        _w.Line("internal TContext Context { get; }");
        _w.Line();
        _w.Summary("The same table in <paramref name=\"context\"/> (a batch's, a snapshot's).");
        _w.Line($"internal {name}<TOther> In<TOther>(TOther context)");
        _w.Line($"    where TOther : struct, {Contexts}.ITableContext");
        _w.Line("    => new(Core, context);");
        EmitIndexProperties();
        _w.Close();
    }

    private void EmitReads()
    {
        TableModel table = _table;
        string row = table.TypeName;
        string enumerable = $"global::System.Collections.Generic.IEnumerable<{row}>";
        string entry = $"global::TypedStore.Tables.TableEntry<{row}>";

        _w.Summary($"The reads of table \"{table.TableName}\" of <see cref=\"{_store.FullName}\"/>, for every context that reads: the store itself (latest state) and its snapshots.");
        _w.Open($"{SetAccessibility()} static class {ReadsClass()}");
        Member("The row with this key, or <see langword=\"null\"/> when there is none.", row + "?", "Get", KeyParameters(), ReadRole,
            $"table.Core.Reader.TryGet(table.Context, {NewKey()}, out var row) ? row : null");
        _w.Line();
        Member("Reads the row with this key; returns <see langword=\"false\"/> when there is none.", "bool", "TryGet",
            $"{KeyParameters()}, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {row} row", ReadRole,
            $"table.Core.Reader.TryGet(table.Context, {NewKey()}, out row)");
        _w.Line();
        Member("Whether a row with this key exists.", "bool", "Exists", KeyParameters(), ReadRole, $"table.Core.Reader.Exists(table.Context, {NewKey()})");
        _w.Line();
        Member("The row with this key and its system columns (<c>_updated</c>, <c>_deleted</c>), or <see langword=\"null\"/> when there is none.", entry + "?", "GetEntry", KeyParameters(), ReadRole,
            $"table.Core.Reader.TryGetEntry(table.Context, {NewKey()}, out var entry) ? entry : null");
        _w.Line();
        if (table.SoftDelete)
        {
            EmitSoftDeleteScanAll();
        }
        else
        {
            Member("Every row, in key order (or reversed). Lazy: rows are read as the sequence is enumerated.", enumerable, "ScanAll", "bool reverse = false", ReadRole,
                "table.Core.Reader.Scan(table.Context, default, reverse)");
        }

        _w.Line();
        EmitQueryReads();
        _w.Line();
        Member("The number of rows (every key is visited; values are not decoded).", "long", "Count", string.Empty, ReadRole, "table.Core.Reader.Count(table.Context, default)");

        if (table.IsUserTable)
        {
            _w.Line();

            // With more than one key part, the same rows as Scan(userId), which the table already has.
            Member("This user's rows, in key order. Seeks straight to the user's prefix and never reads another user's rows.", enumerable, "ScanUser", CodecEmitter.KeyParameters(table.Keys, 1), ReadRole,
                table.Keys.Count > 1 ? $"table.Scan({CodecEmitter.KeyArguments(table.Keys, 1)})" : ScanPrefix(1));
            _w.Line();
            Member("The number of this user's rows.", "long", "CountUser", CodecEmitter.KeyParameters(table.Keys, 1), ReadRole,
                WithPrefix(1, "table.Context", "static (core, prefix, context) => core.Reader.Count(context, prefix)"));
        }

        EmitChangeFeedReads();
        EmitAsyncReads();
        EmitFeatureAsyncReads();
        _w.Close();
    }

    private void EmitWrites()
    {
        TableModel table = _table;
        string row = table.TypeName;

        _w.Summary($"The writes of table \"{table.TableName}\" of <see cref=\"{_store.FullName}\"/>, for every context that writes: on the store itself each member commits at once; in a batch it is recorded, all of it or none, and applied by the batch's <c>Commit</c>.");
        _w.Open($"{SetAccessibility()} static class {WritesClass()}");
        Member(PutSummary(table), "void", "Put", $"{row} row", WriteRole, $"{PutCall("Put")}(table.Context, row)");
        _w.Line();
        Member("Inserts or replaces every row in one atomic write: all of them, or none when one is refused.", "void", "PutMany", $"global::System.Collections.Generic.IEnumerable<{row}> rows", WriteRole,
            $"{PutCall("PutMany")}(table.Context, rows)");
        EmitInsert();
        EmitConditionalWrites();
        _w.Line();
        Member("Removes the row with this key (nothing happens when there is none).", "void", "Delete", KeyParameters(), WriteRole, $"table.Core.Writer.Delete(table.Context, {NewKey()})");
        EmitQueryWrites();
        if (table.IsUserTable)
        {
            _w.Line();
            Member("Removes every row of this user, with one range delete; no other user's rows are touched.", "void", "DeleteUser", CodecEmitter.KeyParameters(table.Keys, 1), WriteRole,
                WithPrefix(1, "table.Context", "static (core, prefix, context) => core.Writer.DeletePrefix(context, prefix)"));
        }

        // Each feature's members, from its own emitter (TableEmitter.{Feature}.cs); each emits nothing for other tables.
        EmitAppend();
        EmitSoftDeleteWrites();
        EmitStreamWrites();
        EmitAsyncWrites();
        EmitFeatureAsyncWrites();
        _w.Close();
    }

    /// <summary>
    /// One member of a set: an extension method of the table bound to any context with <paramref name="role"/>,
    /// whose body is the one call <paramref name="body"/>.
    /// </summary>
    private void Member(string summary, string returns, string name, string parameters, string role, string body)
    {
        _w.Summary(summary);
        string rest = parameters.Length == 0 ? string.Empty : ", " + parameters;
        _w.Line($"public static {returns} {name}<TContext>(this {BoundTableType("TContext")} table{rest})");
        _w.Line($"    where TContext : struct, {role}");
        _w.Line($"    => {body};");
    }

    /// <summary>A member only the store itself has (it commits on its own terms: in chunks, or a background job's work).</summary>
    private void StoreMember(string returns, string name, string parameters, string body)
    {
        string rest = parameters.Length == 0 ? string.Empty : ", " + parameters;
        _w.Line($"public static {returns} {name}(this {BoundTableType(DirectContext)} table{rest})");
        _w.Line($"    => {body};");
    }

    private string ScanPrefix(int parts)
        => WithPrefix(parts, "table.Context", "static (core, prefix, context) => core.Reader.Scan(context, prefix, false)");

    /// <summary>
    /// A call of the runtime's <c>KeyPrefix.Use</c>: the first <paramref name="parts"/> key parts (a tuple when more
    /// than one), encoded by the codec's <c>WritePrefix</c>, handed with <paramref name="state"/> to the static lambda
    /// <paramref name="use"/>. Nothing is captured, so nothing is allocated.
    /// </summary>
    private string WithPrefix(int parts, string state, string use)
    {
        string arguments = CodecEmitter.KeyArguments(_table.Keys, parts);
        string partsArgument = parts == 1 ? arguments : "(" + arguments + ")";
        return $"{KeyPrefix}.Use(table.Core, {partsArgument}, {CodecType()}.WritePrefix, {state}, {use})";
    }

    private string CoreType()
        => $"global::TypedStore.Tables.TableCore<{_table.TypeName}, {_nestedTypePrefix}{CodecEmitter.KeyTypeName(_table)}, {CodecType()}>";

    private string CodecType() => _nestedTypePrefix + CodecEmitter.CodecTypeName(_table);

    /// <summary>The bound table with <paramref name="context"/> as its context type, as the member sets spell it.</summary>
    private string BoundTableType(string context) => $"{_store.FullName}.{TableClass(_table)}<{context}>";

    /// <summary>
    /// The member sets' accessibility: public only when both the row type (hence the bound table) and the store are,
    /// since a public method cannot take an internal type.
    /// </summary>
    private string SetAccessibility() => _store.IsPublic && _table.IsPublic ? "public" : "internal";

    private string ReadsClass() => MemberSetPrefix() + "Reads";

    private string WritesClass() => MemberSetPrefix() + "Writes";

    // The store's name, with the names of the types it is nested in before it, then the table's property: two stores
    // with one name nested in different types of one namespace get different classes.
    private string MemberSetPrefix()
    {
        string prefix = string.Empty;
        foreach (string containing in _store.ContainingTypes)
        {
            prefix += containing.Substring(containing.LastIndexOf(' ') + 1);
        }

        return prefix + _store.ClassName + _table.PropertyName;
    }

    private string KeyParameters() => CodecEmitter.KeyParameters(_table.Keys, _table.Keys.Count);

    private string NewKey() => $"new {_nestedTypePrefix}{CodecEmitter.KeyTypeName(_table)}({CodecEmitter.KeyArguments(_table.Keys, _table.Keys.Count)})";
}
