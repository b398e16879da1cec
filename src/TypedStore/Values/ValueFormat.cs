using System.Buffers;
using MessagePack;
using TypedStore.Time;

namespace TypedStore.Values;

/// <summary>
/// MessagePack encodings of the value types MessagePack has no single native form for, called by generated
/// formatters (docs/value-format.md lists every type's encoding). Each pair round-trips exactly.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
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

    /// <summary>
    /// Writes a <see cref="DateTime"/> in <see cref="DateTime.ToBinary"/>'s format: ticks and kind survive the round
    /// trip, and a <see cref="DateTimeKind.Local"/> value is stored as its UTC instant with the Local flag.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="value"/> is a local time that does not convert to exactly one UTC instant (outside
    /// <see cref="DateTime"/>'s range once converted, or skipped by a daylight-saving change): <c>ToBinary</c> would
    /// store another instant.
    /// </exception>
    public static void WriteDateTime(ref ValueWriter writer, DateTime value)
    {
        if (value.Kind != DateTimeKind.Local)
        {
            writer.Write(value.ToBinary());
            return;
        }

        writer.Write(LocalBinaryFlag | LocalTimeConversion.ToUtcTicks(value, TimeZoneInfo.Local, "A DateTime value"));
    }

    /// <summary>
    /// Reads a <see cref="DateTime"/> written by <see cref="WriteDateTime"/> (a Local value is converted to this
    /// machine's zone, keeping which instant an ambiguous local time is).
    /// </summary>
    /// <exception cref="MessagePackSerializationException">
    /// A Local value whose instant this machine's zone cannot show as a <see cref="DateTime"/> (e.g. 0001-01-01T03:00Z
    /// west of UTC): <c>FromBinary</c> would wrap it onto another day.
    /// </exception>
    public static DateTime ReadDateTime(ref MessagePackReader reader)
    {
        long data = reader.ReadInt64();
        if (data < 0)
        {
            RequireLocalTimeInRange(data);
        }

        return DateTime.FromBinary(data);
    }

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

    // ToBinary's Local format: the top bit set, UTC ticks below; instants before year 1 (written by ToBinary before
    // it was refused) were stored as TicksCeiling + ticks.
    private const long LocalBinaryFlag = long.MinValue;
    private const long BinaryTicksMask = 0x3FFF_FFFF_FFFF_FFFF;
    private const long BinaryTicksCeiling = 0x4000_0000_0000_0000;

    private static void RequireLocalTimeInRange(long data)
    {
        long utcTicks = data & BinaryTicksMask;
        if (utcTicks > BinaryTicksCeiling - TimeSpan.TicksPerDay)
        {
            utcTicks -= BinaryTicksCeiling;
        }

        if (LocalTimeConversion.ToLocalTicks(utcTicks, TimeZoneInfo.Local) is null)
        {
            throw new MessagePackSerializationException(
                $"A DateTimeKind.Local value stored as the instant of {utcTicks} UTC ticks cannot be shown as a local time in this machine's " +
                $"time zone ('{TimeZoneInfo.Local.Id}'): it falls outside DateTime's range there. Read it in the zone it was written in.");
        }
    }
}
