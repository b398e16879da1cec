using System.Buffers.Binary;
using System.Text;

namespace TypedStore.Ycsb.Model;

/// <summary>
/// The value bytes of the key-value contenders (RocksDbSharp, FASTER, LightningDB): the ten fields, each as a 2-byte
/// little-endian length and its UTF-8 bytes — what a careful user of a byte store writes by hand (YCSB's own RocksDB
/// binding stores length-prefixed fields the same way, plus field names). Decoding builds the same record type the
/// typed store returns, so every contender hands back a row of ten strings.
/// </summary>
internal static class UsertableCodec
{
    /// <summary>Upper bound of an encoded row (ASCII fields encode 1:1; room for any UTF-8).</summary>
    public const int MaxValueBytes = RowFactory.FieldCount * (2 + (RowFactory.FieldLength * 3));

    /// <summary>Upper bound of an encoded key.</summary>
    public const int MaxKeyBytes = 64;

    public static int EncodeKey(string key, Span<byte> destination) => Encoding.UTF8.GetBytes(key, destination);

    public static int Encode(Usertable row, Span<byte> destination)
    {
        int at = 0;
        at += WriteField(row.Field0, destination[at..]);
        at += WriteField(row.Field1, destination[at..]);
        at += WriteField(row.Field2, destination[at..]);
        at += WriteField(row.Field3, destination[at..]);
        at += WriteField(row.Field4, destination[at..]);
        at += WriteField(row.Field5, destination[at..]);
        at += WriteField(row.Field6, destination[at..]);
        at += WriteField(row.Field7, destination[at..]);
        at += WriteField(row.Field8, destination[at..]);
        at += WriteField(row.Field9, destination[at..]);
        return at;
    }

    /// <summary>Decodes a value; a value that is not ten length-prefixed fields throws (the run then fails as a wrong read).</summary>
    public static Usertable Decode(string key, ReadOnlySpan<byte> value)
    {
        string f0 = ReadField(ref value), f1 = ReadField(ref value), f2 = ReadField(ref value), f3 = ReadField(ref value), f4 = ReadField(ref value);
        string f5 = ReadField(ref value), f6 = ReadField(ref value), f7 = ReadField(ref value), f8 = ReadField(ref value), f9 = ReadField(ref value);
        if (!value.IsEmpty)
        {
            throw new InvalidDataException($"value of '{key}' has {value.Length} bytes after its ten fields");
        }

        return new Usertable(key, f0, f1, f2, f3, f4, f5, f6, f7, f8, f9);
    }

    private static int WriteField(string field, Span<byte> destination)
    {
        int length = Encoding.UTF8.GetBytes(field, destination[2..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination, (ushort)length);
        return 2 + length;
    }

    private static string ReadField(ref ReadOnlySpan<byte> value)
    {
        if (value.Length < 2)
        {
            throw new InvalidDataException("value ends inside a field header");
        }

        int length = BinaryPrimitives.ReadUInt16LittleEndian(value);
        if (value.Length < 2 + length)
        {
            throw new InvalidDataException("value ends inside a field");
        }

        string field = Encoding.UTF8.GetString(value.Slice(2, length));
        value = value[(2 + length)..];
        return field;
    }
}
