using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>Encodes and decodes a <see cref="KeyTuple"/> through the codec under test, as generated code would.</summary>
public static class KeyTupleCodec
{
    public static byte[] Encode(KeyTuple tuple)
    {
        var writer = new KeyWriter(stackalloc byte[64]);
        try
        {
            for (int i = 0; i < tuple.Values.Count; i++)
            {
                bool descending = tuple.Schema[i].Descending;
                object value = tuple.Values[i];
                switch (tuple.Schema[i].Kind)
                {
                    case KeyPartKind.String: writer.WriteString((string)value, descending); break;
                    case KeyPartKind.Bytes: writer.WriteBytes((byte[])value, descending); break;
                    case KeyPartKind.Int64: writer.WriteInt64((long)value, descending); break;
                    case KeyPartKind.Int32: writer.WriteInt32((int)value, descending); break;
                    case KeyPartKind.Double: writer.WriteDouble((double)value, descending); break;
                    case KeyPartKind.Boolean: writer.WriteBoolean((bool)value, descending); break;
                    case KeyPartKind.Guid: writer.WriteGuid((Guid)value, descending); break;
                    case KeyPartKind.DateTime: writer.WriteDateTime((DateTime)value, descending); break;
                    default: throw new ArgumentOutOfRangeException(nameof(tuple));
                }
            }

            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    public static KeyTuple Decode(IReadOnlyList<KeyPartSpec> schema, byte[] key)
    {
        var reader = new KeyReader(key);
        var values = new object[schema.Count];
        for (int i = 0; i < schema.Count; i++)
        {
            bool descending = schema[i].Descending;
            values[i] = schema[i].Kind switch
            {
                KeyPartKind.String => reader.ReadString(descending),
                KeyPartKind.Bytes => reader.ReadBytes(descending),
                KeyPartKind.Int64 => reader.ReadInt64(descending),
                KeyPartKind.Int32 => reader.ReadInt32(descending),
                KeyPartKind.Double => reader.ReadDouble(descending),
                KeyPartKind.Boolean => reader.ReadBoolean(descending),
                KeyPartKind.Guid => reader.ReadGuid(descending),
                KeyPartKind.DateTime => reader.ReadDateTime(descending),
                _ => throw new ArgumentOutOfRangeException(nameof(schema)),
            };
        }

        if (!reader.IsAtEnd)
        {
            throw new InvalidOperationException($"{key.Length - reader.Position} bytes left after the last part.");
        }

        return new KeyTuple(schema, values);
    }
}
