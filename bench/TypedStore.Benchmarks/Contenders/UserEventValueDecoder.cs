using MessagePack;
using TypedStore.Benchmarks.Model;
using TypedStore.Values;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>The raw baseline's decoder of a <c>user_events</c> value (see <see cref="EventValueDecoder"/>).</summary>
internal sealed class UserEventValueDecoder
{
    private readonly StoredValueReader _reader = new();

    public UserEvent Decode(string userId, long sequence, ReadOnlySpan<byte> value)
    {
        MessagePackReader reader = _reader.Open(value);
        StoredValueReader.ReadRowHeader(ref reader, members: 2);
        string payload = reader.ReadString() ?? throw new InvalidDataException("Payload is nil.");
        DateTime createdAt = ValueFormat.ReadDateTime(ref reader);
        return new UserEvent(userId, sequence, payload, createdAt);
    }
}
