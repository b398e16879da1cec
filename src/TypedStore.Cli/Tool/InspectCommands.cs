using System.Globalization;
using TypedStore.Catalog;
using TypedStore.Cli.Reading;
using TypedStore.Storage;

namespace TypedStore.Cli.Tool;

/// <summary><c>info</c>, <c>describe</c>, <c>count</c> and <c>stats</c>: what the catalog and the engine say about a store.</summary>
internal static class InspectCommands
{
    public static int Info(string path)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        IStorageMaintenance? maintenance = session.Engine.TryGetCapability<IStorageMaintenance>();
        ToolOutput.Properties($"Store {session.Path}", [
            ("path", session.Path),
            ("tables", session.Tables.Count.ToString(CultureInfo.InvariantCulture)),
            ("size on disk", FormatBytes(DirectorySize(session.Path))),
        ]);
        ToolOutput.Table("Tables", ["table", "kind", "schema version", "estimated rows", "indexes", "options"],
            session.Tables.Select(table => (IReadOnlyList<string>)[
                table.Name,
                table.Record.Kind.ToString(),
                table.Record.SchemaVersion.ToString(CultureInfo.InvariantCulture),
                maintenance?.EstimateKeyCount(session.GetColumnFamily(table.Name)).ToString(CultureInfo.InvariantCulture) ?? "?",
                table.Indexes.Count.ToString(CultureInfo.InvariantCulture),
                table.OptionsText,
            ]));
        return ExitCodes.Ok;
    }

    public static int Describe(string path, string tableName)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        StoredTable table = session.GetTable(tableName);
        ToolOutput.Properties($"Table {table.Name}", [
            ("kind", table.Record.Kind.ToString()),
            ("options", table.OptionsText),
            ("schema version", table.Record.SchemaVersion.ToString(CultureInfo.InvariantCulture)),
            ("created", table.Record.Created.ToString("O", CultureInfo.InvariantCulture)),
            ("updated", table.Record.Updated.ToString("O", CultureInfo.InvariantCulture)),
            ("id sequence reserved", table.SequenceReserved.ToString(CultureInfo.InvariantCulture)),
            ("schema", table.Schema.ToString()),
        ]);
        ToolOutput.Table("Columns", ["column", "role", "type"],
            table.Schema.KeyParts.Select(part => (IReadOnlyList<string>)[part.Name, part.Descending ? "key (desc)" : "key", part.Type])
                .Concat(table.Schema.Members.Select(member => (IReadOnlyList<string>)[member.Name, "member", member.Type])));
        foreach (var type in table.Schema.ObjectTypes)
        {
            ToolOutput.Table($"Nested type {type.Type}", ["member", "type"], type.Members.Select(m => (IReadOnlyList<string>)[m.Name, m.Type]));
        }

        if (table.Indexes.Count > 0)
        {
            ToolOutput.Table("Indexes", ["index", "unique", "members", "built"], table.Indexes.Select(index => (IReadOnlyList<string>)[
                index.Name, index.Unique ? "yes" : "no", string.Join(", ", index.Members ?? []), index.Built.ToString("O", CultureInfo.InvariantCulture)]));
        }

        return ExitCodes.Ok;
    }

    /// <summary>Exact live row counts (every entry is visited; deletion markers hide their rows).</summary>
    public static int Count(string path, string? tableName)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        IEnumerable<StoredTable> tables = tableName is null ? session.Tables : [session.GetTable(tableName)];
        ToolOutput.Table(null, ["table", "rows"], tables.Select(table =>
        {
            RowDecoder decoder = new(table);
            long rows = CountLive(session, decoder);
            return (IReadOnlyList<string>)[table.Name, rows.ToString(CultureInfo.InvariantCulture)];
        }).ToList());
        return ExitCodes.Ok;
    }

    public static int Stats(string path)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        IStorageMaintenance maintenance = session.Engine.TryGetCapability<IStorageMaintenance>()
            ?? throw new ToolException(ExitCodes.Failed, "This engine reports no statistics.");
        string[] properties = ["rocksdb.estimate-num-keys", "rocksdb.total-sst-files-size", "rocksdb.cur-size-all-mem-tables", "rocksdb.num-live-versions", "rocksdb.estimate-pending-compaction-bytes"];
        List<string> columnFamilies = [.. session.Engine.ColumnFamilies.Select(cf => cf.Name)];
        ToolOutput.Table("Engine statistics per column family", ["column family", .. properties.Select(p => p["rocksdb.".Length..])],
            columnFamilies.Select(name =>
            {
                StorageColumnFamily columnFamily = session.GetColumnFamily(name);
                return (IReadOnlyList<string>)[name, .. properties.Select(p => maintenance.GetProperty(columnFamily, p) ?? "?")];
            }).ToList());
        return ExitCodes.Ok;
    }

    internal static long CountLive(StoreSession session, RowDecoder decoder)
    {
        // Values are not decoded; a deletion marker is told by its header and hides the row right before it, if there.
        long rows = 0;
        byte[] previousRow = [];
        bool previousIsRow = false;
        StorageColumnFamily columnFamily = session.GetColumnFamily(decoder.Table.Name);
        using StorageIterator iterator = session.Engine.CreateIterator(columnFamily);
        iterator.SeekToFirst();
        while (iterator.IsValid)
        {
            ReadOnlySpan<byte> key = iterator.Key;
            ReadOnlySpan<byte> value = iterator.Value;
            bool marker = value.Length == Values.ValueEnvelope.HeaderLength && Values.ValueEnvelope.TryReadHeader(value, out var header) && header.IsDeleted;
            if (!marker)
            {
                rows++;
                previousRow = key.ToArray();
                previousIsRow = true;
            }
            else
            {
                if (previousIsRow && key.Length == previousRow.Length + 1 && key.StartsWith(previousRow))
                {
                    rows--;
                }

                previousIsRow = false;
            }

            iterator.Next();
        }

        return rows;
    }

    internal static long DirectorySize(string path)
        => new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);

    internal static string FormatBytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):F1} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):F2} GiB",
    };
}
