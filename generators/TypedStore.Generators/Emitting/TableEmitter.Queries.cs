using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// Queries (design §11, docs/queries.md; runtime: <c>TypedStore.TableQuery</c>, <c>Queries/</c>): one query class per
/// prefix depth m (0 ≤ m &lt; n), what <c>Scan(k1..km)</c> returns, with typed bounds on every run of the key parts after
/// the prefix; the <c>Scan</c> and <c>GetMany</c> reads; the <c>Clear</c> and <c>Delete(query)</c> writes. A query is
/// enumerable and reads, so only contexts that read build one; a batch deletes a query's range with
/// <c>batch.Table.Delete(query)</c>, and a context that reads and writes with <c>query.Delete()</c> (a runtime
/// extension method).
/// </content>
internal sealed partial class TableEmitter
{
    private const string KeyWriterType = "global::TypedStore.Keys.KeyWriter";
    private const string QueryBound = "global::TypedStore.Queries.QueryBound";

    private static readonly (string Name, string Summary)[] s_bounds =
    {
        ("From", "Starts the range at the rows whose next key parts equal these, included"),
        ("After", "Starts the range after the rows whose next key parts equal these, excluded"),
        ("To", "Ends the range at the rows whose next key parts equal these, included"),
        ("Before", "Ends the range before the rows whose next key parts equal these, excluded"),
    };

    /// <summary>The query classes, one per prefix depth, in the store class beside the bound table.</summary>
    private void EmitQueryTypes()
    {
        for (int m = 0; m < _table.Keys.Count; m++)
        {
            _w.Line();
            EmitQueryType(m);
        }
    }

    private void EmitQueryType(int depth)
    {
        TableModel table = _table;
        string name = QueryClass(depth);
        string row = table.TypeName;
        string self = name + "<TContext>";
        int n = table.Keys.Count;

        string within = depth == 0
            ? "every row, in key order, narrowed by bounds on its key parts"
            : "the rows whose first " + (depth == 1 ? "key part equals" : depth + " key parts equal") + " the scan's, in key order, narrowed by bounds on the key parts after those";
        _w.Summary($"A query of table \"{table.TableName}\": {within}. Enumerate it, or ask it (<c>First</c>, <c>Last</c>, <c>Any</c>, <c>Count</c>, <c>Keys</c>, <c>Page</c>); <c>Delete()</c> removes its range. Bounds follow the table's key order: on a descending part, later rows have smaller values (docs/queries.md).");
        _w.Line("/// <typeparam name=\"TContext\">Where it reads (the store, a snapshot).</typeparam>");
        _w.Line($"{Accessibility(table)} sealed class {self} : global::TypedStore.TableQuery<{row}, TContext>");
        _w.Line($"    where TContext : struct, {ReadRole}");
        _w.Open();
        _w.Line($"private static readonly global::System.Func<{CodecEmitter.KeyTypeName(table)}, {KeysType()}> s_keys = static key => {KeysOf("key")};");
        _w.Line();
        _w.Line($"internal {name}(global::TypedStore.Queries.QueryReader<{row}> reader, TContext context, global::System.ReadOnlySpan<byte> prefix)");
        _w.Line("    : base(reader, context, prefix)");
        _w.Open();
        _w.Close();

        for (int count = 1; depth + count <= n; count++)
        {
            foreach ((string bound, string summary) in s_bounds)
            {
                _w.Line();
                _w.Summary($"{summary} (whatever deeper parts follow). Returns this query.");
                for (int i = depth; i < depth + count; i++)
                {
                    KeyPartModel part = table.Keys[i];
                    _w.Line($"/// <param name=\"{part.ParameterName.TrimStart('@')}\">Key part <c>{part.MemberName}</c>{(part.Descending ? " (descending)" : string.Empty)}.</param>");
                }

                _w.Line($"public {self} {bound}({BoundParameters(depth, count)})");
                _w.Open();
                _w.Line($"SetBound({QueryBound}.{bound}, {BoundArgument(depth, count)}, WriteParts{count});");
                _w.Line("return this;");
                _w.Close();
            }
        }

        _w.Line();
        _w.Summary("Reads the range in reverse key order (calling it again restores key order). Returns this query.");
        _w.Open($"public {self} Reverse()");
        _w.Line("SetReverse();");
        _w.Line("return this;");
        _w.Close();
        if (table.SoftDelete)
        {
            _w.Line();
            _w.Summary("Includes soft-deleted rows. Returns this query.");
            _w.Open($"public {self} IncludeDeleted()");
            _w.Line("SetIncludeDeleted();");
            _w.Line("return this;");
            _w.Close();
        }

        _w.Line();
        _w.Summary("The keys of the range, in the query's order. Lazy; only keys are decoded, never a row's value.");
        _w.Line($"public global::System.Collections.Generic.IEnumerable<{KeysType()}> Keys() => KeysAs<{KeysType()}>(s_keys);");
        _w.Line();
        _w.Summary("The async form of <c>Keys()</c>: the keys of the range, in the query's order, read a page at a time (docs/async.md).");
        _w.Line("/// <param name=\"cancellationToken\">Ends the enumeration when cancelled before a step.</param>");
        _w.Line($"public global::System.Collections.Generic.IAsyncEnumerable<{KeysType()}> KeysAsync(global::System.Threading.CancellationToken cancellationToken = default) => KeysAsyncAs<{KeysType()}>(s_keys, cancellationToken);");

        // The encoders of each run of bound parts: key parts depth .. depth+count-1, as the codec writes them.
        for (int count = 1; depth + count <= n; count++)
        {
            _w.Line();
            if (count == 1)
            {
                KeyPartModel part = table.Keys[depth];
                _w.Line($"private static void WriteParts1(ref {KeyWriterType} writer, {part.TypeName} {part.ParameterName}) => {CodecEmitter.WriteKeyPart(part, part.ParameterName)}");
                continue;
            }

            _w.Open($"private static void WriteParts{count}(ref {KeyWriterType} writer, ({BoundParameters(depth, count)}) parts)");
            for (int i = depth; i < depth + count; i++)
            {
                _w.Line(CodecEmitter.WriteKeyPart(table.Keys[i], "parts." + table.Keys[i].ParameterName));
            }

            _w.Close();
        }

        _w.Close();
    }

