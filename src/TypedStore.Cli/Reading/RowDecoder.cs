using System.Buffers.Binary;
using MessagePack;
using TypedStore.Catalog;
using TypedStore.Keys;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Cli.Reading;

/// <summary>
/// Decodes one table's stored keys and values from its catalog schema alone, with no user assembly: key parts by
/// their recorded types (docs/key-encoding.md), members by name from the MessagePack array after the value header
/// (docs/value-format.md), nested records from the schema's object types. Every decode checks it consumed exactly the
/// bytes there were: what does not decode throws <see cref="RowDecodeException"/> naming the part or member.
/// </summary>
internal sealed class RowDecoder
{
    private readonly (SchemaKeyPart Part, StoredType Type)[] _keyParts;
    private readonly (string Name, StoredType Type)[] _members;
    private readonly Dictionary<string, (string Name, StoredType Type)[]> _objects = new(StringComparer.Ordinal);

    public RowDecoder(StoredTable table)
    {
        Table = table;
        TableSchema schema = table.Schema;
        _keyParts = [.. schema.KeyParts.Select(part => (part, StoredType.Parse(part.Type)))];
        _members = [.. schema.Members.Select(member => (member.Name, StoredType.Parse(member.Type)))];
        foreach (SchemaObjectType type in schema.ObjectTypes)
        {
            _objects[type.Type] = [.. type.Members.Select(member => (member.Name, StoredType.Parse(member.Type)))];
        }
    }

    public StoredTable Table { get; }

    /// <summary>The key parts, in key order.</summary>
    public IReadOnlyList<(SchemaKeyPart Part, StoredType Type)> KeyParts => _keyParts;

    /// <summary>The stored members, in value order.</summary>
    public IReadOnlyList<(string Name, StoredType Type)> Members => _members;

    /// <summary>Decodes a full row key into its parts.</summary>
    public DecodedRecord DecodeKey(ReadOnlySpan<byte> key)
    {
        List<KeyValuePair<string, object?>> fields = new(_keyParts.Length);
        KeyReader reader = new(key);
        foreach ((SchemaKeyPart part, StoredType type) in _keyParts)
        {
            try
            {
                fields.Add(new(part.Name, ReadKeyPart(ref reader, type, part.Descending)));
            }
            catch (Exception ex) when (ex is KeyFormatException or ArgumentException or InvalidOperationException)
            {
                throw new RowDecodeException($"key part '{part.Name}' ({part.Type}) does not decode: {ex.Message}", ex);
            }
        }

        if (!reader.IsAtEnd)
        {
            throw new RowDecodeException($"the key has {key.Length - reader.Position} bytes after its last part '{_keyParts[^1].Part.Name}'");
        }

        return new DecodedRecord(fields);
    }

    /// <summary>Decodes a stored value (header and members).</summary>
    public (ValueHeader Header, DecodedRecord Members) DecodeValue(ReadOnlySpan<byte> value)
    {
        if (!ValueEnvelope.TryReadHeader(value, out ValueHeader header))
        {
            throw new RowDecodeException($"the value header is invalid ({value.Length} bytes, version {(value.Length > 0 ? value[0] : -1)})");
        }

        if (header.IsDeleted)
        {
            return (header, new DecodedRecord([]));
        }

        byte[] body = value[ValueEnvelope.HeaderLength..].ToArray();
        MessagePackReader reader = new(body);
        DecodedRecord members;
        try
        {
            members = ReadMembers(ref reader, _members, depth: 0);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new RowDecodeException($"the value does not decode: {ex.Message}", ex);
        }

        if (!reader.End)
        {
            throw new RowDecodeException($"the value has {body.Length - reader.Consumed} bytes after its members");
        }

        return (header, members);
    }

