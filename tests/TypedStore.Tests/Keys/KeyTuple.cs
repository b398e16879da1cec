using System.Globalization;
using System.Text;

namespace TypedStore.Tests.Keys;

/// <summary>The key part types the order property test mixes.</summary>
public enum KeyPartKind
{
    String,
    Bytes,
    Int64,
    Int32,
    Double,
    Boolean,
    Guid,
    DateTime,
}

/// <summary>One part of a key schema: its type and direction.</summary>
public readonly record struct KeyPartSpec(KeyPartKind Kind, bool Descending);

/// <summary>A key as the user sees it: typed values under a schema.</summary>
public sealed class KeyTuple
{
    public KeyTuple(IReadOnlyList<KeyPartSpec> schema, IReadOnlyList<object> values)
    {
        if (schema.Count != values.Count)
        {
            throw new ArgumentException("One value per schema part.", nameof(values));
        }

        Schema = schema;
        Values = values;
    }

    public IReadOnlyList<KeyPartSpec> Schema { get; }

    public IReadOnlyList<object> Values { get; }

    /// <summary>Readable and unambiguous, for FsCheck's counter-example report.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("(");
        for (int i = 0; i < Values.Count; i++)
        {
            if (i > 0)
            {
                text.Append(", ");
            }

            text.Append(Render(Values[i]));
            if (Schema[i].Descending)
            {
                text.Append(" desc");
            }
        }

        return text.Append(')').ToString();
    }

    private static string Render(object value) => value switch
    {
        string s => "\"" + EscapeString(s) + "\"",
        byte[] b => "bytes[" + Hex.Format(b) + "]",
        double d => double.IsNaN(d)
            ? $"NaN(0x{BitConverter.DoubleToInt64Bits(d):X16})"
            : d.ToString("R", CultureInfo.InvariantCulture) + (d == 0 && double.IsNegative(d) ? "(-0)" : string.Empty),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        int i => i.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        Guid g => g.ToString(),
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture) + " " + t.Kind,
        _ => value.ToString() ?? string.Empty,
    };

    private static string EscapeString(string value)
    {
        var text = new StringBuilder();
        foreach (char c in value)
        {
            if (c is >= ' ' and <= '~' and not '\\' and not '"')
            {
                text.Append(c);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return text.ToString();
    }
}

/// <summary>Two keys under one schema, compared by the order property.</summary>
public sealed record KeyTuplePair(KeyTuple Left, KeyTuple Right)
{
    public override string ToString() => $"{Left} vs {Right}";
}
