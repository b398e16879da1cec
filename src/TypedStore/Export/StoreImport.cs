using System.IO.Hashing;
using System.IO.Pipelines;
using TypedStore.Catalog;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Export;

/// <summary>
/// Reads the native export format (docs/export-format.md) into a store whose tables exist and are empty. A table's
/// header is checked against the target's catalog (kind, options, schema, indexes) before any of its rows is written;
/// rows are written in atomic engine batches of about <see cref="ExportFormat.ImportBatchBytes"/>; when anything in a
/// table's frames turns out damaged, what was written of that table (rows and index entries) is removed again, so a
/// table is imported whole or not at all. Tables completed before stay.
/// </summary>
internal static class StoreImport
{
    public static async Task<ExportSummary> ImportAsync(StoreRuntime runtime, PipeReader input, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(input);
        StorageEngine engine = runtime.Engine;
        if (engine.IsReadOnly)
        {
            throw new InvalidOperationException("The store is open read-only; an import writes. Nothing was imported.");
        }

        Dictionary<string, StoredTable> targets = new(StringComparer.Ordinal);
        foreach (StoredTable table in StoredTables.Read(runtime))
        {
            targets.Add(table.Name, table);
        }

        using ExportFrameReader frames = new(input);
        await frames.ReadStreamHeaderAsync(cancellationToken).ConfigureAwait(false);
        ImportTotals totals = new();
        HashSet<string> imported = new(StringComparer.Ordinal);
        while (true)
        {
            ExportFrameKind kind = await frames.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
            if (kind == ExportFrameKind.End)
            {
                ReadEnd(frames.Payload, imported.Count, totals);
                await frames.RequireEndOfStreamAsync(cancellationToken).ConfigureAwait(false);
                return new ExportSummary(imported.Count, totals.Rows, totals.Bytes);
            }

            if (kind != ExportFrameKind.TableStart)
            {
                throw Damaged($"a {kind} frame where a table's start or the end was expected", table: null);
            }

            ExportTableHeader header = ExportTableHeader.Read(frames.Payload);
            if (!imported.Add(header.Name))
            {
                throw Damaged($"table '{header.Name}' appears twice", header.Name);
            }

            StorageColumnFamily[] columnFamilies = Check(engine, targets, header);
            await ImportTableAsync(runtime, frames, header, columnFamilies, totals, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    // The target's table must be the exported one, and empty: only then can a failure put it back as it was (empty).
    private static StorageColumnFamily[] Check(StorageEngine engine, Dictionary<string, StoredTable> targets, ExportTableHeader header)
    {
        if (!targets.TryGetValue(header.Name, out StoredTable? target))
        {
            throw Mismatch(header.Name, $"the target store has no table '{header.Name}' (its tables: {string.Join(", ", targets.Keys)}). Open the store once with code that declares it, then import");
        }

        if (target.OptionsText != header.Options)
        {
            throw Mismatch(header.Name, $"table '{header.Name}' has other options in the target store. Export: {header.Options}. Target: {target.OptionsText}");
        }

        string schema = target.Schema.ToString();
        if (schema != header.Schema)
        {
            throw Mismatch(header.Name, $"table '{header.Name}' has another schema in the target store. Export: {header.Schema}. Target: {schema}");
        }

        ExportTableHeader expected = ExportTableHeader.Of(target);
        if (!expected.Indexes.SequenceEqual(header.Indexes))
        {
            throw Mismatch(header.Name, $"table '{header.Name}' has other indexes in the target store. Export: [{string.Join("; ", header.Indexes)}]. Target: [{string.Join("; ", expected.Indexes)}]");
        }

        StorageColumnFamily[] columnFamilies = new StorageColumnFamily[1 + header.IndexColumnFamilies.Count];
        for (int i = 0; i < columnFamilies.Length; i++)
        {
            string name = i == 0 ? header.Name : expected.IndexColumnFamilies[i - 1];
            if (!engine.TryGetStoredColumnFamily(name, out StorageColumnFamily? columnFamily))
            {
                throw Mismatch(header.Name, $"the target store records table '{header.Name}' but holds no column family '{name}'");
            }

            using StorageIterator iterator = engine.CreateIterator(columnFamily);
            iterator.SeekToFirst();
            if (iterator.IsValid)
            {
                throw Mismatch(header.Name, $"table '{header.Name}' is not empty in the target store ('{name}' holds entries); an import fills empty tables only, so nothing of it is overwritten");
            }

            columnFamilies[i] = columnFamily;
        }

        return columnFamilies;
    }

    private static async Task ImportTableAsync(StoreRuntime runtime, ExportFrameReader frames, ExportTableHeader header, StorageColumnFamily[] columnFamilies, ImportTotals totals, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        StorageEngine engine = runtime.Engine;
        long totalRowsBefore = totals.Rows;
        long totalBytesBefore = totals.Bytes;
        long tableRows = 0;
        try
        {
            using StorageWriteBatch batch = engine.CreateWriteBatch();
            for (int i = 0; i < columnFamilies.Length; i++)
            {
                StorageColumnFamily columnFamily = columnFamilies[i];
                if (await frames.ReadFrameAsync(cancellationToken).ConfigureAwait(false) != ExportFrameKind.ColumnFamilyStart)
                {
                    throw Damaged($"the rows of '{columnFamily.Name}' do not start where they should", header.Name);
                }

                string name = ReadSingleString(frames.Payload, "column family start");
                if (name != columnFamily.Name)
                {
                    throw Damaged($"'{name}' comes where '{columnFamily.Name}' was expected", header.Name);
                }

                Crc32 rowsCrc = new();
                long rows = 0;
                long batchBytes = 0;
                while (true)
                {
                    // A pipe over buffered data completes reads without looking at the token.
                    cancellationToken.ThrowIfCancellationRequested();
                    ExportFrameKind kind = await frames.ReadFrameAsync(cancellationToken).ConfigureAwait(false);
                    if (kind == ExportFrameKind.ColumnFamilyEnd)
                    {
                        (long count, uint crc) = ReadColumnFamilyEnd(frames.Payload);
                        if (count != rows || crc != rowsCrc.GetCurrentHashAsUInt32())
                        {
                            throw Damaged($"'{columnFamily.Name}' should hold {count} entries, the stream held {rows}{(count == rows ? " with other contents" : string.Empty)}: frames are missing or out of order", header.Name);
                        }

                        break;
                    }

                    if (kind != ExportFrameKind.Rows)
                    {
                        throw Damaged($"a {kind} frame inside the rows of '{columnFamily.Name}'", header.Name);
                    }

                    (int added, long bytes) = AddRows(batch, columnFamily, frames.Payload, rowsCrc);
                    rows += added;
                    tableRows += added;
                    totals.Rows += added;
                    totals.Bytes += bytes;
                    batchBytes += bytes;
                    if (batchBytes >= ExportFormat.ImportBatchBytes)
                    {
                        engine.Write(batch);
                        batch.Clear();
                        batchBytes = 0;
                        progress?.Report(new ImportProgress(header.Name, tableRows, totals.Rows, totals.Bytes, TableCompleted: false));
                    }
                }

                if (batch.Count > 0)
                {
                    engine.Write(batch);
                    batch.Clear();
                }
            }

            if (await frames.ReadFrameAsync(cancellationToken).ConfigureAwait(false) != ExportFrameKind.TableEnd)
            {
                throw Damaged("its end frame is missing", header.Name);
            }

            long expected = ReadTableEnd(frames.Payload);
            if (expected != tableRows)
            {
                throw Damaged($"it should hold {expected} entries, the stream held {tableRows}", header.Name);
            }

            // Ids the exporting store reserved are never handed out here: its reservation is taken over as is.
            if (header.SequenceReserved > 0)
            {
                runtime.Catalog.GetSequence(header.Name).AdoptReservation(header.SequenceReserved);
            }
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            totals.Rows = totalRowsBefore;
            totals.Bytes = totalBytesBefore;
            RemoveWritten(engine, header.Name, columnFamilies, failure);

            // Damage found by the frame reader knows no table: the import does.
            if (failure is ExportFormatException { Table: null } damaged)
            {
                throw new ExportFormatException($"{damaged.Message} It was found in table '{header.Name}': nothing of that table was kept; tables completed before it stay imported.", damaged)
                {
                    Table = header.Name,
                };
            }

            throw;
        }

        progress?.Report(new ImportProgress(header.Name, tableRows, totals.Rows, totals.Bytes, TableCompleted: true));
    }

    private static string ReadSingleString(ReadOnlySpan<byte> payload, string frame)
    {
        ExportPayloadReader reader = new(payload, frame);
        string value = reader.ReadString();
        reader.RequireEnd();
        return value;
    }

    private static (long Count, uint Crc) ReadColumnFamilyEnd(ReadOnlySpan<byte> payload)
    {
        ExportPayloadReader reader = new(payload, "column family end");
        long count = reader.ReadInt64();
        uint crc = reader.ReadUInt32();
        reader.RequireEnd();
        return (count, crc);
    }

    private static long ReadTableEnd(ReadOnlySpan<byte> payload)
    {
        ExportPayloadReader reader = new(payload, "table end");
        long rows = reader.ReadInt64();
        reader.RequireEnd();
        return rows;
    }

    // Adds one rows frame to the batch; the rows (after the count) go into the column family's running CRC.
    private static (int Rows, long Bytes) AddRows(StorageWriteBatch batch, StorageColumnFamily columnFamily, ReadOnlySpan<byte> payload, Crc32 rowsCrc)
    {
        rowsCrc.Append(payload[Math.Min(4, payload.Length)..]);
        ExportPayloadReader reader = new(payload, "rows");
        int count = checked((int)reader.ReadUInt32());
        long bytes = 0;
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> key = reader.ReadBytes();
            ReadOnlySpan<byte> value = reader.ReadBytes();
            if (key.Length == 0)
            {
                throw new ExportFormatException($"The export stream is damaged: an entry of '{columnFamily.Name}' has an empty key.");
            }

            batch.Put(columnFamily, key, value);
            bytes += key.Length + value.Length;
        }

        reader.RequireEnd();
        return (count, bytes);
    }

    // The table was empty before its import started (Check), so putting it back means emptying what was written.
    private static void RemoveWritten(StorageEngine engine, string table, StorageColumnFamily[] columnFamilies, Exception failure)
    {
        try
        {
            foreach (StorageColumnFamily columnFamily in columnFamilies)
            {
                byte[]? first = null;
                byte[]? last = null;
                using (StorageIterator iterator = engine.CreateIterator(columnFamily))
                {
                    iterator.SeekToFirst();
                    if (!iterator.IsValid)
                    {
                        continue;
                    }

                    first = iterator.Key.ToArray();
                    iterator.SeekToLast();
                    last = iterator.Key.ToArray();
                }

                using StorageWriteBatch undo = engine.CreateWriteBatch();
                undo.DeleteRange(columnFamily, first, last);
                undo.Delete(columnFamily, last);
                engine.Write(undo);
            }
        }
        catch (Exception undoFailure)
        {
            throw new AggregateException(
                $"Importing table '{table}' failed, and so did removing the part of it already written; the table must be emptied before it is imported again. Both errors are inner exceptions.",
                failure,
                undoFailure);
        }
    }

    private static void ReadEnd(ReadOnlySpan<byte> payload, int tables, ImportTotals totals)
    {
        ExportPayloadReader end = new(payload, "end");
        uint expectedTables = end.ReadUInt32();
        long expectedRows = end.ReadInt64();
        long expectedBytes = end.ReadInt64();
        end.RequireEnd();
        if (expectedTables != tables || expectedRows != totals.Rows || expectedBytes != totals.Bytes)
        {
            throw Damaged($"its end frame counts {expectedTables} tables and {expectedRows} entries, the stream held {tables} and {totals.Rows}", table: null);
        }
    }

    private static ExportFormatException Damaged(string what, string? table)
        => new($"The export stream is damaged{(table is null ? string.Empty : $" in table '{table}'")}: {what}. {(table is null ? "Tables completed before it stay imported." : "Nothing of that table was kept; tables completed before it stay imported.")}")
        {
            Table = table,
        };

    private static ExportFormatException Mismatch(string table, string what)
        => new($"The export does not match the target store: {what}. Nothing of table '{table}' was imported; tables completed before it stay imported.")
        {
            Table = table,
        };

    private sealed class ImportTotals
    {
        public long Rows;
        public long Bytes;
    }
}
