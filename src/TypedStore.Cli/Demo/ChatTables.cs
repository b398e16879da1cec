using TypedStore;

namespace TypedStore.Cli.Demo;

/// <summary>A chat user; system metadata, so its writes are synced.</summary>
[Table("users", Kind = TableKind.System)]
public sealed record User([property: Key] string UserId, string Name, string Email);

/// <summary>A shared chat room.</summary>
[Table("rooms")]
public sealed record Room([property: Key] Guid RoomId, string Title, List<string> Members);

/// <summary>A message, owned by the user who sent it.</summary>
[Table("messages", Kind = TableKind.User)]
public sealed record Message(
    [property: Key] string UserId,
    [property: Key] long MessageId,
    Guid RoomId,
    string Text,
    DateTime SentAt);

/// <summary>Ephemeral "is typing" events: per user, in time order (Seq is assigned by Append), gone after a minute.</summary>
[Table("typing", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record Typing([property: Key] string UserId, [property: Key(Generated = true)] long Seq, Guid RoomId);

/// <summary>The demo's store: every table of this assembly.</summary>
[Store]
public sealed partial class ChatStore;
