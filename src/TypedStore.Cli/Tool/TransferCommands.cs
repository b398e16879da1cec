using System.IO.Pipelines;
using TypedStore.Catalog;
using TypedStore.Cli.Reading;
using TypedStore.Export;
using TypedStore.Storage;

namespace TypedStore.Cli.Tool;

/// <summary><c>export</c> (native, jsonl) and <c>import</c> (native): the library's export code, on a file.</summary>
internal static class TransferCommands
{
    public static async Task<int> ExportAsync(string path, string file, IReadOnlyList<string> tables, string format, bool partitionByUser, CancellationToken cancellationToken)
    {
        using StoreSession session = StoreSession.Open(path, write: false);
        IReadOnlyCollection<string>? selected = tables.Count == 0 ? null : tables;
        foreach (string name in tables)
        {
            session.GetTable(name);
        }

        switch (format)
        {
            case "native":
            {
                long estimate = EstimateEntries(session, selected);
                string partial = file + ".partial";
                ExportSummary summary;
                await using (FileStream stream = new(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    PipeWriter writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
                    summary = await ToolOutput.WithProgressAsync("export", estimate,
                        progress => StoreExport.ExportAsync(session.Runtime, writer, selected, progress, cancellationToken)).ConfigureAwait(false);
                    await writer.CompleteAsync().ConfigureAwait(false);
                    await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                // Only a complete export gets the name asked for.
                File.Move(partial, file, overwrite: true);
                ToolOutput.Line($"exported {summary.Tables} tables, {summary.Rows} entries, {summary.Bytes} bytes of keys and values to {file} ({new FileInfo(file).Length} bytes)");
                return ExitCodes.Ok;
            }

            case "jsonl":
            {
                long rows = 0;
                await using (FileStream stream = new(file, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    foreach (StoredTable table in selected is null ? session.Tables : session.Tables.Where(t => selected.Contains(t.Name)))
                    {
                        RowDecoder decoder = new(table);
                        DumpCommands.WriteJson(stream, CountRows(TableRows.Read(session, decoder, prefix: null), () => rows++), lines: true, table: table.Name);
                    }
                }

                ToolOutput.Line($"exported {rows} rows as JSON lines to {file}");
                return ExitCodes.Ok;
            }

            case "parquet":
            {
                long rows = await ParquetExport.WriteAsync(session, selected, file, partitionByUser, cancellationToken).ConfigureAwait(false);
                ToolOutput.Line($"exported {rows} rows as Parquet to {file}");
                return ExitCodes.Ok;
            }

            default:
                throw new ToolException(ExitCodes.Usage, $"Unknown export format '{format}': native, jsonl or parquet.");
        }
    }

    public static async Task<int> ImportAsync(string path, string file, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new ToolException(ExitCodes.NotFound, $"No export file '{file}'.");
        }

        using StoreSession session = StoreSession.Open(path, write: true);
        await using FileStream stream = new(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        PipeReader reader = PipeReader.Create(stream);
        try
        {
            ExportSummary summary = await ToolOutput.WithProgressAsync("import", 0,
                progress => StoreImport.ImportAsync(session.Runtime, reader, progress, cancellationToken)).ConfigureAwait(false);
            ToolOutput.Line($"imported {summary.Tables} tables, {summary.Rows} entries, {summary.Bytes} bytes of keys and values from {file}");
            return ExitCodes.Ok;
        }
        catch (ExportFormatException ex)
        {
            throw new ToolException(ExitCodes.ImportRefused, ex.Message, ex);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private static IEnumerable<ToolRow> CountRows(IEnumerable<ToolRow> rows, Action counted)
    {
        foreach (ToolRow row in rows)
        {
            counted();
            yield return row;
        }
    }

    private static long EstimateEntries(StoreSession session, IReadOnlyCollection<string>? selected)
    {
        IStorageMaintenance? maintenance = session.Engine.TryGetCapability<IStorageMaintenance>();
        if (maintenance is null)
        {
            return 0;
        }

        long total = 0;
        foreach (StoredTable table in session.Tables.Where(t => selected is null || selected.Contains(t.Name)))
        {
            total += maintenance.EstimateKeyCount(session.GetColumnFamily(table.Name));
            foreach (CatalogIndexRecord index in table.Indexes)
            {
                total += maintenance.EstimateKeyCount(session.GetColumnFamily(StoredTable.IndexColumnFamily(index)));
            }
        }

        return total;
    }
}
