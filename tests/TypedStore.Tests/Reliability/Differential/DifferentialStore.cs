using TypedStore.Tables;
using TypedStore.Tests.EndToEnd;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// The store of the differential test: tables the other tests already declare, gathered so that one batch and one
/// snapshot span every kind of table and feature. User tables keyed by strings, Guids and byte arrays; soft delete
/// with a change feed; a System table (synced writes); a change feed without soft delete; generated ids (Insert);
/// streams with a leading and a partitioned time-ordered id, and one that ages by <c>_updated</c>; a three-part key
/// with a descending DateTime part; every key part type with its edge values (NaN, min/max integers, empty byte
/// arrays); a list-valued member.
/// </summary>
[Store(
    typeof(Account),
    typeof(Reliability.Note),
    typeof(Device),
    typeof(FileEntry),
    typeof(Reliability.Draft),
    typeof(ConfigEntry),
    typeof(LedgerEntry),
    typeof(StreamEvent),
    typeof(Presence),
    typeof(Ping),
    typeof(Ticket),
    typeof(Reading),
    typeof(KeyZoo),
    typeof(Room))]
public sealed partial class DifferentialStore
{
    /// <summary>The store's tables, for opening it over an engine the test keeps (<see cref="EnginePair"/>).</summary>
    internal static IReadOnlyList<TableDescriptor> Descriptors => s_tables;

    /// <summary>Binds the store to a runtime the test opened (over the shared in-memory engine).</summary>
    internal static DifferentialStore Attach(StoreRuntime runtime) => new(runtime);
}
