using Parquet;
using Parquet.Schema;
using TypedStore.Catalog;
using TypedStore.Cli.Reading;

namespace TypedStore.Cli.Tool;

/// <summary>
/// <c>export --format parquet</c>: one Parquet file per table in the target directory (<c>&lt;table&gt;.parquet</c>), or, with
/// <c>--partition-by-user</c>, one file per user for User tables in Hive layout
/// (<c>&lt;table&gt;/&lt;UserIdPart&gt;=&lt;escaped id&gt;/data.parquet</c>; the partition column is then left out of the
/// file, as Hive readers expect). Columns: key parts, members, then <c>_updated</c>; types per <see cref="ParquetColumn.For"/>.
/// Rows are written in row groups of <see cref="RowGroupRows"/>, so memory is bounded by one row group.
/// </summary>
internal static class ParquetExport
{
    private const int RowGroupRows = 65_536;

    public static async Task<long> WriteAsync(StoreSession session, IReadOnlyCollection<string>? selected, string directory, bool partitionByUser, CancellationToken cancellationToken)
    {
        if (File.Exists(directory) || (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any()))
        {
            throw new ToolException(ExitCodes.Usage, $"A Parquet export goes into a new or empty directory; '{directory}' is not one.");
        }

        Directory.CreateDirectory(directory);
        long total = 0;
        foreach (StoredTable table in session.Tables.Where(t => selected is null || selected.Contains(t.Name)))
        {
            RowDecoder decoder = new(table);
            if (partitionByUser && table.Record.Kind == TableKind.User)
            {
                total += await WritePartitionsAsync(session, decoder, Path.Combine(directory, table.Name), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                total += await WriteFileAsync(decoder, TableRows.Read(session, decoder, prefix: null), Path.Combine(directory, table.Name + ".parquet"), skipKeyParts: 0, cancellationToken).ConfigureAwait(false);
            }
        }

        return total;
    }

    // A User table's keys start with the user id, so its rows arrive grouped by user: one file per run.
    private static async Task<long> WritePartitionsAsync(StoreSession session, RowDecoder decoder, string tableDirectory, CancellationToken cancellationToken)
    {
        string partName = decoder.KeyParts[0].Part.Name;
        long total = 0;
        using IEnumerator<ToolRow> rows = TableRows.Read(session, decoder, prefix: null).GetEnumerator();
        bool more = rows.MoveNext();
        while (more)
        {
            object? user = rows.Current.KeyParts.Fields[0].Value;
            string userText = ValueText.Format(user);
            string file = Path.Combine(tableDirectory, $"{partName}={Uri.EscapeDataString(userText)}", "data.parquet");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            List<ToolRow> run = [];
            while (more && Equals(rows.Current.KeyParts.Fields[0].Value, user))
            {
                run.Add(rows.Current);
                more = rows.MoveNext();
            }

            total += await WriteFileAsync(decoder, run, file, skipKeyParts: 1, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private static async Task<long> WriteFileAsync(RowDecoder decoder, IEnumerable<ToolRow> rows, string file, int skipKeyParts, CancellationToken cancellationToken)
    {
        List<ParquetColumn> columns = [
            .. decoder.KeyParts.Skip(skipKeyParts).Select(p => ParquetColumn.For(p.Part.Name, p.Type)),
            .. decoder.Members.Select(m => ParquetColumn.For(m.Name, m.Type)),
            ParquetColumn.For("_updated", StoredType.Parse("System.DateTimeOffset")),
        ];
        ParquetSchema schema = new(columns.Select(c => (Field)c.Field));
        long written = 0;
        await using FileStream stream = new(file, FileMode.CreateNew, FileAccess.Write);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        int inGroup = 0;
        foreach (ToolRow row in rows)
        {
            int c = 0;
            for (int i = skipKeyParts; i < row.KeyParts.Fields.Count; i++)
            {
                columns[c++].Add(row.KeyParts.Fields[i].Value);
            }

            foreach (KeyValuePair<string, object?> member in row.Members.Fields)
            {
                columns[c++].Add(member.Value);
            }

            columns[c].Add(row.Header.Updated);
            written++;
            if (++inGroup == RowGroupRows)
            {
                await FlushAsync(writer, columns).ConfigureAwait(false);
                inGroup = 0;
            }
        }

        // An empty table still gets a file with its schema (and one empty row group) so readers see its columns.
        if (inGroup > 0 || written == 0)
        {
            await FlushAsync(writer, columns).ConfigureAwait(false);
        }

        return written;
    }

    private static async Task FlushAsync(ParquetWriter writer, List<ParquetColumn> columns)
    {
        using ParquetRowGroupWriter rowGroup = writer.CreateRowGroup();
        foreach (ParquetColumn column in columns)
        {
            await column.WriteAsync(rowGroup).ConfigureAwait(false);
            column.Clear();
        }
    }
}
