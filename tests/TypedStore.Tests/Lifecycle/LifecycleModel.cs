using TypedStore;

namespace TypedStore.Tests.Lifecycle;

/// <summary>A user table with soft delete and a change feed: every lifecycle feature on one table.</summary>
[Table("notes", Kind = TableKind.User, SoftDelete = true, ChangeFeed = true)]
public sealed record Note([property: Key] string UserId, [property: Key] long NoteId, string Text);

/// <summary>A shared soft-delete table without a feed (the marker path on its own).</summary>
[Table("drafts", SoftDelete = true)]
public sealed record Draft([property: Key] string Id, string Body, int Revision);

/// <summary>A shared table with a change feed only.</summary>
[Table("ledger", ChangeFeed = true)]
public sealed record LedgerEntry([property: Key] Guid Account, [property: Key] int Line, decimal Amount);

/// <summary>A user table without features, for the isolation test beside <see cref="Note"/>.</summary>
[Table("inbox", Kind = TableKind.User)]
public sealed record InboxItem([property: Key] string UserId, [property: Key] int ItemId, string Subject);

/// <summary>A stream whose time-ordered id leads the key: eviction is one range delete.</summary>
[Table("events", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record StreamEvent([property: Key(Generated = true)] long Seq, string Payload);

/// <summary>A stream partitioned by user before its time-ordered id: one range delete per user.</summary>
[Table("presence", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record Presence([property: Key] string UserId, [property: Key(Generated = true)] long Seq, string Status);

/// <summary>A plain class (no record `with`) as a stream row, with the generated part set through its constructor.</summary>
[Table("readings_log", Kind = TableKind.Stream, TtlSeconds = 3600)]
public sealed class ReadingLog
{
    public ReadingLog(string sensor, long seq, double value)
    {
        Sensor = sensor;
        Seq = seq;
        Value = value;
    }

    [Key] public string Sensor { get; }

    [Key(Generated = true)] public long Seq { get; }

    public double Value { get; }

    public string? Note { get; init; }
}

/// <summary>
/// A stream without a generated key part: rows age by <c>_updated</c> and Append is not generated (its TS0020
/// warning is silenced in the project file: generator diagnostics cannot be suppressed with #pragma).
/// </summary>
[Table("pings", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record Ping([property: Key] string Host, string Status);

/// <summary>Ids from the catalog's sequence (Insert) on a table with soft delete and a change feed.</summary>
[Table("tickets", SoftDelete = true, ChangeFeed = true)]
public sealed record Ticket([property: Key(Generated = true)] long Id, string Title);

[Store(typeof(Note), typeof(Draft), typeof(LedgerEntry), typeof(InboxItem), typeof(StreamEvent), typeof(Presence), typeof(ReadingLog), typeof(Ping), typeof(Ticket))]
public sealed partial class LifecycleStore;
