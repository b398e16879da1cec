using TypedStore;
using TypedStore.Tables;

namespace TypedStore.Tests.Reliability;

/// <summary>A plain table: its row written before a failed open must still be there after it.</summary>
[Table("open_failure_items")]
public sealed record OpenFailureItem([property: Key] string Id, string Name, int Count);

/// <summary>The same table with <c>Count</c> retyped: opening a store that holds <see cref="OpenFailureItem"/> rows fails its catalog check.</summary>
[Table("open_failure_items")]
public sealed record OpenFailureItemRetyped([property: Key] string Id, string Name, long Count);

/// <summary>A stream table: with <see cref="StoreOptions.StreamEvictionInterval"/> set, building it starts the eviction timer.</summary>
[Table("open_failure_events", Kind = TableKind.Stream, TtlSeconds = 60)]
public sealed record OpenFailureEvent([property: Key(Generated = true)] long Seq, string Payload);

/// <summary>A change-feed table: building it sets up the store's change log.</summary>
[Table("open_failure_feed", ChangeFeed = true)]
public sealed record OpenFailureFeedEntry([property: Key] string Id, string Text);

/// <summary>Every part of a store an open acquires: the engine (and its LOCK), the catalog, the eviction timer, the change log.</summary>
[Store(typeof(OpenFailureItem), typeof(OpenFailureEvent), typeof(OpenFailureFeedEntry))]
public sealed partial class OpenFailureStore
{
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    /// <summary>Builds the store over a runtime, as the generated Open does inside the runtime's failure handling.</summary>
    internal static OpenFailureStore Build(StoreRuntime runtime) => new(runtime);
}

/// <summary>A later build of <see cref="OpenFailureStore"/> whose items table no longer matches the stored schema.</summary>
[Store(typeof(OpenFailureItemRetyped), typeof(OpenFailureEvent))]
public sealed partial class OpenFailureRetypedStore
{
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    internal static OpenFailureRetypedStore Build(StoreRuntime runtime) => new(runtime);
}

/// <summary>The same table with a member appended: a compatible change the catalog records as a new schema version.</summary>
[Table("open_failure_items")]
public sealed record OpenFailureItemAppended([property: Key] string Id, string Name, int Count, string? Note);

/// <summary>A later build of <see cref="OpenFailureStore"/> that appended a member to the items table.</summary>
[Store(typeof(OpenFailureItemAppended), typeof(OpenFailureEvent), typeof(OpenFailureFeedEntry))]
public sealed partial class OpenFailureAppendedStore
{
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    internal static OpenFailureAppendedStore Build(StoreRuntime runtime) => new(runtime);
}
