namespace TypedStore.Benchmarks.Model;

/// <summary>The index benchmark's row without an index: the baseline of <see cref="OneIndexRow"/> and <see cref="TwoIndexRow"/>.</summary>
[Table("ix_none")]
public sealed record PlainIndexRow([property: Key] long Id, string Owner, int Rank, string Email, string Payload);

/// <summary>The same row with one two-part index.</summary>
[Table("ix_one")]
[Index("by_owner", nameof(Owner), nameof(Rank))]
public sealed record OneIndexRow([property: Key] long Id, string Owner, int Rank, string Email, string Payload);

/// <summary>The same row with the two-part index and a unique one.</summary>
[Table("ix_two")]
[Index("by_owner", nameof(Owner), nameof(Rank))]
[Index("by_email", nameof(Email), Unique = true)]
public sealed record TwoIndexRow([property: Key] long Id, string Owner, int Rank, string Email, string Payload);

/// <summary>
/// The same row in a SoftDelete table without an index: what the write-set path costs every table with a write
/// feature (soft delete, change feed, indexes), so the index lines can be read against it.
/// </summary>
[Table("ix_soft", SoftDelete = true)]
public sealed record SoftIndexRow([property: Key] long Id, string Owner, int Rank, string Email, string Payload);
