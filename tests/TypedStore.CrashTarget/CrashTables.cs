using TypedStore;

namespace TypedStore.CrashTarget;

/// <summary>
/// A row written alone (<see cref="Batch"/> empty) or as part of a batch of <see cref="BatchSize"/> rows; the
/// payload is a function of the id (<see cref="CrashProtocol.PayloadFor"/>), so a torn value is detectable. The
/// filler (only 'f's, of a length set on the command line) makes memtables fill, so crashes also land after flushes.
/// </summary>
[Table("items")]
public sealed record Item([property: Key] string Id, string Batch, int BatchSize, string Payload, string Filler);

/// <summary>
/// One entry per row of a cross-table batch, in a user table keyed by the writing generation, with a change feed:
/// each change record is written in the same atomic write as its entry, so a crash keeps both or neither.
/// </summary>
[Table("ledger", Kind = TableKind.User, ChangeFeed = true)]
public sealed record LedgerEntry([property: Key] string Generation, [property: Key] string ItemId, string Batch, int BatchSize);

/// <summary>Overwritten by every cross-table batch of a generation: the number of its last committed batch.</summary>
[Table("progress")]
public sealed record Progress([property: Key] string Generation, long LastBatch);

/// <summary>A System table: its writes are synced whatever the store options say.</summary>
[Table("marks", Kind = TableKind.System)]
public sealed record Mark([property: Key] string Id, string Payload);

/// <summary>The store the crash target writes and the parent test verifies (tables listed: the test assembly that links this file has others).</summary>
[Store(typeof(Item), typeof(LedgerEntry), typeof(Progress), typeof(Mark))]
public sealed partial class CrashStore;
