using TypedStore;

namespace TypedStore.Tests.EndToEnd;

[Table("users", Kind = TableKind.System)]
public sealed record User([property: Key] string UserId, string Name, string Email);

[Table("messages", Kind = TableKind.User)]
public sealed record Message([property: Key] string UserId, [property: Key] long MessageId, string Text, DateTime SentAt);

[Table("rooms")]
public sealed record Room([property: Key] Guid RoomId, string Title, List<string> Members);

/// <summary>Three parts, the last descending: prefix scans at depth 1 and 2, newest reading first.</summary>
[Table("readings")]
public sealed record Reading(
    [property: Key] string Site,
    [property: Key] int Sensor,
    [property: Key(Descending = true)] DateTime At,
    double Value);

/// <summary>The chat tables plus readings, listed explicitly.</summary>
[Store(typeof(User), typeof(Message), typeof(Room), typeof(Reading))]
public sealed partial class ChatStore;

/// <summary>A row with no reference-type members, so the bytes one row takes are easy to measure.</summary>
[Table("metrics")]
public sealed record Metric([property: Key] long Id, double Value, int Samples);

[Store(typeof(Metric))]
public sealed partial class MetricStore;
