using Microsoft.Extensions.Logging;
using TypedStore.Diagnostics;
using System.Globalization;
using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// The catalog of one open store: its System tables (<see cref="CatalogStore"/>) bound to the store's runtime.
/// <see cref="Open"/> checks every table's declared schema against the recorded one and records what is new;
/// <see cref="GetSequence"/> hands out the id sequences of tables with generated keys.
/// </summary>
internal sealed partial class StoreCatalog
{
    private readonly CatalogStore _catalog;
    private readonly Lock _sequencesLock = new();
    private readonly Dictionary<string, IdSequence> _sequences = new(StringComparer.Ordinal);

    // What Open found new, recorded by RecordDeclarations once the whole open has succeeded; null when nothing is.
    private CatalogUpdate? _pending;

    private StoreCatalog(CatalogStore catalog, CatalogUpdate? pending, List<string> removedTables)
    {
        _catalog = catalog;
        _pending = pending;
        _removedTables = removedTables;
    }

    /// <summary>The catalog's column families, which every store opens together with its own.</summary>
    public static IReadOnlyList<TableDescriptor> Tables => CatalogStore.Descriptors;

    /// <summary>
    /// Reads the catalog of the store <paramref name="runtime"/> opened and checks <paramref name="tables"/>
    /// against it (docs/schema-evolution.md): schemas, kinds and table options. Everything is checked before
    /// anything is written; what is new (a first open, a new table, members appended, an option changed in place,
    /// options not recorded yet, an older catalog format) is kept and recorded by <see cref="RecordDeclarations"/>, in
    /// one synced batch, once the rest of the open has succeeded too. A read-only store records nothing.
    /// </summary>
    /// <exception cref="SchemaMismatchException">A table's declared schema, kind or options cannot read its stored rows.</exception>
    /// <exception cref="CorruptDataException">The catalog cannot be read.</exception>
    /// <exception cref="TypedStoreException">The catalog was written by a newer build of TypedStore.</exception>
    public static StoreCatalog Open(StoreRuntime runtime, IReadOnlyList<TableDescriptor> tables)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(tables);
        CatalogStore catalog = CatalogStore.Attach(runtime);
        DateTimeOffset now = runtime.Options.TimeProvider.GetUtcNow();
        CatalogUpdate update = new();

        // The format first: a newer catalog may not even decode with this build's record types.
        CatalogFormatRecord? format = ReadFormat(catalog);
        CatalogContents contents = ReadContents(catalog);
        if (format is null)
        {
            if (!contents.IsEmpty)
            {
                throw Corrupt("__store", CatalogFormat.RecordName, "the catalog holds tables, schemas or sequences but no format record");
            }

            update.Format = new CatalogFormatRecord(CatalogFormat.RecordName, CatalogFormat.Current, now);
        }
        else if (format.FormatVersion < CatalogFormat.Current)
        {
            // Recorded together with what the newer format adds (the table options, the indexes), so older builds refuse
            // the store from then on.
            update.Format = format with { FormatVersion = CatalogFormat.Current };
            update.PreviousFormatVersion = format.FormatVersion;
        }

        foreach (TableDescriptor table in tables)
        {
            if (table.Schema is { } declared)
            {
                PlanTable(runtime, contents, table, declared, now, update);
            }
        }

