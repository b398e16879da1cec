using System.IO.Pipelines;
using TypedStore.Export;

namespace TypedStore.Tables;

/// <content>Export and import in the native format (docs/export-format.md), for the generated store's members.</content>
public sealed partial class StoreRuntime
{
    /// <summary>
    /// Writes the store's tables (all of them when <paramref name="tables"/> is <see langword="null"/>) to
    /// <paramref name="output"/> in the native export format, from one snapshot. Does not complete <paramref name="output"/>.
    /// </summary>
    /// <param name="output">Where the stream goes.</param>
    /// <param name="tables">The tables to export, by name; <see langword="null"/> for every table.</param>
    /// <param name="cancellationToken">Stops the export; what was written so far is not a complete export.</param>
    /// <exception cref="ArgumentException">A table in <paramref name="tables"/> is not in the store.</exception>
    public Task<ExportSummary> ExportAsync(PipeWriter output, IReadOnlyCollection<string>? tables = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return StoreExport.ExportAsync(this, output, tables, progress: null, cancellationToken);
    }

    /// <summary>
    /// Reads an export from <paramref name="input"/> into the store's tables, which must exist with the same schema,
    /// kind, options and indexes, and be empty. Each table is imported whole or not at all; see
    /// <see cref="ExportFormatException"/>.
    /// </summary>
    /// <param name="input">The export stream.</param>
    /// <param name="progress">Told after every committed batch and every completed table; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Stops the import; the table being imported is removed again.</param>
    /// <exception cref="ExportFormatException">The stream is damaged or does not match the store.</exception>
    public Task<ExportSummary> ImportAsync(PipeReader input, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        return ImportAndInvalidateAsync(input, progress, cancellationToken);
    }

    // An import writes rows straight to the engine, not through the commit pipeline, so no row cache saw them: every
    // cache is emptied once it ends, whether it completed or not (a failed table is removed again, also directly).
    private async Task<ExportSummary> ImportAndInvalidateAsync(PipeReader input, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        try
        {
            return await StoreImport.ImportAsync(this, input, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            InvalidateRowCaches();
        }
    }
}
