using MessagePack;

// MessagePack.Key is spelled out: inside namespace TypedStore, plain Key means TypedStore.KeyAttribute.

namespace TypedStore.Benchmarks.Model;

/// <summary>
/// <see cref="Event"/> as a naive typed layer declares it: a MessagePack contract serialized whole
/// (key included) with <see cref="MessagePackSerializer"/>'s default resolver, stored under a UTF-8 string key.
/// </summary>
[MessagePackObject]
public sealed record NaiveEvent(
    [property: MessagePack.Key(0)] string Id,
    [property: MessagePack.Key(1)] long Sequence,
    [property: MessagePack.Key(2)] string Payload,
    [property: MessagePack.Key(3)] DateTime CreatedAt);
