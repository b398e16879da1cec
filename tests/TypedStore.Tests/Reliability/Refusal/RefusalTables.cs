using TypedStore;

namespace TypedStore.Tests.Reliability.Refusal;

/// <summary>A plain shared table: its keys may use the whole <c>KeyLimits.MaxKeyLength</c>.</summary>
[Table("refusal_plain")]
public sealed record PlainItem([property: Key] string Id, string Text);

/// <summary>A shared SoftDelete table: its row keys leave room for the deletion marker's suffix byte.</summary>
[Table("refusal_soft", SoftDelete = true)]
public sealed record SoftItem([property: Key] string Id, string Text);

/// <summary>A User table with soft delete and a change feed (readable per user): every tracked batch feature at once.</summary>
[Table("refusal_drafts", Kind = TableKind.User, SoftDelete = true, ChangeFeed = true)]
public sealed record FeedDraft([property: Key] string UserId, [property: Key] int DraftId, string Body);

/// <summary>A User table with a change feed and hard deletes.</summary>
[Table("refusal_events", Kind = TableKind.User, ChangeFeed = true)]
public sealed record FeedEvent([property: Key] string UserId, [property: Key] int Seq, string Text);

/// <summary>The store of the batch-refusal and key-limit tests.</summary>
[Store(typeof(PlainItem), typeof(SoftItem), typeof(FeedDraft), typeof(FeedEvent))]
public sealed partial class RefusalStore;
