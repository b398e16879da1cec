using System.Buffers.Binary;

namespace TypedStore.Values;

/// <summary>
/// The fixed header in front of every stored value (docs/value-format.md): byte 0 the format version,
/// byte 1 flags, bytes 2..9 the <c>_updated</c> time as UTC ticks (int64, little-endian); the row's non-key
/// members follow as one MessagePack array.
/// </summary>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class ValueEnvelope
{
    /// <summary>The only format version this build writes and reads.</summary>
    public const byte FormatVersion = 1;

    /// <summary>Length of the header in bytes.</summary>
    public const int HeaderLength = 10;

    /// <summary>Writes a header into the first <see cref="HeaderLength"/> bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, ValueFlags flags, long updatedUtcTicks)
    {
        if (destination.Length < HeaderLength)
        {
            throw new ArgumentException($"A value header needs {HeaderLength} bytes.", nameof(destination));
        }

        destination[0] = FormatVersion;
        destination[1] = (byte)flags;
        BinaryPrimitives.WriteInt64LittleEndian(destination[2..], updatedUtcTicks);
    }

    /// <summary>
    /// Reads the header of a stored value. Returns <see langword="false"/> when the bytes are not a value this
    /// build understands (too short, unknown version, unknown flags, ticks out of range).
    /// </summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> value, out ValueHeader header)
    {
        header = default;
        if (value.Length < HeaderLength || value[0] != FormatVersion || (value[1] & ~(int)ValueFlags.All) != 0)
        {
            return false;
        }

        long ticks = BinaryPrimitives.ReadInt64LittleEndian(value[2..]);
        if ((ulong)ticks > (ulong)DateTime.MaxValue.Ticks)
        {
            return false;
        }

        header = new ValueHeader((ValueFlags)value[1], ticks);
        return true;
    }
}
