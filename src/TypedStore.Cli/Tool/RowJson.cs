using System.Text.Json;
using TypedStore.Cli.Reading;

namespace TypedStore.Cli.Tool;

/// <summary>A row as one JSON object: key parts, then members, then <c>_updated</c> (docs/operations.md, "Value rendering").</summary>
internal static class RowJson
{
    public static void Write(Utf8JsonWriter writer, ToolRow row, string? table = null)
    {
        writer.WriteStartObject();
        if (table is not null)
        {
            writer.WriteString("_table", table);
        }

        foreach (KeyValuePair<string, object?> field in row.KeyParts.Fields.Concat(row.Members.Fields))
        {
            writer.WritePropertyName(field.Key);
            ValueText.WriteJson(writer, field.Value);
        }

        writer.WriteString("_updated", row.Header.Updated);
        writer.WriteEndObject();
    }
}
