using MessagePack;

// MessagePack.Key is spelled out: inside namespace TypedStore, plain Key means TypedStore.KeyAttribute.

namespace TypedStore.Benchmarks.Model;

/// <summary><see cref="UserEvent"/> as the naive layer declares it (see <see cref="NaiveEvent"/>).</summary>
[MessagePackObject]
public sealed record NaiveUserEvent(
    [property: MessagePack.Key(0)] string UserId,
    [property: MessagePack.Key(1)] long Sequence,
    [property: MessagePack.Key(2)] string Payload,
    [property: MessagePack.Key(3)] DateTime CreatedAt);
