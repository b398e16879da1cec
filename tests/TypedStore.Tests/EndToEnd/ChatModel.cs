using TypedStore;

namespace TypedStore.Tests.EndToEnd;

[Table("users", Kind = TableKind.System)]
public sealed record User([property: Key] string UserId, string Name, string Email);

[Table("messages", Kind = TableKind.User)]
public sealed record Message([property: Key] string UserId, [property: Key] long MessageId, string Text, DateTime SentAt);

[Table("rooms")]
public sealed record Room([property: Key] Guid RoomId, string Title, List<string> Members);

[Store]
public sealed partial class ChatStore;
