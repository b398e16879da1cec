using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <content>
/// The codecs of a table's indexes (runtime: <c>Features/Indexes</c>): per <c>[Index]</c> a struct implementing
/// <c>IIndexCodec&lt;TRow&gt;</c> with static members (the entry prefix of a row: user id on User tables, then the parts,
/// each nullable part and every string or byte[] behind a presence byte; the rendering of a row's parts for messages)
/// and one prefix writer per leading subset of the parts for <c>Scan</c>/<c>Count</c>/<c>Get</c>. Also the index
/// arguments of the table's descriptor and core, which the store file writes.
/// </content>
internal sealed partial class CodecEmitter
{
    private const string IndexesNamespace = "global::TypedStore.Features.Indexes.";

    public static string IndexCodecTypeName(TableModel table, IndexModel index) => table.PropertyName + index.PropertyName + "IndexCodec";

    /// <summary>The descriptor's <c>indexes:</c> argument (with its leading comma); empty for a table without indexes.</summary>
    public static string IndexDescriptorArgument(TableModel table)
    {
        if (!table.HasIndexes)
        {
            return string.Empty;
        }

        List<string> indexes = new();
        foreach (IndexModel index in table.Indexes)
        {
            List<string> members = new();
            foreach (IndexPartModel part in index.Parts)
            {
                members.Add("\"" + part.MemberName.TrimStart('@') + "\"");
            }

            indexes.Add($"new global::TypedStore.Tables.IndexDescriptor(\"{index.Name}\", unique: {(index.Unique ? "true" : "false")}, members: new string[] {{ {string.Join(", ", members)} }})");
        }

        return ", indexes: new global::TypedStore.Tables.IndexDescriptor[] { " + string.Join(", ", indexes) + " }";
    }

    /// <summary>The table core's <c>indexes:</c> argument (with its leading comma); empty for a table without indexes.</summary>
    public static void AddIndexCoreArgument(TableModel table, List<string> arguments)
    {
        if (!table.HasIndexes)
        {
            return;
        }

        List<string> indexes = new();
        foreach (IndexModel index in table.Indexes)
        {
            indexes.Add($"new {IndexesNamespace}TableIndex<{table.TypeName}, {IndexCodecTypeName(table, index)}>()");
        }

        arguments.Add($"indexes: new {IndexesNamespace}TableIndex<{table.TypeName}>[] {{ {string.Join(", ", indexes)} }}");
    }

    public void EmitIndexCodecs(IndentedWriter w, TableModel table)
    {
        foreach (IndexModel index in table.Indexes)
        {
            w.Line();
            EmitIndexCodec(w, table, index);
        }
    }

    private static void EmitIndexCodec(IndentedWriter w, TableModel table, IndexModel index)
    {
        string row = table.TypeName;
        w.Summary($"Encodes the entries of index \"{index.Name}\" of table \"{table.TableName}\" (docs/indexes.md).");
        w.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        w.Open($"internal readonly struct {IndexCodecTypeName(table, index)} : {IndexesNamespace}IIndexCodec<{row}>");
        w.Line($"public static string Name => \"{index.Name}\";");
        w.Line();
        w.Open($"public static bool WriteEntryPrefix(ref {KeyWriter} writer, {row} row)");
        w.Line("bool hasNull = false;");
        if (table.IsUserTable)
        {
            w.Line(WriteKeyPart(table.Keys[0], "row." + table.Keys[0].MemberName));
        }

        foreach (IndexPartModel part in index.Parts)
        {
            EmitWriteIndexPart(w, part, "row." + part.MemberName, trackNull: true);
        }

        w.Line("return hasNull;");
        w.Close();
        w.Line();
        List<string> rendered = new();
        foreach (IndexPartModel part in index.Parts)
        {
            rendered.Add($"{IndexesNamespace}IndexValues.Format(row.{part.MemberName})");
        }

        string renderedParts = rendered.Count == 1 ? rendered[0] : $"\"(\" + {string.Join(" + \", \" + ", rendered)} + \")\"";
        w.Line($"public static string Render({row} row) => {renderedParts};");

        // Prefix writers: the user id alone (User tables), then each leading subset of the parts after it.
        List<(string Type, string Name, IndexPartModel? Part)> parameters = new();
        if (table.IsUserTable)
        {
            parameters.Add((table.Keys[0].TypeName, table.Keys[0].ParameterName, null));
            w.Line();
            w.Line($"public static void WritePrefix(ref {KeyWriter} writer, {table.Keys[0].TypeName} {table.Keys[0].ParameterName}) => {WriteKeyPart(table.Keys[0], table.Keys[0].ParameterName)}");
        }

        foreach (IndexPartModel part in index.Parts)
        {
            parameters.Add((part.TypeName, part.ParameterName, part));
            w.Line();
            if (parameters.Count == 1)
            {
                w.Open($"public static void WritePrefix(ref {KeyWriter} writer, {part.TypeName} {part.ParameterName})");
                EmitWriteIndexPart(w, part, part.ParameterName, trackNull: false);
                w.Close();
                continue;
            }

            List<string> tuple = new();
            foreach ((string type, string name, IndexPartModel? _) in parameters)
            {
                tuple.Add(type + " " + name);
            }

            w.Open($"public static void WritePrefix(ref {KeyWriter} writer, ({string.Join(", ", tuple)}) parts)");
            foreach ((string _, string name, IndexPartModel? tuplePart) in parameters)
            {
                if (tuplePart is null)
                {
                    w.Line(WriteKeyPart(table.Keys[0], "parts." + name));
                }
                else
                {
                    EmitWriteIndexPart(w, tuplePart, "parts." + name, trackNull: false);
                }
            }

            w.Close();
        }

        w.Close();
    }

    // One part: a presence byte first when it can be null (0 null, 1 a value), then its key encoding.
    internal static void EmitWriteIndexPart(IndentedWriter w, IndexPartModel part, string expression, bool trackNull)
    {
        string value = part.IsNullableValueType ? expression + ".Value" : expression;
        string cast = part.EnumUnderlyingType is null ? value : $"({part.EnumUnderlyingType}){value}";
        string write = $"writer.Write{part.Encoding}({cast});";
        if (!part.HasPresenceByte)
        {
            w.Line(write);
            return;
        }

        w.Open($"if ({expression} is null)");
        w.Line("writer.WriteByte(0);");
        if (trackNull)
        {
            w.Line("hasNull = true;");
        }

        w.Close();
        w.Open("else");
        w.Line("writer.WriteByte(1);");
        w.Line(write);
        w.Close();
    }
}
