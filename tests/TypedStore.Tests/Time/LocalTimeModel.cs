using TypedStore;

namespace TypedStore.Tests.Time;

/// <summary>A DateTime key and DateTime value members, for Local times near the ends of DateTime's range and around DST changes.</summary>
[Table("local_times")]
public sealed record LocalTimeRow([property: Key] DateTime At, DateTime Seen, DateTime? Maybe, string Note);

[Store(typeof(LocalTimeRow))]
public partial class LocalTimeStore
{
}
