namespace TypedStore.Etcd.Bench;

/// <summary>The measured row: a group of 100 rows per key prefix, so a scan of one group reads exactly 100.</summary>
[Table("rows")]
internal sealed record BenchRow([property: Key] string Group, [property: Key] int N, string Payload);

/// <summary>The store both engines run.</summary>
[Store]
internal sealed partial class BenchStore;
