using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// Decides whether a table's declared kind and options can read the rows stored under the recorded ones
/// (docs/schema-evolution.md, "Table options"). The schema (<see cref="SchemaComparer"/>) says what the bytes hold;
/// the kind and options say how they are read and kept:
/// <list type="bullet">
/// <item>Kind: Shared and System store the same bytes (only durability differs); every other change is refused.
/// A User table's first key part is an owner, a Stream table's rows expire.</item>
/// <item>The generated key part: a Stream table's rows age by it (a time-ordered id), and a Shared or User table's
/// sequence is kept ahead of it only while it is declared generated. Any change is refused, as a key change.</item>
/// <item>SoftDelete on → off: refused while the table holds deletion markers, which would then be ignored.
/// Off → on: allowed, there are no markers yet.</item>
/// <item>ChangeFeed and TtlSeconds: allowed (the feed has no entries for the time it was off; a new TTL applies
/// to every row from then on).</item>
/// </list>
/// </summary>
internal static class TableOptionsComparer
{
    /// <summary>Compares; <paramref name="holdsDeletionMarkers"/> is asked only when SoftDelete would be turned off.</summary>
    /// <returns><see cref="SchemaComparison.Identical"/> when the declaration can be opened (and recorded), otherwise the refusal.</returns>
    public static SchemaComparison Compare(CatalogTableRecord recorded, TableDescriptor declared, CatalogTableOptions options, Func<bool> holdsDeletionMarkers)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(declared);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(holdsDeletionMarkers);
        if (recorded.Kind != declared.Kind && !(IsSharedOrSystem(recorded.Kind) && IsSharedOrSystem(declared.Kind)))
        {
            return SchemaComparison.Incompatible(
                SchemaChange.KindChanged,
                nameof(TableAttribute.Kind),
                $"its kind changed from {recorded.Kind} to {declared.Kind}, which reads the stored rows differently ({KindMeaning(recorded.Kind)}; {KindMeaning(declared.Kind)})");
        }

        if (recorded.Options is not { } was)
        {
            // Not recorded yet (catalog format 1): whatever is declared now is recorded, except what the stored bytes
            // themselves contradict. Deletion markers prove SoftDelete was on, whatever the code says now.
            return !declared.SoftDelete && holdsDeletionMarkers()
                ? SoftDeleteTurnedOff("the catalog, written by an older build, does not record SoftDelete, but the table holds rows marked deleted")
                : SchemaComparison.Identical;
        }

        if (was.GeneratedKeyPart != options.GeneratedKeyPart)
        {
            return was.GeneratedKeyPart is { } before
                ? SchemaComparison.Incompatible(SchemaChange.KeyChanged, before, $"key part '{before}' is no longer generated{GeneratedMeaning(declared.Kind)}")
                : SchemaComparison.Incompatible(SchemaChange.KeyChanged, options.GeneratedKeyPart!, $"key part '{options.GeneratedKeyPart}' is generated now but was not{GeneratedMeaning(declared.Kind)}");
        }

        if (was.SoftDelete && !declared.SoftDelete && holdsDeletionMarkers())
        {
            return SoftDeleteTurnedOff("SoftDelete was turned off, but the table holds rows marked deleted");
        }

        return SchemaComparison.Identical;
    }

    /// <summary>What to do about a refusal of <paramref name="change"/>, in a sentence.</summary>
    public static string Remedy(SchemaChange change) => change switch
    {
        SchemaChange.SoftDeleteTurnedOff =>
            "Open the store with SoftDelete = true and remove the deleted rows for good first (Purge, or PurgeDeleted(DateTimeOffset.MaxValue)); then SoftDelete can be turned off.",
        SchemaChange.KindChanged =>
            "A table's kind can change in place only between Shared and System; for any other kind, copy the rows to a table with a new name (docs/schema-evolution.md).",
        _ =>
            "Whether a key part is generated is part of the key; copy the rows to a table with a new name instead (docs/schema-evolution.md).",
    };

    private static SchemaComparison SoftDeleteTurnedOff(string reason)
        => SchemaComparison.Incompatible(
            SchemaChange.SoftDeleteTurnedOff,
            nameof(TableAttribute.SoftDelete),
            reason + ", which would read as live rows again (and Count would count their markers)");

    private static bool IsSharedOrSystem(TableKind kind) => kind is TableKind.Shared or TableKind.System;

    private static string KindMeaning(TableKind kind) => kind switch
    {
        TableKind.User => "a User table's first key part is the owning user",
        TableKind.Stream => "a Stream table's rows expire, by their generated time-ordered id or their _updated time",
        _ => $"a {kind} table's rows never expire and have no owner",
    };

    private static string GeneratedMeaning(TableKind kind) => kind == TableKind.Stream
        ? " (a Stream table's rows age by their generated time-ordered id, otherwise by _updated: the same rows would expire at other times)"
        : " (the table's id sequence is kept ahead of stored ids only while the part is generated: Insert could hand out an id already stored)";
}