        return new StoreCatalog(catalog, update.IsEmpty || runtime.Engine.IsReadOnly ? null : update, FindRemovedTables(contents, tables));
    }

    /// <summary>
    /// Records what <see cref="Open"/> found new. Called last by the open, after the store was built: an open that
    /// fails later (a timer that cannot start) must leave the catalog as it was, or the build that wrote the store
    /// before would find a schema version it never declared and refuse the store it can still read.
    /// </summary>
    public void RecordDeclarations(ILogger logger, string store)
    {
        if (_pending is { } pending)
        {
            pending.Commit(_catalog);
            _pending = null;
            LogRecorded(logger, store, pending);
        }
    }

    // What the open recorded, logged once it is: new tables, schema upgrades, a raised format.
    private static void LogRecorded(ILogger logger, string store, CatalogUpdate recorded)
    {
        if (recorded is { PreviousFormatVersion: { } from, Format: { } format })
        {
            StoreLog.CatalogFormatRaised(logger, store, from, format.FormatVersion);
        }

        foreach (CatalogSchemaRecord schema in recorded.Schemas)
        {
            if (schema.Version == 1)
            {
                StoreLog.TableCreated(logger, store, schema.Table);
            }
            else
            {
                StoreLog.SchemaUpgraded(logger, store, schema.Table, schema.Version);
            }
        }
    }

    /// <summary>
    /// The sequence named <paramref name="name"/> (a table's name for its generated ids), loaded from
    /// <c>__sequences</c> on first use; every caller gets the same instance.
    /// </summary>
    public IdSequence GetSequence(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_sequencesLock)
        {
            if (!_sequences.TryGetValue(name, out IdSequence? sequence))
            {
                CatalogSequenceRecord? record = Read(_catalog.Sequences.Get, name);
                if (record is not null)
                {
                    RequireValid(record);
                }

                sequence = new IdSequence(name, record?.Reserved ?? 0, _catalog.Sequences);
                _sequences.Add(name, sequence);
            }

            return sequence;
        }
    }

    private static void PlanTable(StoreRuntime runtime, CatalogContents contents, TableDescriptor table, TableSchema declared, DateTimeOffset now, CatalogUpdate update)
    {
        CatalogTableOptions options = CatalogTableOptions.Of(table, declared);
        if (!contents.Tables.TryGetValue(table.Name, out CatalogTableRecord? record))
        {
            update.Tables.Add(new CatalogTableRecord(table.Name, table.Kind, 1, now, now, options));
            update.Schemas.Add(ToRecord(table.Name, 1, declared, now));
            return;
        }

        TableSchema stored = contents.Schemas[(table.Name, record.SchemaVersion)];
        SchemaComparison comparison = SchemaComparer.Compare(stored, declared);
        if (comparison.Verdict == SchemaVerdict.Incompatible)
        {
            throw Mismatch(table.Name, record.SchemaVersion, stored, declared, comparison);
        }

        // The markers are looked for only when SoftDelete would go off (or is not recorded yet and declared off): once, at open.
        SchemaComparison optionsComparison = TableOptionsComparer.Compare(
            record, table, options, () => StoredDeletionMarkers.Any(runtime.Engine, runtime.GetColumnFamily(table)));
        if (optionsComparison.Verdict == SchemaVerdict.Incompatible)
        {
            throw OptionsMismatch(table, record, options, optionsComparison);
        }

        // What may change in place (Shared <-> System, SoftDelete, ChangeFeed, TtlSeconds) is recorded as declared.
        CatalogTableRecord current = record with { Kind = table.Kind, Options = options };
        if (comparison.Verdict == SchemaVerdict.Appended)
        {
            int version = record.SchemaVersion + 1;
            update.Tables.Add(current with { SchemaVersion = version, Updated = now });
            update.Schemas.Add(ToRecord(table.Name, version, declared, now));
        }
        else if (current != record)
        {
            update.Tables.Add(current with { Updated = now });
        }
    }

    /// <summary>
    /// Reads and validates the whole catalog of the store <paramref name="runtime"/> opened, whatever tables it was
    /// opened with: what export, import and the <c>typedstore</c> tool work from (docs/operations.md).
    /// </summary>
    /// <exception cref="CorruptDataException">The catalog cannot be read.</exception>
    internal static CatalogContents Read(StoreRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return ReadContents(CatalogStore.Attach(runtime));
    }

    /// <summary>
    /// Reads and validates every catalog row, not only those of the tables being opened: the catalog is small,
    /// and damage anywhere in it means it can no longer be trusted.
    /// </summary>
    private static CatalogContents ReadContents(CatalogStore catalog)
    {
        CatalogContents contents = new();
        foreach (CatalogSchemaRecord record in ReadAll(catalog.Schemas.ScanAll()))
        {
            contents.Schemas.Add((record.Table, record.Version), ToSchema(record));
        }

        foreach (CatalogTableRecord record in ReadAll(catalog.Tables.ScanAll()))
        {
            if (record.SchemaVersion < 1 || !Enum.IsDefined(record.Kind) || record.Options is { TtlSeconds: < 0 })
            {
                throw Corrupt("__tables", record.Name, $"the record of table '{record.Name}' is invalid (schema version {record.SchemaVersion}, kind {(int)record.Kind}, TtlSeconds {record.Options?.TtlSeconds ?? 0})");
            }

            if (!contents.Schemas.ContainsKey((record.Name, record.SchemaVersion)))
            {
                throw Corrupt("__schemas", SchemaKey(record.Name, record.SchemaVersion), $"table '{record.Name}' is at schema version {record.SchemaVersion}, but that version is not recorded");
            }

            contents.Tables.Add(record.Name, record);
        }

        foreach (CatalogSequenceRecord record in ReadAll(catalog.Sequences.ScanAll()))
        {
            RequireValid(record);
            contents.SequenceCount++;
        }

        return contents;
    }

    private static CatalogFormatRecord? ReadFormat(CatalogStore catalog)
    {
        CatalogFormatRecord? format = Read(catalog.Store.Get, CatalogFormat.RecordName);
        if (format is null)
        {
            return null;
        }

        if (format.FormatVersion > CatalogFormat.Current)
        {
            throw new TypedStoreException(
                $"The store's catalog has format version {format.FormatVersion}, written by a newer build of TypedStore; this build reads format {CatalogFormat.Current} and older. " +
                "Open the store with a build at least as new as the one that wrote it. Nothing was changed.")
            {
                Table = "__store",
                Key = CatalogFormat.RecordName,
            };
        }

        if (format.FormatVersion < 1)
        {
            throw Corrupt("__store", CatalogFormat.RecordName, $"the catalog format version is {format.FormatVersion}");
        }

        return format;
    }

    private static TableSchema ToSchema(CatalogSchemaRecord record)
    {
        string key = SchemaKey(record.Table, record.Version);
        if (record.Version < 1 || record.KeyParts is null || record.Members is null)
        {
            throw Corrupt("__schemas", key, "the schema record is incomplete");
        }

        SchemaKeyPart[] keyParts = new SchemaKeyPart[record.KeyParts.Count];
        for (int i = 0; i < keyParts.Length; i++)
        {
            CatalogKeyPart? part = record.KeyParts[i];
            keyParts[i] = part is null ? default : new SchemaKeyPart(part.Name, part.Type, part.Descending);
        }

        SchemaMember[] members = ToSchemaMembers(record.Members);

        // Nil for a schema without nested types is tolerated; anything inside must be complete.
        SchemaObjectType[] objectTypes = new SchemaObjectType[record.ObjectTypes?.Count ?? 0];
        try
        {
            for (int i = 0; i < objectTypes.Length; i++)
            {
                CatalogObjectType type = record.ObjectTypes![i] ?? throw new ArgumentException("A nested type is missing.");
                objectTypes[i] = new SchemaObjectType(type.Type, ToSchemaMembers(type.Members ?? throw new ArgumentException($"Nested type '{type.Type}' has no member list.")));
            }

            return new TableSchema(keyParts, members, objectTypes);
        }
        catch (ArgumentException ex)
        {
            throw Corrupt("__schemas", key, $"the recorded schema is invalid ({ex.Message})");
        }
    }

    private static SchemaMember[] ToSchemaMembers(IReadOnlyList<CatalogMember> stored)
    {
        SchemaMember[] members = new SchemaMember[stored.Count];
        for (int i = 0; i < members.Length; i++)
        {
            CatalogMember? member = stored[i];
            members[i] = member is null ? default : new SchemaMember(member.Name, member.Type);
        }

        return members;
    }

    private static CatalogMember[] ToRecordMembers(IReadOnlyList<SchemaMember> members)
    {
        CatalogMember[] records = new CatalogMember[members.Count];
        for (int i = 0; i < records.Length; i++)
        {
            records[i] = new CatalogMember(members[i].Name, members[i].Type);
        }

        return records;
    }

    private static void RequireValid(CatalogSequenceRecord record)
    {
        if (record.Reserved < 0)
        {
            throw Corrupt("__sequences", record.Table, $"the id sequence of table '{record.Table}' records a negative reserved id ({record.Reserved})");
        }
    }

    private static string SchemaKey(string table, int version) => $"(\"{table}\", {version.ToString(CultureInfo.InvariantCulture)})";

    private static CatalogSchemaRecord ToRecord(string table, int version, TableSchema schema, DateTimeOffset now)
    {
        CatalogKeyPart[] keyParts = new CatalogKeyPart[schema.KeyParts.Count];
        for (int i = 0; i < keyParts.Length; i++)
        {
            SchemaKeyPart part = schema.KeyParts[i];
            keyParts[i] = new CatalogKeyPart(part.Name, part.Type, part.Descending);
        }

        CatalogObjectType[] objectTypes = new CatalogObjectType[schema.ObjectTypes.Count];
        for (int i = 0; i < objectTypes.Length; i++)
        {
            objectTypes[i] = new CatalogObjectType(schema.ObjectTypes[i].Type, ToRecordMembers(schema.ObjectTypes[i].Members));
        }

        return new CatalogSchemaRecord(table, version, keyParts, ToRecordMembers(schema.Members), now, objectTypes);
    }

    // Reads one catalog row; a row that cannot be decoded makes the whole catalog unreadable.
    private static TRow? Read<TKey, TRow>(Func<TKey, TRow?> get, TKey key)
        where TRow : class
    {
        try
        {
            return get(key);
        }
        catch (CorruptDataException ex)
        {
            throw Unreadable(ex);
        }
    }

    // Reads every row of a catalog table; a row that cannot be decoded makes the whole catalog unreadable.
    private static List<TRow> ReadAll<TRow>(IEnumerable<TRow> rows)
    {
        try
        {
            return [.. rows];
        }
        catch (CorruptDataException ex)
        {
            throw Unreadable(ex);
        }
    }

    private static CorruptDataException Unreadable(CorruptDataException ex)
        => new($"The store's catalog is corrupt, so the store cannot be opened safely (nothing was changed): {ex.Message}", ex)
        {
            Table = ex.Table,
            Key = ex.Key,
        };

    private static CorruptDataException Corrupt(string table, string key, string reason)
        => new($"The store's catalog is corrupt, so the store cannot be opened safely (nothing was changed): table '{table}', key {key}: {reason}.")
        {
            Table = table,
            Key = key,
        };

    private static SchemaMismatchException OptionsMismatch(TableDescriptor table, CatalogTableRecord record, CatalogTableOptions options, SchemaComparison comparison)
    {
        string storedText = CatalogTableOptions.Describe(record.Kind, record.Options);
        string declaredText = CatalogTableOptions.Describe(table.Kind, options);
        return new SchemaMismatchException(
            $"Table '{table.Name}' cannot be opened as declared: {comparison.Reason}. " +
            $"Recorded: {storedText}. Declared: {declaredText}. {TableOptionsComparer.Remedy(comparison.Change)} Nothing was written.",
            comparison.Change,
            comparison.Member)
        {
            Table = table.Name,
            StoredVersion = record.SchemaVersion,
            StoredSchema = storedText,
            DeclaredSchema = declaredText,
        };
    }

    private static SchemaMismatchException Mismatch(string table, int version, TableSchema stored, TableSchema declared, SchemaComparison comparison)
    {
        string storedText = stored.ToString();
        string declaredText = declared.ToString();
        return new SchemaMismatchException(
            $"Table '{table}' does not match the schema recorded in the store: {comparison.Reason}. " +
            $"Recorded (version {version.ToString(CultureInfo.InvariantCulture)}): {storedText}. Declared: {declaredText}. " +
            "Only members appended at the end can be added to a table in place; see docs/schema-evolution.md. Nothing was written.",
            comparison.Change,
            comparison.Member)
        {
            Table = table,
            StoredVersion = version,
            StoredSchema = storedText,
            DeclaredSchema = declaredText,
        };
    }
}
