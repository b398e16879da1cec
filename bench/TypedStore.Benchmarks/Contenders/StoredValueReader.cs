using MessagePack;
using TypedStore.Values;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// What a hand-written reader of TypedStore's value format does first, exactly as the typed layer does it:
/// validate the envelope header and copy the value into a reusable buffer, because
/// <see cref="MessagePackReader"/> reads memory, not the native span an engine hands out.
/// </summary>
internal sealed class StoredValueReader
{
    private byte[] _buffer = new byte[512];

    /// <summary>A reader over the row's MessagePack array, read from a copy of <paramref name="value"/>; throws when the header is invalid or marks the row deleted.</summary>
    public MessagePackReader Open(ReadOnlySpan<byte> value)
    {
        ThrowIfNotLive(value);
        if (_buffer.Length < value.Length)
        {
            _buffer = new byte[Math.Max(value.Length, _buffer.Length * 2)];
        }

        value.CopyTo(_buffer);
        return new MessagePackReader(_buffer.AsMemory(ValueEnvelope.HeaderLength, value.Length - ValueEnvelope.HeaderLength));
    }

    /// <summary>A reader over the row's MessagePack array, in place: for values already read into managed memory.</summary>
    public static MessagePackReader OpenInPlace(ReadOnlyMemory<byte> value)
    {
        ThrowIfNotLive(value.Span);
        return new MessagePackReader(value[ValueEnvelope.HeaderLength..]);
    }

    /// <summary>Reads the array header of a row with <paramref name="members"/> non-key members.</summary>
    public static void ReadRowHeader(ref MessagePackReader reader, int members)
    {
        int count = reader.ReadArrayHeader();
        if (count != members)
        {
            throw new InvalidDataException($"Expected a row of {members} members, found {count}.");
        }
    }

    private static void ThrowIfNotLive(ReadOnlySpan<byte> value)
    {
        if (!ValueEnvelope.TryReadHeader(value, out ValueHeader header) || header.IsDeleted)
        {
            throw new InvalidDataException("The stored value is not a live TypedStore row.");
        }
    }
}
