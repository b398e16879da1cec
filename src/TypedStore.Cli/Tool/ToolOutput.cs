using Spectre.Console;

namespace TypedStore.Cli.Tool;

/// <summary>
/// Where the tool writes: Spectre.Console tables and progress bars on a terminal, plain tab-separated lines when the
/// output is piped or redirected (so scripts read it with cut/awk), and errors to standard error either way.
/// </summary>
internal static class ToolOutput
{
    public static bool IsTerminal => !Console.IsOutputRedirected;

    /// <summary>A table: a Spectre table on a terminal, a header line and tab-separated rows otherwise.</summary>
    public static void Table(string? title, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (IsTerminal)
        {
            Table table = new() { Border = TableBorder.Rounded };
            if (title is not null)
            {
                table.Title = new TableTitle(Markup.Escape(title));
            }

            foreach (string column in columns)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)));
            }

            foreach (IReadOnlyList<string> row in rows)
            {
                table.AddRow([.. row.Select(cell => new Spectre.Console.Text(cell))]);
            }

            AnsiConsole.Write(table);
            return;
        }

        if (title is not null)
        {
            Console.Out.WriteLine("# " + title);
        }

        Console.Out.WriteLine(string.Join('\t', columns));
        foreach (IReadOnlyList<string> row in rows)
        {
            Console.Out.WriteLine(string.Join('\t', row.Select(cell => cell.Replace('\t', ' ').Replace('\n', ' '))));
        }
    }

    /// <summary>Name/value lines.</summary>
    public static void Properties(string? title, IEnumerable<(string Name, string Value)> properties)
        => Table(title, ["property", "value"], properties.Select(p => (IReadOnlyList<string>)[p.Name, p.Value]));

    public static void Line(string text) => Console.Out.WriteLine(text);

    public static void Error(string text) => Console.Error.WriteLine(text);

    /// <summary>
    /// Runs <paramref name="work"/> with a progress reporter: a Spectre progress bar on a terminal, one line per
    /// completed table otherwise. <paramref name="total"/> is the expected number of entries (0 when unknown).
    /// </summary>
    public static async Task<T> WithProgressAsync<T>(string description, long total, Func<IProgress<ImportProgress>, Task<T>> work)
    {
        if (!IsTerminal || Console.IsErrorRedirected)
        {
            return await work(new Progress<ImportProgress>(p =>
            {
                if (p.TableCompleted)
                {
                    Console.Error.WriteLine($"{description}: table {p.Table}: {p.TableRows} entries ({p.TotalRows} in all)");
                }
            })).ConfigureAwait(false);
        }

        T result = default!;
        await AnsiConsole.Progress().StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1));
            SynchronousProgress progress = new(p => task.Value = Math.Min(p.TotalRows, task.MaxValue));
            result = await work(progress).ConfigureAwait(false);
            task.Value = task.MaxValue;
        }).ConfigureAwait(false);
        return result;
    }

    // Progress<T> posts to the thread pool; a bar is updated in place, so the report runs on the caller's thread.
    private sealed class SynchronousProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
