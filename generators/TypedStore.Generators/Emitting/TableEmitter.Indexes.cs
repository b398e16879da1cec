using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The members of tables with <c>[Index]</c>es (runtime: <c>Features/Indexes</c>, reached through the table's
/// <c>Indexes</c> object, which only such tables have): per index a property on the bound table returning the bound
/// index (a struct: the table's core and the context, nothing else), its codec (CodecEmitter.Indexes.cs), and one
/// member set of reads over every bound index of the table (<c>{Store}{Property}IndexReads</c>, constrained on the read
/// role like the table's reads): <c>Scan</c> and <c>Count</c> for every leading subset of the parts (after the user id
/// on User tables), <c>Get</c>/<c>TryGet</c> for unique indexes; and <c>Verify()</c> on the store's table.
/// Emits nothing for tables without indexes.
/// </content>
internal sealed partial class TableEmitter
{
    private const string TableIndexesNote = "docs/indexes.md";

    private string IndexTypeName(IndexModel index) => _table.PropertyName + index.PropertyName + "Index";

    /// <summary>The index properties of the bound table (inside it).</summary>
    private void EmitIndexProperties()
    {
        foreach (IndexModel index in _table.Indexes)
        {
            _w.Line();
            _w.Summary($"Index \"{index.Name}\" ({IndexDescription(index)}) of this table, in the same context.");
            _w.Line($"public {IndexTypeName(index)}<TContext> {index.PropertyName} => new(Core, Context);");
        }
    }

    /// <summary>The bound index structs and the index codecs (inside the store class).</summary>
    private void EmitIndexTypes()
    {
        TableModel table = _table;
        foreach (IndexModel index in table.Indexes)
        {
            string name = IndexTypeName(index);
            _w.Line();
            _w.Summary($"Index \"{index.Name}\" ({IndexDescription(index)}) of table \"{table.TableName}\" in one context: its reads are those of <see cref=\"{IndexReadsClass()}\"/> ({TableIndexesNote}).");
            _w.Line("/// <typeparam name=\"TContext\">Where the index's reads run (the store, a snapshot).</typeparam>");
            _w.Line($"{Accessibility(table)} readonly struct {name}<TContext>");
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
            _w.Summary("Where the index's reads run.");
            _w.Line("internal TContext Context { get; }");
            _w.Close();
        }

        EmitIndexQueryTypes();
        _codecs.EmitIndexCodecs(_w, table);
    }

    /// <summary>The index reads and Verify (beside the store's outermost type).</summary>
    private void EmitIndexReads()
    {
        TableModel table = _table;
        if (!table.HasIndexes)
        {
            return;
        }

        string row = table.TypeName;
        _w.Line();
        _w.Summary($"The reads of the indexes of table \"{table.TableName}\" of <see cref=\"{_store.FullName}\"/>, for every context that reads ({TableIndexesNote}).");
        _w.Open($"{SetAccessibility()} static class {IndexReadsClass()}");
        _w.Summary("Checks every index of the table against its rows, read at one consistent moment; reports per index the entries stored, missing and stale.");
        _w.Line("/// <param name=\"table\">The table, on the store itself.</param>");
        StoreMember("global::TypedStore.TableVerification", "Verify", string.Empty, "table.Core.Indexes!.Verify()");
        for (int i = 0; i < table.Indexes.Count; i++)
        {
            IndexModel index = table.Indexes[i];
            string bound = $"{_store.FullName}.{IndexTypeName(index)}<TContext>";
            string codec = $"{_store.FullName}.{CodecEmitter.IndexCodecTypeName(table, index)}";
            List<(string Type, string Name)> parameters = new();
            if (table.IsUserTable)
            {
                parameters.Add((table.Keys[0].TypeName, table.Keys[0].ParameterName));
            }
            else
            {
                // Shared tables: the whole index too, in index order.
                _w.Line();
                IndexMember($"A query of every row, in the order of index \"{index.Name}\" ({IndexDescription(index)}): enumerate it, bound it (<c>From</c>, <c>After</c>, <c>To</c>, <c>Before</c> on the index parts), reverse it, page it, count it.", IndexQueryType(index, 0), "Scan", bound, parameters,
                    $"new {IndexQueryType(index, 0)}(index.Core.Indexes!.Query({i}), index.Context, default)");
                _w.Line();
                IndexMember($"The number of entries of index \"{index.Name}\" (one per row; keys only, nothing decoded).", "long", "Count", bound, parameters,
                    $"index.Core.Indexes!.Count(index.Context, {i}, default)");
                _w.Line();
                EmitIndexAsyncMember($"The async form of <c>Count()</c> of index \"{index.Name}\": entries counted a page at a time through one snapshot.", "long", "CountAsync", bound, parameters,
                    "index.Scan().CountAsync(cancellationToken)");
            }

            for (int m = table.IsUserTable ? 0 : 1; m <= index.Parts.Count; m++)
            {
                if (m > 0)
                {
                    parameters.Add((index.Parts[m - 1].TypeName, index.Parts[m - 1].ParameterName));
                }

                string which = Which(table, index, m);
                _w.Line();
                string query = IndexQueryType(index, m);
                IndexMember($"A query of the rows {which}, in index order: one seek to those entries, and no other is read; bound it on the next index parts, reverse it, page it, count it.", query, "Scan", bound, parameters,
                    WithIndexPrefix(parameters, codec, $"static (core, prefix, context) => new {query}(core.Indexes!.Query({i}), context, prefix)"));
                _w.Line();
                IndexMember($"The number of rows {which} (keys only, nothing decoded).", "long", "Count", bound, parameters,
                    WithIndexPrefix(parameters, codec, $"static (core, prefix, context) => core.Indexes!.Count(context, {i}, prefix)"));
                _w.Line();
                EmitIndexAsyncMember($"The async form of <c>Count</c>: the number of rows {which}, entries counted a page at a time through one snapshot.", "long", "CountAsync", bound, parameters,
                    $"index.Scan({JoinArguments(parameters)}).CountAsync(cancellationToken)");
            }

            if (index.Unique)
            {
                _w.Line();
                // With every part given and none null, the entry is keyed by its value: one point read (the flag).
                IndexMember($"The row {Which(table, index, index.Parts.Count)}, or <see langword=\"null\"/> when there is none (the index is unique).", row + "?", "Get", bound, parameters,
                    WithIndexPrefix(parameters, codec, $"static (core, prefix, state) => core.Indexes!.TryGet(state.Item1, {i}, prefix, state.Item2, out var row) ? ({row}?)row : null", $"(index.Context, {NoNullPart(index)})"));
                _w.Line();
                EmitIndexAsyncMember($"The async form of <c>Get</c>: the row {Which(table, index, index.Parts.Count)}, or <see langword=\"null\"/> when there is none.", row + "?", "GetAsync", bound, parameters,
                    WithIndexPrefix(parameters, codec, $"static (core, prefix, state) => core.Indexes!.GetAsync(state.Item1, {i}, prefix, state.Item2, static row => ({row}?)row, state.Item3)", $"(index.Context, {NoNullPart(index)}, cancellationToken)"));
                _w.Line();
                _w.Summary($"Reads the row {Which(table, index, index.Parts.Count)}; returns <see langword=\"false\"/> when there is none (the index is unique).");
                _w.Line($"public static bool TryGet<TContext>(this {bound} index, {JoinParameters(parameters)}, [global::System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out {row} row)");
                _w.Line($"    where TContext : struct, {ReadRole}");
                _w.Open();
                _w.Open($"if (index.Get({JoinArguments(parameters)}) is {{ }} found)");
                _w.Line("row = found;");
                _w.Line("return true;");
                _w.Close();
                _w.Line();
                _w.Line("row = default!;");
                _w.Line("return false;");
                _w.Close();
            }
        }

        _w.Close();
    }

    private void IndexMember(string summary, string returns, string name, string bound, List<(string Type, string Name)> parameters, string body)
    {
        _w.Summary(summary);
        string rest = parameters.Count == 0 ? string.Empty : ", " + JoinParameters(parameters);
        _w.Line($"public static {returns} {name}<TContext>(this {bound} index{rest})");
        _w.Line($"    where TContext : struct, {ReadRole}");
        _w.Line($"    => {body};");
    }

    // KeyPrefix.Use with the index codec's prefix writer: the parts (a tuple when more than one) are encoded into a
    // stack buffer and handed with the context to the static lambda; nothing is captured.
    private static string WithIndexPrefix(List<(string Type, string Name)> parameters, string codec, string use, string state = "index.Context")
    {
        string arguments = JoinArguments(parameters);
        string parts = parameters.Count == 1 ? arguments : "(" + arguments + ")";
        return $"{KeyPrefix}.Use(index.Core, {parts}, {codec}.WritePrefix, {state}, {use})";
    }

    // Whether no part the caller gave is null: "true" when none can be.
    private static string NoNullPart(IndexModel index)
    {
        List<string> tests = new();
        foreach (IndexPartModel part in index.Parts)
        {
            if (part.HasPresenceByte)
            {
                tests.Add(part.ParameterName + " is not null");
            }
        }

        return tests.Count == 0 ? "true" : string.Join(" && ", tests);
    }

    private static string JoinParameters(List<(string Type, string Name)> parameters)
    {
        List<string> items = new();
        foreach ((string type, string name) in parameters)
        {
            items.Add(type + " " + name);
        }

        return string.Join(", ", items);
    }

    private static string JoinArguments(List<(string Type, string Name)> parameters)
    {
        List<string> items = new();
        foreach ((string _, string name) in parameters)
        {
            items.Add(name);
        }

        return string.Join(", ", items);
    }

    private static string Which(TableModel table, IndexModel index, int parts)
    {
        string user = table.IsUserTable ? $"of this user ({table.Keys[0].MemberName})" : string.Empty;
        if (parts == 0)
        {
            return user;
        }

        List<string> names = new();
        for (int i = 0; i < parts; i++)
        {
            names.Add(index.Parts[i].MemberName);
        }

        string equal = parts == 1 ? $"whose {names[0]} equals this one" : $"whose {string.Join(", ", names)} equal these";
        return user.Length == 0 ? equal : user + " " + equal;
    }

    private static string IndexDescription(IndexModel index)
    {
        List<string> names = new();
        foreach (IndexPartModel part in index.Parts)
        {
            names.Add(part.MemberName);
        }

        return string.Join(", ", names) + (index.Unique ? "; unique" : string.Empty);
    }

    private string IndexReadsClass() => MemberSetPrefix() + "IndexReads";
}
