using System.Collections.Generic;
using TypedStore.Generators.Model;
using static TypedStore.Generators.Emitting.EmitNames;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// The schema of each table (key parts and stored members, in order, with their types, and which key part is
/// generated), emitted into its descriptor so that opening a store can compare it with the schema and options
/// recorded in the catalog (docs/schema-evolution.md).
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
                // Generated is an init property, set only where true, so tables without a generated part read as before.
                string generated = key.Generated ? " { Generated = true }" : string.Empty;
                keyParts.Add($"new({Literal(key.MemberName)}, {Literal(key.SchemaTypeName)}, {Bool(key.Descending)}){generated}");
            }

            string members = SchemaMembers(table.Values);
            if (table.ObjectTypes.Count == 0)
            {
                _w.Line($"private static readonly {TableSchema} {SchemaField(table)} = new([{string.Join(", ", keyParts)}], {members});");
                continue;
            }

            // Nested records, classes and structs are positional arrays too: their members are part of the schema.
            List<string> objectTypes = new(table.ObjectTypes.Count);
            foreach (ObjectTypeModel type in table.ObjectTypes)
            {
                objectTypes.Add($"new({Literal(type.TypeName.Replace("global::", string.Empty))}, {SchemaMembers(type.Members)})");
            }

            _w.Line($"private static readonly {TableSchema} {SchemaField(table)} = new([{string.Join(", ", keyParts)}], {members}, [{string.Join(", ", objectTypes)}]);");
        }
    }

    private static string SchemaMembers(EquatableArray<MemberModel> members)
    {
        List<string> items = new(members.Count);
        foreach (MemberModel member in members)
        {
            items.Add($"new({Literal(member.Name)}, {Literal(member.SchemaTypeName)})");
        }

        return "[" + string.Join(", ", items) + "]";
    }

    // A cached table's descriptor carries its row cache options (docs/row-cache.md); other tables' lines are unchanged.
    private static string RowCacheInitializer(TableModel table)
    {
        if (table.CacheSize <= 0)
        {
            return string.Empty;
        }

        string size = table.CacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return table.CacheTtlSeconds > 0
            ? $" {{ CacheSize = {size}, CacheTtlSeconds = {table.CacheTtlSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} }}"
            : $" {{ CacheSize = {size} }}";
    }

    private static string SchemaField(TableModel table) => "s_" + char.ToLowerInvariant(table.PropertyName[0]) + table.PropertyName.Substring(1) + "Schema";

    // Names are spelled as declared: a keyword member escaped as @class in code is "class" in the schema.
    private static string Literal(string text) => "\"" + text.TrimStart('@').Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
