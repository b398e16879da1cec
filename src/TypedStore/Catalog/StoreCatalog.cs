using System.Globalization;
using TypedStore.Tables;

namespace TypedStore.Catalog;

/// <summary>
/// The catalog of one open store: its System tables (<see cref="CatalogStore"/>) bound to the store's runtime.
/// <see cref="Open"/> checks every table's declared schema against the recorded one and records what is new;
/// <see cref="GetSequence"/> hands out the id sequences of tables with generated keys.
/// </summary>
internal sealed class StoreCatalog
{
    private readonly CatalogStore _catalog;
    private readonly Lock _sequencesLock = new();
    private readonly Dictionary<string, IdSequence> _sequences = new(StringComparer.Ordinal);

    private StoreCatalog(CatalogStore catalog)
    {
        _catalog = catalog;
    }

    /// <summary>The catalog's column families, which every store opens together with its own.</summary>
    public static IReadOnlyList<TableDescriptor> Tables => CatalogStore.Descriptors;

    /// <summary>
    /// Reads the catalog of the store <paramref name="runtime"/> opened and checks <paramref name="tables"/>
    /// against it (docs/schema-evolution.md). Everything is checked before anything is written; what is new
    /// (a first open, a new table, members appended) is then recorded in one synced batch. A read-only store
    /// records nothing.
    /// </summary>
    /// <exception cref="SchemaMismatchException">A table's declared schema cannot read its stored rows.</exception>
    /// <exception cref="CorruptDataException">The catalog cannot be read.</exception>
    /// <exception cref="TypedStoreException">The catalog was written by a newer build of TypedStore.</exception>
    public static StoreCatalog Open(StoreRuntime runtime, IReadOnlyList<TableDescriptor> tables)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(tables);
        CatalogStore catalog = CatalogStore.Attach(runtime);
        DateTimeOffset now = runtime.Options.TimeProvider.GetUtcNow();
        CatalogUpdate update = new();

        if (ReadFormat(catalog) is null)
        {
            RequireEmpty(catalog);
            update.Format = new CatalogFormatRecord(CatalogFormat.RecordName, CatalogFormat.Current, now);
        }

        foreach (TableDescriptor table in tables)
        {
            if (table.Schema is { } declared)
            {
                PlanTable(catalog, table, declared, now, update);
            }
        }

        if (!update.IsEmpty && !runtime.Engine.IsReadOnly)
        {
            update.Commit(catalog);
        }

