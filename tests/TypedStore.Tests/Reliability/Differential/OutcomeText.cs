using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// Renders what an operation returned as canonical text, so two engines' results compare as strings and a
/// disagreement prints readably. Rows are rendered member by member (public properties, in declaration order), so
/// records with array or list members compare by content, not by reference; doubles keep NaN and -0 apart; dates keep
/// their ticks and kind; strings show control characters and U+FFFF escaped; lazy sequences are enumerated here.
/// </summary>
internal static class OutcomeText
{
    private static readonly Dictionary<Type, PropertyInfo[]> Members = [];

    /// <summary>The canonical text of <paramref name="value"/>.</summary>
    public static string Of(object? value)
    {
        var text = new StringBuilder();
        Append(text, value, depth: 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, object? value, int depth)
    {
        if (depth > 16)
        {
            throw new InvalidOperationException("The value nests deeper than any row of the differential store.");
        }

        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                AppendString(text, s);
                return;
            case byte[] bytes:
                text.Append("0x").Append(Convert.ToHexString(bytes));
                return;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture)).Append(double.IsNegative(d) && d == 0 ? "(-0)" : "");
                return;
            case float f:
                text.Append(f.ToString("R", CultureInfo.InvariantCulture)).Append(float.IsNegative(f) && f == 0 ? "(-0)" : "");
                return;
            case DateTime dt:
                text.Append(dt.Ticks.ToString(CultureInfo.InvariantCulture)).Append(':').Append(dt.Kind);
                return;
            case DateTimeOffset dto:
                text.Append(dto.UtcTicks.ToString(CultureInfo.InvariantCulture)).Append('@').Append(dto.Offset.Ticks.ToString(CultureInfo.InvariantCulture));
                return;
            case Enum e:
                text.Append(e.GetType().Name).Append('.').Append(e.ToString());
                return;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal || value is Guid || value is DateOnly || value is TimeSpan:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case ITuple tuple:
                text.Append('(');
                for (int i = 0; i < tuple.Length; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Append(text, tuple[i], depth + 1);
                }

                text.Append(')');
                return;
            case IEnumerable sequence:
                text.Append('[');
                bool first = true;
                foreach (object? item in sequence)
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    Append(text, item, depth + 1);
                }

                text.Append(']');
                return;
            default:
                AppendMembers(text, value, depth);
                return;
        }
    }

    private static void AppendMembers(StringBuilder text, object value, int depth)
    {
        Type type = value.GetType();
        text.Append(type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name).Append('{');
        PropertyInfo[] members = MembersOf(type);
        for (int i = 0; i < members.Length; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(members[i].Name).Append('=');
            Append(text, members[i].GetValue(value), depth + 1);
        }

        text.Append('}');
    }

    private static PropertyInfo[] MembersOf(Type type)
    {
        lock (Members)
        {
            if (!Members.TryGetValue(type, out PropertyInfo[]? members))
            {
                members = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                    .Where(p => p.GetIndexParameters().Length == 0)
                    .OrderBy(p => p.MetadataToken)
                    .ToArray();
                Members[type] = members;
            }

            return members;
        }
    }

    private static void AppendString(StringBuilder text, string s)
    {
        text.Append('"');
        if (s.Length > 40 && s.AsSpan().IndexOfAnyExcept(s[0]) < 0)
        {
            // The long keys of the vocabulary are one character repeated: say so instead of printing it.
            text.Append(s[0]).Append(" x").Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append('"');
            return;
        }

        foreach (char c in s)
        {
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7F)
            {
                text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        text.Append('"');
    }
}
