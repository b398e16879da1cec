using System.Buffers;
using MessagePack;

namespace TypedStore.Values;

/// <summary>
/// MessagePack encodings of the value types MessagePack has no single native form for, called by generated
/// formatters (docs/value-format.md lists every type's encoding). Each pair round-trips exactly.
/// </summary>
public static class ValueFormat
{
    /// <summary>
    /// How deeply nested objects may be: deep enough for any real model, shallow enough that a cyclic object
    /// graph (on write) or hostile bytes (on read) fail with an exception instead of overflowing the stack.
    /// </summary>
    public const int MaxDepth = 128;

    private const int GuidLength = 16;
    private const int DecimalLength = 16;

    /// <summary>Writes a <see cref="Guid"/> as a 16-byte bin in RFC 9562 (big-endian) byte order.</summary>
    public static void WriteGuid(ref ValueWriter writer, Guid value)
    {
        writer.WriteBinHeader(GuidLength);
        Span<byte> destination = writer.GetSpan(GuidLength);
        value.TryWriteBytes(destination, bigEndian: true, out _);
        writer.Advance(GuidLength);
    }

    /// <summary>Reads a <see cref="Guid"/> written by <see cref="WriteGuid"/>.</summary>
    public static Guid ReadGuid(ref MessagePackReader reader)
    {
        ReadOnlySequence<byte> bytes = ReadFixedBin(ref reader, GuidLength, "Guid");
        if (bytes.IsSingleSegment)
        {
            return new Guid(bytes.FirstSpan, bigEndian: true);
        }

        Span<byte> copy = stackalloc byte[GuidLength];
        bytes.CopyTo(copy);
        return new Guid(copy, bigEndian: true);
    }

    /// <summary>Writes a <see cref="DateTime"/> as <see cref="DateTime.ToBinary"/>: ticks and kind survive the round trip.</summary>
    public static void WriteDateTime(ref ValueWriter writer, DateTime value) => writer.Write(value.ToBinary());

    /// <summary>Reads a <see cref="DateTime"/> written by <see cref="WriteDateTime"/> (a Local value is converted to this machine's zone).</summary>
    public static DateTime ReadDateTime(ref MessagePackReader reader) => DateTime.FromBinary(reader.ReadInt64());

    /// <summary>Writes a <see cref="DateTimeOffset"/> as a two-element array: local clock ticks, offset in minutes.</summary>
    public static void WriteDateTimeOffset(ref ValueWriter writer, DateTimeOffset value)
    {
        writer.WriteArrayHeader(2);
        writer.Write(value.Ticks);
        writer.Write((short)value.TotalOffsetMinutes);
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> written by <see cref="WriteDateTimeOffset"/>.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref MessagePackReader reader)
    {
        int count = reader.ReadArrayHeader();
        if (count != 2)
        {
            throw new MessagePackSerializationException($"A DateTimeOffset is a 2-element array, found {count} elements.");
        }

        long ticks = reader.ReadInt64();
        short offsetMinutes = reader.ReadInt16();
        return new DateTimeOffset(ticks, TimeSpan.FromMinutes(offsetMinutes));
    }

    /// <summary>Writes a <see cref="DateOnly"/> as its day number.</summary>
    public static void WriteDateOnly(ref ValueWriter writer, DateOnly value) => writer.Write(value.DayNumber);

    /// <summary>Reads a <see cref="DateOnly"/> written by <see cref="WriteDateOnly"/>.</summary>
    public static DateOnly ReadDateOnly(ref MessagePackReader reader) => DateOnly.FromDayNumber(reader.ReadInt32());

    /// <summary>Writes a <see cref="TimeOnly"/> as its ticks.</summary>
    public static void WriteTimeOnly(ref ValueWriter writer, TimeOnly value) => writer.Write(value.Ticks);

    /// <summary>Reads a <see cref="TimeOnly"/> written by <see cref="WriteTimeOnly"/>.</summary>
    public static TimeOnly ReadTimeOnly(ref MessagePackReader reader) => new(reader.ReadInt64());

    /// <summary>Writes a <see cref="TimeSpan"/> as its ticks.</summary>
    public static void WriteTimeSpan(ref ValueWriter writer, TimeSpan value) => writer.Write(value.Ticks);

    /// <summary>Reads a <see cref="TimeSpan"/> written by <see cref="WriteTimeSpan"/>.</summary>
    public static TimeSpan ReadTimeSpan(ref MessagePackReader reader) => new(reader.ReadInt64());

    /// <summary>Writes a <see cref="decimal"/> as a 16-byte bin: its four 32-bit parts (<see cref="decimal.GetBits(decimal)"/>), little-endian.</summary>
    public static void WriteDecimal(ref ValueWriter writer, decimal value)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(value, parts);
        writer.WriteBinHeader(DecimalLength);
        Span<byte> destination = writer.GetSpan(DecimalLength);
        for (int i = 0; i < parts.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[(i * 4)..], parts[i]);
        }

        writer.Advance(DecimalLength);
    }

    /// <summary>Reads a <see cref="decimal"/> written by <see cref="WriteDecimal"/>.</summary>
    public static decimal ReadDecimal(ref MessagePackReader reader)
    {
        ReadOnlySequence<byte> bytes = ReadFixedBin(ref reader, DecimalLength, "decimal");
        Span<byte> raw = stackalloc byte[DecimalLength];
        bytes.CopyTo(raw);
        Span<int> parts = stackalloc int[4];
        for (int i = 0; i < parts.Length; i++)
        {
            parts[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]);
        }

        return new decimal(parts);
    }

    /// <summary>Reads a bin written by <see cref="ValueWriter.Write(byte[])"/>; <see langword="null"/> for nil.</summary>
    public static byte[]? ReadByteArray(ref MessagePackReader reader)
    {
        ReadOnlySequence<byte>? bytes = reader.ReadBytes();
        return bytes.HasValue ? bytes.Value.ToArray() : null;
    }

    /// <summary>Throws when an object being written is nested deeper than <see cref="MaxDepth"/> (a cyclic object graph).</summary>
    public static void CheckWriteDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InvalidOperationException($"The row nests objects more than {MaxDepth} levels deep; does it contain a cycle?");
        }
    }

    /// <summary>Throws when stored bytes nest objects deeper than <see cref="MaxDepth"/> (they cannot come from a valid write).</summary>
    public static void CheckReadDepth(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new MessagePackSerializationException($"The stored value nests objects more than {MaxDepth} levels deep.");
        }
    }

    /// <summary>Skips array elements a newer schema appended, so older code reads newer rows.</summary>
    public static void SkipElements(ref MessagePackReader reader, int count)
    {
        for (int i = 0; i < count; i++)
        {
            reader.Skip();
        }
    }

    private static ReadOnlySequence<byte> ReadFixedBin(ref MessagePackReader reader, int length, string typeName)
    {
        ReadOnlySequence<byte>? bytes = reader.ReadBytes();
        if (!bytes.HasValue || bytes.Value.Length != length)
        {
            throw new MessagePackSerializationException($"A {typeName} is a {length}-byte bin.");
        }

        return bytes.Value;
    }
}
