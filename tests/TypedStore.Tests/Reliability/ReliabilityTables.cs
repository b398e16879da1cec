using TypedStore;

namespace TypedStore.Tests.Reliability;

/// <summary>A shared table with a single string key.</summary>
[Table("accounts")]
public sealed record Account([property: Key] string Id, long Balance, string? Note);

/// <summary>A user table keyed by a string user id, then a signed id.</summary>
[Table("notes", Kind = TableKind.User)]
public sealed record Note([property: Key] string UserId, [property: Key] long NoteId, string Text);

/// <summary>A user table keyed by a Guid user id: binary ids whose bytes include 0x00 and 0xFF.</summary>
[Table("devices", Kind = TableKind.User)]
public sealed record Device([property: Key] Guid OwnerId, [property: Key] int Seq, string Name);

/// <summary>
/// A shared table keyed by a byte array, then an int: <c>Scan(ownerId)</c> is a prefix scan over an escaped,
/// terminated binary part (empty, NUL and 0xFF bytes are all valid).
/// </summary>
[Table("files")]
public sealed record FileEntry([property: Key] byte[] OwnerId, [property: Key] int Seq, string Name);

/// <summary>
/// A user table with every lifecycle feature: Delete marks rows deleted, Restore undoes it, Purge and PurgeDeleted
/// remove for good, and every change is recorded in the store's change feed (readable per user).
/// </summary>
[Table("drafts", Kind = TableKind.User, SoftDelete = true, ChangeFeed = true)]
public sealed record Draft([property: Key] string UserId, [property: Key] int DraftId, string Body);

/// <summary>A System table: writes synced whatever the options say.</summary>
[Table("config", Kind = TableKind.System)]
public sealed record ConfigEntry([property: Key] string Name, string Value);

/// <summary>The store of the model-based, concurrency, corruption and isolation tests.</summary>
[Store(typeof(Account), typeof(Note), typeof(Device), typeof(FileEntry), typeof(Draft), typeof(ConfigEntry))]
public sealed partial class ReliabilityStore;
