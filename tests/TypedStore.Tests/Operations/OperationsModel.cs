using TypedStore;

namespace TypedStore.Tests.Operations;

/// <summary>A plain table with an index: statistics cover its index column family too.</summary>
[Table("ops_items")]
[Index("by_name", nameof(Name))]
public sealed record OpsItem([property: Key] int Id, string Name);

/// <summary>A shared table with a change feed and an index (dropping it must drop both).</summary>
[Table("ops_feed", ChangeFeed = true)]
[Index("by_text", nameof(Text))]
public sealed record OpsFeedEntry([property: Key] int Id, string Text);

/// <summary>A user table with a change feed: trimming removes its per-user index entries too.</summary>
[Table("ops_user_feed", Kind = TableKind.User, ChangeFeed = true)]
public sealed record OpsUserFeedEntry([property: Key] string UserId, [property: Key] int Id, string Text);

/// <summary>A stream with a TTL: its background eviction is a background job whose errors are reported.</summary>
[Table("ops_events", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record OpsEvent([property: Key(Generated = true)] long Seq, string Payload);

/// <summary>The store of the operations tests.</summary>
[Store(typeof(OpsItem), typeof(OpsFeedEntry), typeof(OpsUserFeedEntry), typeof(OpsEvent))]
public sealed partial class OpsStore;

/// <summary>The same store after three of its tables were removed from the code (the removed-table tests).</summary>
[Store(typeof(OpsItem))]
public sealed partial class OpsItemsOnlyStore;