    /// <summary><c>Scan()</c> and <c>Scan(k1..km)</c>, which return the query of their depth, and <c>GetMany</c>.</summary>
    private void EmitQueryReads()
    {
        TableModel table = _table;
        string queries = $"table.Core.Queries";
        Member("A query of every row, in key order: enumerate it, bound it (<c>From</c>, <c>After</c>, <c>To</c>, <c>Before</c>), reverse it, page it, count it.",
            QueryType(0), "Scan", string.Empty, ReadRole, $"new({queries}, table.Context, default)");
        for (int m = 1; m < table.Keys.Count; m++)
        {
            _w.Line();
            Member(
                m == 1
                    ? "A query of the rows whose first key part equals this one, in key order: one seek to the prefix, and nothing outside it is read."
                    : $"A query of the rows whose first {m} key parts equal these, in key order: one seek to the prefix, and nothing outside it is read.",
                QueryType(m), "Scan", CodecEmitter.KeyParameters(table.Keys, m), ReadRole,
                WithPrefix(m, "table.Context", $"static (core, prefix, context) => new {_store.FullName}.{QueryClass(m)}<TContext>(core.Queries, context, prefix)"));
        }

        _w.Line();
        string result = table.TypeName + "?";
        Member("The rows of these keys in input order, <see langword=\"null\"/> where there is none; duplicates are read each time. One consistent view; one engine call on tables without SoftDelete.",
            $"global::System.Collections.Generic.IReadOnlyList<{result}>", "GetMany", $"global::System.Collections.Generic.IEnumerable<{KeysType()}> keys", ReadRole,
            $"table.Core.Reader.GetMany(table.Context, keys, static key => new {_nestedTypePrefix}{CodecEmitter.KeyTypeName(table)}({KeyMembersOf("key")}), static row => ({result})row)");
    }

