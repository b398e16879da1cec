using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>Every read method of <see cref="KeyReader"/>, addressable by number, for table-driven tests.</summary>
internal static class KeyReaderOperations
{
    public const int Count = 19;

    public static string Name(int operation) => operation switch
    {
        0 => "ReadString", 1 => "ReadBytes", 2 => "SkipString", 3 => "ReadBoolean", 4 => "ReadByte", 5 => "ReadSByte",
        6 => "ReadInt16", 7 => "ReadUInt16", 8 => "ReadInt32", 9 => "ReadUInt32", 10 => "ReadInt64", 11 => "ReadUInt64",
        12 => "ReadSingle", 13 => "ReadDouble", 14 => "ReadDateTime", 15 => "ReadDateTimeOffset", 16 => "ReadDateOnly",
        17 => "ReadTimeSpan", 18 => "ReadGuid",
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    public static void Run(ref KeyReader reader, int operation, bool descending)
    {
        switch (operation)
        {
            case 0: _ = reader.ReadString(descending); break;
            case 1: _ = reader.ReadBytes(descending); break;
            case 2: reader.SkipString(descending); break;
            case 3: _ = reader.ReadBoolean(descending); break;
            case 4: _ = reader.ReadByte(descending); break;
            case 5: _ = reader.ReadSByte(descending); break;
            case 6: _ = reader.ReadInt16(descending); break;
            case 7: _ = reader.ReadUInt16(descending); break;
            case 8: _ = reader.ReadInt32(descending); break;
            case 9: _ = reader.ReadUInt32(descending); break;
            case 10: _ = reader.ReadInt64(descending); break;
            case 11: _ = reader.ReadUInt64(descending); break;
            case 12: _ = reader.ReadSingle(descending); break;
            case 13: _ = reader.ReadDouble(descending); break;
            case 14: _ = reader.ReadDateTime(descending); break;
            case 15: _ = reader.ReadDateTimeOffset(descending); break;
            case 16: _ = reader.ReadDateOnly(descending); break;
            case 17: _ = reader.ReadTimeSpan(descending); break;
            case 18: _ = reader.ReadGuid(descending); break;
            default: throw new ArgumentOutOfRangeException(nameof(operation));
        }
    }
}
