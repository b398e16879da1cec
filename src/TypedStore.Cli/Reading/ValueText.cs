using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TypedStore.Cli.Reading;

/// <summary>Renders decoded values: one line of text for tables, JSON for dumps and exports (docs/operations.md, "Value rendering").</summary>
internal static class ValueText
{
    /// <summary>A value as text: invariant culture, ISO 8601 round-trip times, bytes as hex, records as JSON.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string text => text,
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("O", CultureInfo.InvariantCulture),
        TimeOnly time => time.ToString("O", CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        DecodedRecord or List<object?> => ToJson(value),
        _ => value.ToString() ?? string.Empty,
    };

    public static string ToJson(object? value)
    {
        using MemoryStream stream = new();
        using (Utf8JsonWriter writer = new(stream))
        {
            WriteJson(writer, value);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes a value as JSON: numbers as numbers (non-finite floats as strings), 64-bit integers as numbers.</summary>
    public static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case byte n: writer.WriteNumberValue(n); break;
            case sbyte n: writer.WriteNumberValue(n); break;
            case short n: writer.WriteNumberValue(n); break;
            case ushort n: writer.WriteNumberValue(n); break;
            case int n: writer.WriteNumberValue(n); break;
            case uint n: writer.WriteNumberValue(n); break;
            case long n: writer.WriteNumberValue(n); break;
            case ulong n: writer.WriteNumberValue(n); break;
            case decimal n: writer.WriteNumberValue(n); break;
            case float n when float.IsFinite(n): writer.WriteNumberValue(n); break;
            case double n when double.IsFinite(n): writer.WriteNumberValue(n); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case Guid guid: writer.WriteStringValue(guid); break;
            case DecodedRecord record:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> field in record.Fields)
                {
                    writer.WritePropertyName(field.Key);
                    WriteJson(writer, field.Value);
                }

                writer.WriteEndObject();
                break;
            case List<object?> items:
                writer.WriteStartArray();
                foreach (object? item in items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Format(value)); break;
        }
    }
}
