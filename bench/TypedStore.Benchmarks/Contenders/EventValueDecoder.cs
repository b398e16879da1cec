using MessagePack;
using RocksDbSharp;
using TypedStore.Benchmarks.Model;
using TypedStore.Values;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// The raw baseline's decoder of an <c>events</c> value: the same work the generated codec does (envelope header,
/// MessagePack array, <see cref="ValueFormat"/>'s DateTime form), written by hand over RocksDbSharp's span API.
/// </summary>
internal sealed class EventValueDecoder : ISpanDeserializer<Event>
{
    private readonly StoredValueReader _reader = new();

    /// <summary>The key of the row being read: like the typed <c>Get</c>, key parts come from the caller, not the value.</summary>
    public string Id { get; set; } = string.Empty;

    public Event Deserialize(ReadOnlySpan<byte> buffer) => Decode(Id, buffer);

    /// <summary>Decodes a value the engine handed out as a span (copied first, as the typed layer does).</summary>
    public Event Decode(string id, ReadOnlySpan<byte> value)
    {
        MessagePackReader reader = _reader.Open(value);
        return Read(id, ref reader);
    }

    /// <summary>Decodes a value already in managed memory, in place.</summary>
    public static Event Decode(string id, ReadOnlyMemory<byte> value)
    {
        MessagePackReader reader = StoredValueReader.OpenInPlace(value);
        return Read(id, ref reader);
    }

    private static Event Read(string id, ref MessagePackReader reader)
    {
        StoredValueReader.ReadRowHeader(ref reader, members: 3);
        long sequence = reader.ReadInt64();
        string payload = reader.ReadString() ?? throw new InvalidDataException("Payload is nil.");
        DateTime createdAt = ValueFormat.ReadDateTime(ref reader);
        return new Event(id, sequence, payload, createdAt);
    }
}
