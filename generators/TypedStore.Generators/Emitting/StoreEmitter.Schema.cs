using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// The schema of each table (key parts and stored members, in order, with their types), emitted into its
/// descriptor so that opening a store can compare it with the schema recorded in the catalog
/// (docs/schema-evolution.md).
/// </summary>
internal sealed partial class StoreEmitter
{
    private const string TableSchema = "global::TypedStore.Tables.TableSchema";

    private void EmitSchemaFields()
    {
        foreach (TableModel table in _tables)
        {
            List<string> keyParts = new(table.Keys.Count);
            foreach (KeyPartModel key in table.Keys)
            {
                keyParts.Add($"new({Literal(key.MemberName)}, {Literal(key.SchemaTypeName)}, {Bool(key.Descending)})");
            }

            List<string> members = new(table.Values.Count);
            foreach (MemberModel member in table.Values)
            {
                members.Add($"new({Literal(member.Name)}, {Literal(member.SchemaTypeName)})");
            }

            _w.Line($"private static readonly {TableSchema} {SchemaField(table)} = new([{string.Join(", ", keyParts)}], [{string.Join(", ", members)}]);");
        }
    }

    private static string SchemaField(TableModel table) => "s_" + char.ToLowerInvariant(table.PropertyName[0]) + table.PropertyName.Substring(1) + "Schema";

    private static string Literal(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