        return new StoreCatalog(catalog);
    }

    /// <summary>The id sequence of <paramref name="table"/>, loaded from the catalog on first use; one instance per table.</summary>
    public IdSequence GetSequence(TableDescriptor table)
    {
        ArgumentNullException.ThrowIfNull(table);
        lock (_sequencesLock)
        {
            if (!_sequences.TryGetValue(table.Name, out IdSequence? sequence))
            {
                CatalogSequenceRecord? record = Read(_catalog.Sequences.Get, table.Name);
                long reserved = record?.Reserved ?? 0;
                if (reserved < 0)
                {
                    throw Corrupt("__sequences", table.Name, $"the id sequence of table '{table.Name}' records a negative reserved id ({reserved})");
                }

                sequence = new IdSequence(table.Name, reserved, _catalog.Sequences);
                _sequences.Add(table.Name, sequence);
            }

            return sequence;
        }
    }

    private static void PlanTable(CatalogStore catalog, TableDescriptor table, TableSchema declared, DateTimeOffset now, CatalogUpdate update)
    {
        CatalogTableRecord? record = Read(catalog.Tables.Get, table.Name);
        if (record is null)
        {
            update.Tables.Add(new CatalogTableRecord(table.Name, table.Kind, 1, now, now));
            update.Schemas.Add(ToRecord(table.Name, 1, declared, now));
            return;
        }

        if (record.SchemaVersion < 1 || !Enum.IsDefined(record.Kind))
        {
            throw Corrupt("__tables", table.Name, $"the record of table '{table.Name}' is invalid (schema version {record.SchemaVersion}, kind {(int)record.Kind})");
        }

        TableSchema stored = ReadSchema(catalog, table.Name, record.SchemaVersion);
        SchemaComparison comparison = SchemaComparer.Compare(stored, declared);
        switch (comparison.Verdict)
        {
            case SchemaVerdict.Incompatible:
                throw Mismatch(table.Name, record.SchemaVersion, stored, declared, comparison);
            case SchemaVerdict.Appended:
                int version = record.SchemaVersion + 1;
                update.Tables.Add(record with { Kind = table.Kind, SchemaVersion = version, Updated = now });
                update.Schemas.Add(ToRecord(table.Name, version, declared, now));
                break;
            default:
                // Kind is not part of the schema (rows read the same), but the catalog keeps it current.
                if (record.Kind != table.Kind)
                {
                    update.Tables.Add(record with { Kind = table.Kind, Updated = now });
                }

                break;
        }
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

    // A catalog without its format record is only valid when it is empty: a store opened for the first time.
    private static void RequireEmpty(CatalogStore catalog)
    {
        if (catalog.Tables.Count() > 0 || catalog.Schemas.Count() > 0 || catalog.Sequences.Count() > 0)
        {
            throw Corrupt("__store", CatalogFormat.RecordName, "the catalog holds tables, schemas or sequences but no format record");
        }
    }

    private static TableSchema ReadSchema(CatalogStore catalog, string table, int version)
    {
        string key = $"{table}, {version.ToString(CultureInfo.InvariantCulture)}";
        CatalogSchemaRecord? record = Read(static k => k.Schemas.Get(k.Table, k.Version), (catalog.Schemas, Table: table, Version: version));
        if (record is null)
        {
            throw Corrupt("__schemas", key, $"table '{table}' is at schema version {version}, but that version is not recorded");
        }

        if (record.KeyParts is null || record.Members is null)
        {
            throw Corrupt("__schemas", key, "the schema has no key part or member list");
        }

        SchemaKeyPart[] keyParts = new SchemaKeyPart[record.KeyParts.Count];
        for (int i = 0; i < keyParts.Length; i++)
        {
            CatalogKeyPart? part = record.KeyParts[i];
            keyParts[i] = part is null ? default : new SchemaKeyPart(part.Name, part.Type, part.Descending);
        }

        SchemaMember[] members = new SchemaMember[record.Members.Count];
        for (int i = 0; i < members.Length; i++)
        {
            CatalogMember? member = record.Members[i];
            members[i] = member is null ? default : new SchemaMember(member.Name, member.Type);
        }

        try
        {
            return new TableSchema(keyParts, members);
        }
        catch (ArgumentException ex)
        {
            throw Corrupt("__schemas", key, $"the recorded schema is invalid ({ex.Message})");
        }
    }

    private static CatalogSchemaRecord ToRecord(string table, int version, TableSchema schema, DateTimeOffset now)
    {
        CatalogKeyPart[] keyParts = new CatalogKeyPart[schema.KeyParts.Count];
        for (int i = 0; i < keyParts.Length; i++)
        {
            SchemaKeyPart part = schema.KeyParts[i];
            keyParts[i] = new CatalogKeyPart(part.Name, part.Type, part.Descending);
        }

        CatalogMember[] members = new CatalogMember[schema.Members.Count];
        for (int i = 0; i < members.Length; i++)
        {
            members[i] = new CatalogMember(schema.Members[i].Name, schema.Members[i].Type);
        }

        return new CatalogSchemaRecord(table, version, keyParts, members, now);
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
            throw new CorruptDataException($"The store's catalog is corrupt, so the store cannot be opened safely (nothing was changed): {ex.Message}", ex)
            {
                Table = ex.Table,
                Key = ex.Key,
            };
        }
    }

    private static CorruptDataException Corrupt(string table, string key, string reason)
        => new($"The store's catalog is corrupt, so the store cannot be opened safely (nothing was changed): table '{table}', key {key}: {reason}.")
        {
            Table = table,
            Key = key,
        };

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