    /// <summary><c>Clear()</c> and <c>Delete(query)</c> (how a batch removes a query's range).</summary>
    private void EmitQueryWrites()
    {
        TableModel table = _table;
        _w.Line();
        Member("Removes every row of the table as one atomic write (docs/queries.md, \"Range deletes\").", "void", "Clear", string.Empty, WriteRole,
            "table.Core.Writer.Clear(table.Context)");
        _w.Line();
        _w.Summary("Removes every row of <paramref name=\"query\"/>'s range (a query of this table, built where it reads) as one atomic write; in a batch it is recorded among the batch's writes (docs/queries.md, \"Range deletes\").");
        _w.Line("/// <param name=\"table\">The table, in a context that writes.</param>");
        _w.Line("/// <param name=\"query\">The query whose range is removed.</param>");
        _w.Line($"public static void Delete<TContext, TQueryContext>(this {BoundTableType("TContext")} table, global::TypedStore.TableQuery<{table.TypeName}, TQueryContext> query)");
        _w.Line($"    where TContext : struct, {WriteRole}");
        _w.Line($"    where TQueryContext : struct, {ReadRole}");
        _w.Line("    => global::TypedStore.QueryWrites.DeleteIn(table.Core.Queries, table.Context, query);");
        for (int m = 0; m < table.Keys.Count; m++)
        {
            _w.Line();
            _w.Summary("Removes every row of the query's range (its bounds; its direction does not matter) as one atomic write (docs/queries.md, \"Range deletes\"). In a batch, use the batch table's <c>Delete(query)</c>.");
            _w.Line("/// <param name=\"query\">The query, in a context that reads and writes (the store itself).</param>");
            _w.Line($"public static void Delete<TContext>(this {QueryType(m)} query)");
            _w.Line($"    where TContext : struct, {ReadRole}, {WriteRole}");
            _w.Line("    => global::TypedStore.QueryWrites.Delete(query);");
        }
    }

    /// <summary>The query class of prefix depth <paramref name="depth"/>: <c>{Property}Query</c>, or <c>{Property}Within{Parts}Query</c>.</summary>
    private string QueryClass(int depth)
    {
        string within = string.Empty;
        for (int i = 0; i < depth; i++)
        {
            within += _table.Keys[i].MemberName;
        }

        return depth == 0 ? _table.PropertyName + "Query" : _table.PropertyName + "Within" + within + "Query";
    }

    private string QueryType(int depth) => $"{_store.FullName}.{QueryClass(depth)}<TContext>";

    /// <summary>The public form of a whole key: the part's type, or a tuple named after the key members.</summary>
    private string KeysType()
    {
        if (_table.Keys.Count == 1)
        {
            return _table.Keys[0].TypeName;
        }

        List<string> parts = new();
        foreach (KeyPartModel part in _table.Keys)
        {
            parts.Add(part.TypeName + " " + part.MemberName);
        }

        return "(" + string.Join(", ", parts) + ")";
    }

    // The public key of a key struct (a part, or a tuple of the parts).
    private string KeysOf(string key)
    {
        List<string> parts = new();
        foreach (KeyPartModel part in _table.Keys)
        {
            parts.Add(key + "." + part.MemberName);
        }

        return parts.Count == 1 ? parts[0] : "(" + string.Join(", ", parts) + ")";
    }

    // The key struct's constructor arguments from a public key.
    private string KeyMembersOf(string key)
    {
        if (_table.Keys.Count == 1)
        {
            return key;
        }

        List<string> parts = new();
        foreach (KeyPartModel part in _table.Keys)
        {
            parts.Add(key + "." + part.MemberName);
        }

        return string.Join(", ", parts);
    }

    private string BoundParameters(int depth, int count)
    {
        List<string> parameters = new();
        for (int i = depth; i < depth + count; i++)
        {
            parameters.Add($"{_table.Keys[i].TypeName} {_table.Keys[i].ParameterName}");
        }

        return string.Join(", ", parameters);
    }

    private string BoundArgument(int depth, int count)
    {
        List<string> arguments = new();
        for (int i = depth; i < depth + count; i++)
        {
            arguments.Add(_table.Keys[i].ParameterName);
        }

        return count == 1 ? arguments[0] : "(" + string.Join(", ", arguments) + ")";
    }
}
