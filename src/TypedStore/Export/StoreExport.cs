using System.IO.Hashing;
using System.IO.Pipelines;
using TypedStore.Catalog;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Export;

/// <summary>
/// Writes a store's tables in the native export format (docs/export-format.md) from the catalog and the engine's
/// bytes alone: the generated store's <c>ExportAsync</c> and the <c>typedstore export</c> command run this. Every
/// table is read from one snapshot, so the export is one consistent point in time. Memory stays bounded by one frame
/// (<see cref="ExportFormat.TargetRowsPayload"/>) plus what the pipe buffers before it applies back-pressure.
/// </summary>
internal static class StoreExport
{
    /// <summary>Exports <paramref name="tables"/> (every table of the catalog when <see langword="null"/>) to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">A table asked for is not in the store.</exception>
    public static async Task<ExportSummary> ExportAsync(StoreRuntime runtime, PipeWriter output, IReadOnlyCollection<string>? tables, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(output);
        StorageEngine engine = runtime.Engine;

        // The snapshot first, the catalog after: a sequence's reservation read now covers every generated id in the
        // snapshot's rows (ids are reserved before they are written), so the importer never hands one out again.
        using StorageSnapshot snapshot = engine.CreateSnapshot();
        IReadOnlyList<StoredTable> selected = Select(StoredTables.Read(runtime), tables);

        ExportFrameWriter frames = new(output);
        ExportPayloadWriter payload = new();
        long totalRows = 0;
        long totalBytes = 0;
        await frames.WriteStreamHeaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (StoredTable table in selected)
        {
            ExportTableHeader header = ExportTableHeader.Of(table);
            payload.Reset();
            header.Write(payload);
            await frames.WriteFrameAsync(ExportFrameKind.TableStart, payload, cancellationToken).ConfigureAwait(false);

            ExportCounters counters = new();
            await ExportColumnFamilyAsync(engine, snapshot, table.Name, table.Name, frames, payload, counters, cancellationToken).ConfigureAwait(false);
            foreach (string columnFamily in header.IndexColumnFamilies)
            {
                await ExportColumnFamilyAsync(engine, snapshot, table.Name, columnFamily, frames, payload, counters, cancellationToken).ConfigureAwait(false);
            }

            long tableRows = counters.Rows;

            payload.Reset();
            payload.WriteInt64(tableRows);
            await frames.WriteFrameAsync(ExportFrameKind.TableEnd, payload, cancellationToken).ConfigureAwait(false);
            totalRows += tableRows;
            totalBytes += counters.Bytes;
            progress?.Report(new ImportProgress(table.Name, tableRows, totalRows, totalBytes, TableCompleted: true));
        }

        payload.Reset();
        payload.WriteUInt32((uint)selected.Count);
        payload.WriteInt64(totalRows);
        payload.WriteInt64(totalBytes);
        await frames.WriteFrameAsync(ExportFrameKind.End, payload, cancellationToken).ConfigureAwait(false);
        return new ExportSummary(selected.Count, totalRows, totalBytes);
    }

    private static async Task ExportColumnFamilyAsync(StorageEngine engine, StorageSnapshot snapshot, string table, string name, ExportFrameWriter frames, ExportPayloadWriter payload, ExportCounters counters, CancellationToken cancellationToken)
    {
        if (!engine.TryGetStoredColumnFamily(name, out StorageColumnFamily? columnFamily))
        {
            throw new CorruptDataException($"The store's catalog records '{name}', but the store holds no column family of that name, so table '{table}' cannot be exported.")
            {
                Table = table,
            };
        }

        payload.Reset();
        payload.WriteString(name);
        await frames.WriteFrameAsync(ExportFrameKind.ColumnFamilyStart, payload, cancellationToken).ConfigureAwait(false);

        Crc32 rowsCrc = new();
        long rows = 0;
        long bytes = 0;
        StorageIterator iterator = engine.CreateIterator(columnFamily, snapshot: snapshot);
        try
        {
            iterator.SeekToFirst();
            while (iterator.IsValid)
            {
                int inFrame = FillFrame(iterator, payload, rowsCrc, ref bytes);
                rows += inFrame;

                // The iterator is not touched across the await: it stays positioned on the next row.
                await frames.WriteFrameAsync(ExportFrameKind.Rows, payload, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            iterator.Dispose();
        }

        payload.Reset();
        payload.WriteInt64(rows);
        payload.WriteUInt32(rowsCrc.GetCurrentHashAsUInt32());
        await frames.WriteFrameAsync(ExportFrameKind.ColumnFamilyEnd, payload, cancellationToken).ConfigureAwait(false);
        counters.Rows += rows;
        counters.Bytes += bytes;
    }

    // What one table's column families add up to (async methods cannot take ref parameters).
    private sealed class ExportCounters
    {
        public long Rows;
        public long Bytes;
    }

    // Fills one rows frame from the iterator's position: at least one row, then rows while the frame is under its target size.
    private static int FillFrame(StorageIterator iterator, ExportPayloadWriter payload, Crc32 rowsCrc, ref long bytes)
    {
        payload.Reset();
        payload.WriteUInt32(0);
        int count = 0;
        while (iterator.IsValid && (count == 0 || payload.Length < ExportFormat.TargetRowsPayload))
        {
            ReadOnlySpan<byte> key = iterator.Key;
            ReadOnlySpan<byte> value = iterator.Value;
            payload.WriteBytes(key);
            payload.WriteBytes(value);
            bytes += key.Length + value.Length;
            count++;
            iterator.Next();
        }

        // The count goes in front, known only now.
        payload.PatchUInt32(0, (uint)count);
        rowsCrc.Append(payload.Written[4..]);
        return count;
    }

    private static List<StoredTable> Select(IReadOnlyList<StoredTable> stored, IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return [.. stored];
        }

        List<StoredTable> selected = [];
        foreach (string name in names)
        {
            StoredTable? table = null;
            foreach (StoredTable candidate in stored)
            {
                if (candidate.Name == name)
                {
                    table = candidate;
                }
            }

            if (table is null)
            {
                throw new ArgumentException($"The store has no table '{name}'; its tables are: {string.Join(", ", stored.Select(t => t.Name))}.", nameof(names));
            }

            if (!selected.Contains(table))
            {
                selected.Add(table);
            }
        }

        selected.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        return selected;
    }
}
