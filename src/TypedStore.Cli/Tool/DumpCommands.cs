using System.Text.Json;
using TypedStore.Catalog;
using TypedStore.Cli.Reading;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Cli.Tool;

/// <summary><c>dump</c> and <c>get</c>: rows decoded from the catalog's schema.</summary>
internal static class DumpCommands
{
    public static int Dump(string path, string tableName, IReadOnlyList<string> prefix, int? limit, string format)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        StoredTable table = session.GetTable(tableName);
        RowDecoder decoder = new(table);
        byte[]? prefixBytes = prefix.Count == 0 ? null : EncodePrefix(decoder, prefix);
        IEnumerable<ToolRow> rows = TableRows.Read(session, decoder, prefixBytes);
        if (limit is { } n)
        {
            rows = rows.Take(n);
        }

        switch (format)
        {
            case "json":
            case "jsonl":
                using (Stream stdout = Console.OpenStandardOutput())
                {
                    WriteJson(stdout, rows, lines: format == "jsonl");
                }

                break;
            default:
                string[] columns = [.. decoder.KeyParts.Select(p => p.Part.Name), .. decoder.Members.Select(m => m.Name), "_updated"];
                ToolOutput.Table($"{table.Name}", columns, rows.Select(row => (IReadOnlyList<string>)[
                    .. row.KeyParts.Fields.Select(f => ValueText.Format(f.Value)),
                    .. row.Members.Fields.Select(f => ValueText.Format(f.Value)),
                    ValueText.Format(row.Header.Updated),
                ]).ToList());
                break;
        }

        return ExitCodes.Ok;
    }

    public static int Get(string path, string tableName, IReadOnlyList<string> keyParts, string format)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        StoredTable table = session.GetTable(tableName);
        RowDecoder decoder = new(table);
        byte[] key;
        try
        {
            key = decoder.EncodeKey(keyParts);
        }
        catch (ArgumentException ex)
        {
            throw new ToolException(ExitCodes.Usage, ex.Message, ex);
        }

        StorageColumnFamily columnFamily = session.GetColumnFamily(table.Name);
        using ValueBuffer buffer = new();
        if (!session.Engine.TryGet(columnFamily, key, buffer) || IsHiddenBySoftDelete(session, columnFamily, key))
        {
            throw new ToolException(ExitCodes.NotFound, $"Table '{table.Name}' has no row with key {TableRows.Render(decoder.DecodeKey(key))}.");
        }

        ToolRow row = TableRows.Decode(decoder, key, buffer.WrittenSpan.ToArray());
        if (format == "table")
        {
            ToolOutput.Properties($"{table.Name} {TableRows.Render(row.KeyParts)}",
                row.KeyParts.Fields.Concat(row.Members.Fields).Select(f => (f.Key, ValueText.Format(f.Value))).Append(("_updated", ValueText.Format(row.Header.Updated))));
        }
        else
        {
            using Stream stdout = Console.OpenStandardOutput();
            WriteJson(stdout, [row], lines: true);
        }

        return ExitCodes.Ok;
    }

    internal static void WriteJson(Stream output, IEnumerable<ToolRow> rows, bool lines, string? table = null)
    {
        using Utf8JsonWriter writer = new(output, new JsonWriterOptions { Indented = !lines });
        if (!lines)
        {
            writer.WriteStartArray();
        }

        foreach (ToolRow row in rows)
        {
            RowJson.Write(writer, row, table);
            if (lines)
            {
                // One document per line: the writer starts afresh (no separator) after each.
                writer.Flush();
                output.WriteByte((byte)'\n');
                writer.Reset(output);
            }
        }

        if (!lines)
        {
            writer.WriteEndArray();
            writer.Flush();
            output.WriteByte((byte)'\n');
        }
    }

    // The first key parts, encoded: every key starting with them (docs/key-encoding.md, "The prefix rule").
    private static byte[] EncodePrefix(RowDecoder decoder, IReadOnlyList<string> parts)
    {
        if (parts.Count > decoder.KeyParts.Count)
        {
            throw new ToolException(ExitCodes.Usage, $"--prefix has {parts.Count} parts; table '{decoder.Table.Name}' has {decoder.KeyParts.Count} key part(s).");
        }

        KeyWriter writer = new(stackalloc byte[256]);
        try
        {
            for (int i = 0; i < parts.Count; i++)
            {
                KeyText.Write(ref writer, decoder.KeyParts[i].Type, decoder.KeyParts[i].Part, parts[i]);
            }

            return writer.WrittenSpan.ToArray();
        }
        catch (ArgumentException ex)
        {
            throw new ToolException(ExitCodes.Usage, ex.Message, ex);
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static bool IsHiddenBySoftDelete(StoreSession session, StorageColumnFamily columnFamily, byte[] key)
    {
        byte[] marker = [.. key, 0];
        using ValueBuffer buffer = new();
        return session.Engine.TryGet(columnFamily, marker, buffer) && ValueEnvelope.TryReadHeader(buffer.WrittenSpan, out ValueHeader header) && header.IsDeleted;
    }
}
