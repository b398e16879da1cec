using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <content>
/// Index queries (design §12 with the §11 surface, docs/indexes.md "Queries"; runtime: <c>TypedStore.TableQuery</c>
/// over <c>TableIndexes.Query(i)</c>): per index one query class per prefix depth m (0 ≤ m ≤ number of parts; the
/// user id is always given on User tables), what <c>ByX.Scan(p1..pm)</c> returns, with typed bounds on every run of
/// the index parts after the prefix. Rows come in index order (parts, then primary key). No <c>Keys()</c>, no
/// <c>Delete()</c>: an index query reads.
/// </content>
internal sealed partial class TableEmitter
{
    /// <summary>The query class of index <paramref name="index"/> at prefix depth <paramref name="depth"/>.</summary>
    private string IndexQueryClass(IndexModel index, int depth)
    {
        string within = string.Empty;
        for (int i = 0; i < depth; i++)
        {
            within += index.Parts[i].MemberName.TrimStart('@');
        }

        string name = _table.PropertyName + index.PropertyName;
        return depth == 0 ? name + "Query" : name + "Within" + within + "Query";
    }

    private string IndexQueryType(IndexModel index, int depth) => $"{_store.FullName}.{IndexQueryClass(index, depth)}<TContext>";

    /// <summary>The index query classes of every index of the table (inside the store class); depth = every part has no bounds, only <c>Reverse()</c>.</summary>
    private void EmitIndexQueryTypes()
    {
        foreach (IndexModel index in _table.Indexes)
        {
            for (int m = 0; m <= index.Parts.Count; m++)
            {
                _w.Line();
                EmitIndexQueryType(index, m);
            }
        }
    }

    private void EmitIndexQueryType(IndexModel index, int depth)
    {
        TableModel table = _table;
        string name = IndexQueryClass(index, depth);
        string self = name + "<TContext>";
        int n = index.Parts.Count;
        string user = table.IsUserTable ? " of one user" : string.Empty;
        string within = depth == 0
            ? $"every row{user}"
            : $"the rows{user} whose first " + (depth == 1 ? "index part equals" : depth + " index parts equal") + " the scan's";
        _w.Summary($"A query of index \"{index.Name}\" ({IndexDescription(index)}) of table \"{table.TableName}\": {within}, in index order (the parts, then the primary key; a null part sorts before every value), narrowed by bounds on the index parts after those. Enumerate it, or ask it (<c>First</c>, <c>Last</c>, <c>Any</c>, <c>Count</c>, <c>Page</c>); it deletes nothing (docs/indexes.md, \"Queries\").");
        _w.Line("/// <typeparam name=\"TContext\">Where it reads (the store, a snapshot).</typeparam>");
        _w.Line($"{Accessibility(table)} sealed class {self} : global::TypedStore.TableQuery<{table.TypeName}, TContext>");
        _w.Line($"    where TContext : struct, {ReadRole}");
        _w.Open();
        _w.Line($"internal {name}(global::TypedStore.Queries.QueryReader<{table.TypeName}> reader, TContext context, global::System.ReadOnlySpan<byte> prefix)");
        _w.Line("    : base(reader, context, prefix)");
        _w.Open();
        _w.Close();

        for (int count = 1; depth + count <= n; count++)
        {
            foreach ((string bound, string summary) in s_indexBounds)
            {
                _w.Line();
                _w.Summary($"{summary} (whatever deeper parts follow{(AnyNullable(index, depth, count) ? "; null sorts before every value" : string.Empty)}). Returns this query.");
                for (int i = depth; i < depth + count; i++)
                {
                    IndexPartModel part = index.Parts[i];
                    _w.Line($"/// <param name=\"{part.ParameterName.TrimStart('@')}\">Index part <c>{part.MemberName}</c>.</param>");
                }

                _w.Line($"public {self} {bound}({IndexBoundParameters(index, depth, count)})");
                _w.Open();
                _w.Line($"SetBound({QueryBound}.{bound}, {IndexBoundArgument(index, depth, count)}, WriteParts{count});");
                _w.Line("return this;");
                _w.Close();
            }
        }

        _w.Line();
        _w.Summary("Reads the range in reverse index order (calling it again restores index order). Returns this query.");
        _w.Open($"public {self} Reverse()");
        _w.Line("SetReverse();");
        _w.Line("return this;");
        _w.Close();

        // The encoders of each run of bound parts, as the index codec writes them (presence byte, then the value).
        for (int count = 1; depth + count <= n; count++)
        {
            _w.Line();
            if (count == 1)
            {
                IndexPartModel part = index.Parts[depth];
                _w.Open($"private static void WriteParts1(ref {KeyWriterType} writer, {part.TypeName} {part.ParameterName})");
                CodecEmitter.EmitWriteIndexPart(_w, part, part.ParameterName, trackNull: false);
                _w.Close();
                continue;
            }

            _w.Open($"private static void WriteParts{count}(ref {KeyWriterType} writer, ({IndexBoundParameters(index, depth, count)}) parts)");
            for (int i = depth; i < depth + count; i++)
            {
                CodecEmitter.EmitWriteIndexPart(_w, index.Parts[i], "parts." + index.Parts[i].ParameterName, trackNull: false);
            }

            _w.Close();
        }

        _w.Close();
    }

    private static readonly (string Name, string Summary)[] s_indexBounds =
    {
        ("From", "Starts the range at the rows whose next index parts equal these, included"),
        ("After", "Starts the range after the rows whose next index parts equal these, excluded"),
        ("To", "Ends the range at the rows whose next index parts equal these, included"),
        ("Before", "Ends the range before the rows whose next index parts equal these, excluded"),
    };

    // Whether a bound on these parts can hold a null (a nullable part).
    private static bool AnyNullable(IndexModel index, int depth, int count)
    {
        for (int i = depth; i < depth + count; i++)
        {
            if (index.Parts[i].TypeName.EndsWith("?", System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string IndexBoundParameters(IndexModel index, int depth, int count)
    {
        List<string> parameters = new();
        for (int i = depth; i < depth + count; i++)
        {
            parameters.Add($"{index.Parts[i].TypeName} {index.Parts[i].ParameterName}");
        }

        return string.Join(", ", parameters);
    }

    private static string IndexBoundArgument(IndexModel index, int depth, int count)
    {
        List<string> arguments = new();
        for (int i = depth; i < depth + count; i++)
        {
            arguments.Add(index.Parts[i].ParameterName);
        }

        return count == 1 ? arguments[0] : "(" + string.Join(", ", arguments) + ")";
    }
}
