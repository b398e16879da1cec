using System.Buffers.Binary;
using TypedStore.Catalog;
using TypedStore.Cli.Reading;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Cli.Tool;

/// <summary>
/// <c>verify</c>: the catalog is read whole (opening the session does), every key and value of every table is decoded
/// against its schema, and every index is checked from the catalog alone: each entry names a live row, and there are
/// as many entries as live rows. Every problem is printed (table, key, what); the exit code is
/// <see cref="ExitCodes.VerifyFailed"/> when there is any.
/// </summary>
internal static class VerifyCommand
{
    private const int MaxReportedPerTable = 20;

    public static int Run(string path)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        using StorageSnapshot snapshot = session.Engine.CreateSnapshot();
        int problems = 0;
        foreach (StoredTable table in session.Tables)
        {
            RowDecoder decoder = new(table);
            // Live row keys are kept only where indexes are checked against them (bounded by the table's row count).
            bool keepKeys = table.Indexes.Count > 0;
            HashSet<string> liveKeys = new(StringComparer.Ordinal);
            int tableProblems = 0;
            long rows = 0;
            StorageColumnFamily columnFamily = session.GetColumnFamily(table.Name);
            using (StorageIterator iterator = session.Engine.CreateIterator(columnFamily, snapshot: snapshot))
            {
                byte[]? previous = null;
                for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
                {
                    byte[] key = iterator.Key.ToArray();
                    byte[] value = iterator.Value.ToArray();
                    if (ValueEnvelope.TryReadHeader(value, out ValueHeader header) && header.IsDeleted && value.Length == ValueEnvelope.HeaderLength)
                    {
                        if (!table.Record.Options?.SoftDelete ?? false)
                        {
                            Report(ref tableProblems, table.Name, $"key {Convert.ToHexString(key)}: a deletion marker in a table without SoftDelete");
                        }

                        if (previous is not null && key.Length == previous.Length + 1 && key.AsSpan().StartsWith(previous))
                        {
                            if (keepKeys)
                            {
                                liveKeys.Remove(Convert.ToHexString(previous));
                            }

                            rows--;
                        }

                        previous = null;
                        continue;
                    }

                    try
                    {
                        TableRows.Decode(decoder, key, value);
                        if (keepKeys)
                        {
                            liveKeys.Add(Convert.ToHexString(key));
                        }

                        rows++;
                    }
                    catch (RowDecodeException ex)
                    {
                        Report(ref tableProblems, table.Name, ex.Message);
                    }

                    previous = key;
                }
            }

            foreach (CatalogIndexRecord index in table.Indexes)
            {
                VerifyIndex(session, snapshot, table, index, liveKeys, ref tableProblems);
            }

            ToolOutput.Line($"{table.Name}: {rows} rows, {table.Indexes.Count} indexes, {(tableProblems == 0 ? "ok" : $"{tableProblems} problem(s)")}");
            problems += tableProblems;
        }

        if (problems > 0)
        {
            ToolOutput.Error($"verify: {problems} problem(s) found.");
            return ExitCodes.VerifyFailed;
        }

        ToolOutput.Line("verify: ok");
        return ExitCodes.Ok;
    }

    // docs/indexes.md, "Entries": the value starts with the row key's length; the row key ends the entry's key (plain)
    // or follows the length in the value (unique, no null part).
    private static void VerifyIndex(StoreSession session, StorageSnapshot snapshot, StoredTable table, CatalogIndexRecord index, HashSet<string> liveKeys, ref int problems)
    {
        string name = StoredTable.IndexColumnFamily(index);
        if (!session.Engine.TryGetStoredColumnFamily(name, out StorageColumnFamily? columnFamily))
        {
            Report(ref problems, table.Name, $"index '{index.Name}' is recorded as built, but its column family '{name}' is missing");
            return;
        }

        long entries = 0;
        HashSet<string> seen = new(StringComparer.Ordinal);
        using StorageIterator iterator = session.Engine.CreateIterator(columnFamily, snapshot: snapshot);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            entries++;
            ReadOnlySpan<byte> key = iterator.Key;
            ReadOnlySpan<byte> value = iterator.Value;
            if (value.Length < 4)
            {
                Report(ref problems, table.Name, $"index '{index.Name}', entry {Convert.ToHexString(key)}: its value is {value.Length} bytes, not a row-key length");
                continue;
            }

            uint length = BinaryPrimitives.ReadUInt32LittleEndian(value);
            ReadOnlySpan<byte> rowKey = value.Length > 4
                ? (value.Length - 4 == length ? value[4..] : [])
                : (length <= key.Length ? key[^(int)length..] : []);
            if (rowKey.IsEmpty)
            {
                Report(ref problems, table.Name, $"index '{index.Name}', entry {Convert.ToHexString(key)}: its row-key length {length} does not fit the entry");
                continue;
            }

            string hex = Convert.ToHexString(rowKey);
            if (!liveKeys.Contains(hex))
            {
                Report(ref problems, table.Name, $"index '{index.Name}', entry {Convert.ToHexString(key)}: it names row {Keys.KeyDisplay.Render(rowKey)}, which is not a live row");
            }
            else if (!seen.Add(hex))
            {
                Report(ref problems, table.Name, $"index '{index.Name}': row {Keys.KeyDisplay.Render(rowKey)} has more than one entry");
            }
        }

        if (seen.Count < liveKeys.Count)
        {
            Report(ref problems, table.Name, $"index '{index.Name}' has entries for {seen.Count} of {liveKeys.Count} live rows");
        }
    }

    private static void Report(ref int problems, string table, string message)
    {
        problems++;
        if (problems <= MaxReportedPerTable)
        {
            ToolOutput.Error($"{table}: {message}");
        }
        else if (problems == MaxReportedPerTable + 1)
        {
            ToolOutput.Error($"{table}: more problems; only the first {MaxReportedPerTable} are shown");
        }
    }
}