    /// <summary>Encodes key parts given as text (the <c>get</c> command's arguments) into a key.</summary>
    public byte[] EncodeKey(IReadOnlyList<string> parts)
    {
        if (parts.Count != _keyParts.Length)
        {
            throw new ArgumentException($"table '{Table.Name}' has {_keyParts.Length} key part(s) ({string.Join(", ", _keyParts.Select(p => $"{p.Part.Name}: {p.Part.Type}"))}); {parts.Count} given");
        }

        KeyWriter writer = new(stackalloc byte[256]);
        try
        {
            for (int i = 0; i < parts.Count; i++)
            {
                KeyText.Write(ref writer, _keyParts[i].Type, _keyParts[i].Part, parts[i]);
            }

            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static object ReadKeyPart(ref KeyReader reader, StoredType type, bool descending)
    {
        string scalar = type.Kind is StoredTypeKind.Enum ? type.Scalar : type.Spelling;
        return scalar switch
        {
            "string" => reader.ReadString(descending),
            "byte[]" => reader.ReadBytes(descending),
            "bool" => reader.ReadBoolean(descending),
            "byte" => reader.ReadByte(descending),
            "sbyte" => reader.ReadSByte(descending),
            "short" => reader.ReadInt16(descending),
            "ushort" => reader.ReadUInt16(descending),
            "int" => reader.ReadInt32(descending),
            "uint" => reader.ReadUInt32(descending),
            "long" => reader.ReadInt64(descending),
            "ulong" => reader.ReadUInt64(descending),
            "float" => reader.ReadSingle(descending),
            "double" => reader.ReadDouble(descending),
            "System.DateTime" => reader.ReadDateTime(descending),
            "System.DateTimeOffset" => reader.ReadDateTimeOffset(descending),
            "System.DateOnly" => reader.ReadDateOnly(descending),
            "System.TimeSpan" => reader.ReadTimeSpan(descending),
            "System.Guid" => reader.ReadGuid(descending),
            _ => throw new InvalidOperationException($"'{type.Spelling}' is not a key type this tool knows"),
        };
    }

    private DecodedRecord ReadMembers(ref MessagePackReader reader, (string Name, StoredType Type)[] members, int depth)
    {
        if (depth > ValueFormat.MaxDepth)
        {
            throw new RowDecodeException($"the value nests deeper than {ValueFormat.MaxDepth} levels");
        }

        int count = reader.ReadArrayHeader();
        List<KeyValuePair<string, object?>> fields = new(members.Length);
        for (int i = 0; i < members.Length; i++)
        {
            // A shorter array is a row written before members were appended: they read as absent (null).
            object? value = i < count ? ReadMember(ref reader, members[i].Type, members[i].Name, depth) : null;
            fields.Add(new(members[i].Name, value));
        }

        // A longer one was written by a newer schema: the extra elements are skipped, as the generated readers do.
        for (int i = members.Length; i < count; i++)
        {
            reader.Skip();
        }

        return new DecodedRecord(fields);
    }

    private object? ReadMember(ref MessagePackReader reader, StoredType type, string member, int depth)
    {
        try
        {
            if (type.Kind != StoredTypeKind.Nullable && type.Kind != StoredTypeKind.Scalar && reader.TryReadNil())
            {
                return null;
            }

            switch (type.Kind)
            {
                case StoredTypeKind.Nullable:
                    return reader.TryReadNil() ? null : ReadMember(ref reader, type.Arguments[0], member, depth);
                case StoredTypeKind.Enum:
                    return ReadScalar(ref reader, type.Scalar);
                case StoredTypeKind.Scalar:
                    return reader.TryReadNil() ? null : ReadScalar(ref reader, type.Scalar);
                case StoredTypeKind.Collection:
                {
                    int count = reader.ReadArrayHeader();
                    List<object?> items = new(Math.Min(count, 1024));
                    for (int i = 0; i < count; i++)
                    {
                        items.Add(ReadMember(ref reader, type.Arguments[0], member, depth + 1));
                    }

                    return items;
                }

                case StoredTypeKind.Dictionary:
                {
                    int count = reader.ReadMapHeader();
                    List<KeyValuePair<string, object?>> entries = new(Math.Min(count, 1024));
                    for (int i = 0; i < count; i++)
                    {
                        object? key = ReadMember(ref reader, type.Arguments[0], member, depth + 1);
                        object? value = ReadMember(ref reader, type.Arguments[1], member, depth + 1);
                        entries.Add(new(ValueText.Format(key), value));
                    }

                    return new DecodedRecord(entries);
                }

                default:
                    if (_objects.TryGetValue(type.Spelling, out (string Name, StoredType Type)[]? members))
                    {
                        return ReadMembers(ref reader, members, depth + 1);
                    }

                    throw new RowDecodeException($"member '{member}' has type '{type.Spelling}', which the schema does not describe");
            }
        }
        catch (RowDecodeException)
        {
            throw;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or InvalidOperationException or OverflowException or ArgumentException)
        {
            throw new RowDecodeException($"member '{member}' ({type.Spelling}) does not decode: {ex.Message}", ex);
        }
    }

    private static object ReadScalar(ref MessagePackReader reader, string scalar)
    {
        switch (scalar)
        {
            case "string":
                return reader.ReadString() ?? string.Empty;
            case "char":
                return reader.ReadChar();
            case "bool":
                return reader.ReadBoolean();
            case "byte":
                return reader.ReadByte();
            case "sbyte":
                return reader.ReadSByte();
            case "short":
                return reader.ReadInt16();
            case "ushort":
                return reader.ReadUInt16();
            case "int":
                return reader.ReadInt32();
            case "uint":
                return reader.ReadUInt32();
            case "long":
                return reader.ReadInt64();
            case "ulong":
                return reader.ReadUInt64();
            case "float":
                return reader.ReadSingle();
            case "double":
                return reader.ReadDouble();
            case "byte[]":
                return ReadBin(ref reader, -1);
            case "decimal":
            {
                byte[] bits = ReadBin(ref reader, 16);
                return new decimal([
                    BinaryPrimitives.ReadInt32LittleEndian(bits), BinaryPrimitives.ReadInt32LittleEndian(bits.AsSpan(4)),
                    BinaryPrimitives.ReadInt32LittleEndian(bits.AsSpan(8)), BinaryPrimitives.ReadInt32LittleEndian(bits.AsSpan(12))]);
            }

            case "System.Guid":
                return new Guid(ReadBin(ref reader, 16), bigEndian: true);
            case "System.DateTime":
                return DateTime.FromBinary(reader.ReadInt64());
            case "System.DateTimeOffset":
            {
                if (reader.ReadArrayHeader() != 2)
                {
                    throw new InvalidOperationException("a DateTimeOffset is an array of 2");
                }

                long ticks = reader.ReadInt64();
                short minutes = reader.ReadInt16();
                return new DateTimeOffset(ticks, TimeSpan.FromMinutes(minutes));
            }

            case "System.DateOnly":
                return DateOnly.FromDayNumber(reader.ReadInt32());
            case "System.TimeOnly":
                return new TimeOnly(reader.ReadInt64());
            case "System.TimeSpan":
                return new TimeSpan(reader.ReadInt64());
            default:
                throw new InvalidOperationException($"'{scalar}' is not a value type this tool knows");
        }
    }

    private static byte[] ReadBin(ref MessagePackReader reader, int length)
    {
        System.Buffers.ReadOnlySequence<byte>? bytes = reader.ReadBytes();
        if (bytes is null)
        {
            throw new InvalidOperationException("nil where bytes were expected");
        }

        byte[] array = System.Buffers.BuffersExtensions.ToArray(bytes.Value);
        if (length >= 0 && array.Length != length)
        {
            throw new InvalidOperationException($"{array.Length} bytes where {length} were expected");
        }

        return array;
    }
}
