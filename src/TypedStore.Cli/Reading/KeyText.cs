using System.Globalization;
using TypedStore.Keys;
using TypedStore.Tables;

namespace TypedStore.Cli.Reading;

/// <summary>Parses a key part given on the command line (invariant culture, ISO 8601 times) and encodes it.</summary>
internal static class KeyText
{
    public static void Write(ref KeyWriter writer, StoredType type, SchemaKeyPart part, string text)
    {
        bool d = part.Descending;
        string scalar = type.Kind is StoredTypeKind.Enum ? type.Scalar : type.Spelling;
        CultureInfo c = CultureInfo.InvariantCulture;
        try
        {
            switch (scalar)
            {
                case "string": writer.WriteString(text, d); break;
                case "byte[]": writer.WriteBytes(Convert.FromHexString(text), d); break;
                case "bool": writer.WriteBoolean(bool.Parse(text), d); break;
                case "byte": writer.WriteByte(byte.Parse(text, c), d); break;
                case "sbyte": writer.WriteSByte(sbyte.Parse(text, c), d); break;
                case "short": writer.WriteInt16(short.Parse(text, c), d); break;
                case "ushort": writer.WriteUInt16(ushort.Parse(text, c), d); break;
                case "int": writer.WriteInt32(int.Parse(text, c), d); break;
                case "uint": writer.WriteUInt32(uint.Parse(text, c), d); break;
                case "long": writer.WriteInt64(long.Parse(text, c), d); break;
                case "ulong": writer.WriteUInt64(ulong.Parse(text, c), d); break;
                case "float": writer.WriteSingle(float.Parse(text, c), d); break;
                case "double": writer.WriteDouble(double.Parse(text, c), d); break;
                case "System.DateTime": writer.WriteDateTime(DateTime.Parse(text, c, DateTimeStyles.RoundtripKind), d); break;
                case "System.DateTimeOffset": writer.WriteDateTimeOffset(DateTimeOffset.Parse(text, c), d); break;
                case "System.DateOnly": writer.WriteDateOnly(DateOnly.Parse(text, c), d); break;
                case "System.TimeSpan": writer.WriteTimeSpan(TimeSpan.Parse(text, c), d); break;
                case "System.Guid": writer.WriteGuid(Guid.Parse(text), d); break;
                default: throw new ArgumentException($"key part '{part.Name}' has type '{type.Spelling}', which this tool cannot parse");
            }
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"key part '{part.Name}' ({part.Type}): '{text}' is not a valid value ({ex.Message})", ex);
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException($"key part '{part.Name}' ({part.Type}): '{text}' is out of range", ex);
        }
    }
}
