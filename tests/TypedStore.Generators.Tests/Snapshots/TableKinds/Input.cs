// The design's chat example: one table of each kind (System, User with soft delete, Shared, Stream with a TTL).
using System;
using System.Collections.Generic;
using TypedStore;

namespace Samples.Chat;

/// <summary>A registered user (a System table: writes are durable on return).</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Email">The contact address.</param>
[Table("users", Kind = TableKind.System)]
public sealed record User([property: Key] string UserId, string Name, string Email);

/// <summary>A message, owned by the user who sent it.</summary>
/// <param name="UserId">The owning user.</param>
/// <param name="MessageId">The message's id within the user's messages.</param>
/// <param name="Text">The message text.</param>
/// <param name="SentAt">When it was sent (UTC).</param>
[Table("messages", Kind = TableKind.User, SoftDelete = true)]
public sealed record Message([property: Key] string UserId, [property: Key] long MessageId, string Text, DateTime SentAt);

/// <summary>A chat room (a Shared table, the default kind).</summary>
/// <param name="RoomId">The room's id.</param>
/// <param name="Title">The room's title.</param>
/// <param name="Members">The ids of the room's members.</param>
[Table("rooms")]
public sealed record Room([property: Key] Guid RoomId, string Title, List<string> Members);

/// <summary>A typing indicator, forgotten after a minute.</summary>
/// <param name="UserId">Who is typing.</param>
/// <param name="Seq">Orders the indicators of one user: a time-ordered id assigned by Append.</param>
/// <param name="RoomId">Where.</param>
[Table("typing", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record Typing([property: Key] string UserId, [property: Key(Generated = true)] long Seq, string RoomId);

/// <summary>The chat store.</summary>
[Store]
public partial class ChatStore;
