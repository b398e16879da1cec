namespace TypedStore.Benchmarks.Model;

/// <summary>
/// The benchmark row: a string key, a long, a string and a DateTime, about 100 encoded bytes
/// (an 18-byte key and a value of about 100 bytes, close to db_bench's 16/100 defaults).
/// </summary>
[Table("events")]
public sealed record Event([property: Key] string Id, long Sequence, string Payload, DateTime CreatedAt);

/// <summary>The same row shape in a user table, owned by <see cref="UserId"/>, for the per-user prefix scan.</summary>
[Table("user_events", Kind = TableKind.User)]
public sealed record UserEvent([property: Key] string UserId, [property: Key] long Sequence, string Payload, DateTime CreatedAt);

/// <summary>The store the benchmarks open: every table of this assembly.</summary>
[Store]
public sealed partial class BenchStore;
