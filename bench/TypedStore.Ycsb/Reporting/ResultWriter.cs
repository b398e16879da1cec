using System.Globalization;
using System.Text;
using System.Text.Json;
using Spectre.Console;
using TypedStore.Ycsb.Running;

namespace TypedStore.Ycsb.Reporting;

/// <summary>
/// Prints the results (ops/s per contender and workload, the ratios against the best peer, directory sizes) as a console
/// table, and writes them machine-readable: <c>ycsb.csv</c> (one line per measurement), <c>ycsb-sizes.csv</c>,
/// <c>ycsb.json</c> (everything, with the settings) and <c>ycsb.md</c> (the tables docs/benchmarks.md shows).
/// </summary>
internal static class ResultWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Print(YcsbResults results, IAnsiConsole console)
    {
        foreach (int threads in results.Measurements.Select(m => m.Threads).Distinct())
        {
            var table = new Table().Title($"YCSB, {threads} thread(s): operations per second (size in MiB)");
            table.AddColumn("contender");
            foreach (string workload in results.Workloads)
            {
                table.AddColumn(new TableColumn(workload).RightAligned());
            }

            table.AddColumn(new TableColumn("MiB after load").RightAligned());
            table.AddColumn(new TableColumn("MiB after run").RightAligned());
            foreach (string[] row in Rows(results, threads))
            {
                table.AddRow(row.Select(Markup.Escape).ToArray());
            }

            console.Write(table);
        }
    }

    public static void WriteFiles(YcsbResults results, YcsbSettings settings, string directory)
    {
        Directory.CreateDirectory(directory);
        var csv = new StringBuilder("threads,workload,contender,operations,seconds,ops_per_sec,cpu_us_per_op,process_cpu_us_per_op\n");
        foreach (Measurement m in results.Measurements)
        {
            csv.Append(Invariant, $"{m.Threads},{m.Workload},{m.Contender},{m.Operations},{m.Seconds:R},{m.OperationsPerSecond:F1},{m.CpuMicrosecondsPerOperation:F2},{m.ProcessCpuMicrosecondsPerOperation:F2}\n");
        }

        File.WriteAllText(Path.Combine(directory, "ycsb.csv"), csv.ToString());
        var sizes = new StringBuilder("threads,contender,bytes_after_load,bytes_after_run\n");
        foreach (SizeMeasurement s in results.Sizes)
        {
            sizes.Append(Invariant, $"{s.Threads},{s.Contender},{s.AfterLoadBytes},{s.AfterRunBytes}\n");
        }

        File.WriteAllText(Path.Combine(directory, "ycsb-sizes.csv"), sizes.ToString());
        File.WriteAllText(Path.Combine(directory, "ycsb.md"), Markdown(results, settings));
        WriteJson(results, settings, Path.Combine(directory, "ycsb.json"));
    }

    /// <summary>The tables of docs/benchmarks.md's YCSB section, per thread count.</summary>
    public static string Markdown(YcsbResults results, YcsbSettings settings)
    {
        var md = new StringBuilder();
        md.Append(Invariant, $"{settings.Records:N0} records, {settings.Operations:N0} operations per workload, {settings.Chunks} chunks per workload, seed {settings.Seed}.\n");
        foreach (int threads in results.Measurements.Select(m => m.Threads).Distinct())
        {
            md.Append(Invariant, $"\n#### {threads} thread(s): operations per second\n\n");
            md.Append("| contender | ").Append(string.Join(" | ", results.Workloads)).Append(" | MiB after load | MiB after run |\n");
            md.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", results.Workloads.Count + 2))).Append('\n');
            foreach (string[] row in Rows(results, threads))
            {
                md.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
            }

            md.Append('\n').Append("| ratio | ").Append(string.Join(" | ", results.Workloads)).Append(" |\n");
            md.Append("|---|").Append(string.Concat(Enumerable.Repeat("---:|", results.Workloads.Count))).Append('\n');
            foreach (Ratios.Comparison comparison in Ratios.For(results, threads))
            {
                md.Append("| ").Append(comparison.Label).Append(" | ");
                md.Append(string.Join(" | ", results.Workloads.Select(w => comparison.PerWorkload.TryGetValue(w, out var r)
                    ? string.Create(Invariant, $"{r.Ratio:F2} ({r.BestPeer})")
                    : "n/a")));
                md.Append(" |\n");
            }
        }

        foreach (Failure failure in results.Failures)
        {
            md.Append(Invariant, $"\n{failure.Contender} failed at {failure.Threads} thread(s) in workload {failure.Workload} and left the run: `{failure.Error}`\n");
        }

        return md.ToString();
    }

    private static IEnumerable<string[]> Rows(YcsbResults results, int threads)
    {
        foreach (ContenderInfo contender in results.Contenders)
        {
            var row = new List<string> { contender.Name };
            foreach (string workload in results.Workloads)
            {
                Measurement? m = results.Measurements.Find(x => x.Threads == threads && x.Workload == workload && x.Contender == contender.Name);
                bool failed = results.Failures.Exists(f => f.Threads == threads && f.Contender == contender.Name
                    && results.Workloads.IndexOf(f.Workload) <= results.Workloads.IndexOf(workload));
                row.Add(m is not null ? m.OperationsPerSecond.ToString("N0", Invariant) : failed ? "failed" : "n/a");
            }

            SizeMeasurement? size = results.Sizes.Find(s => s.Threads == threads && s.Contender == contender.Name);
            row.Add(Mebibytes(size?.AfterLoadBytes));
            row.Add(Mebibytes(size?.AfterRunBytes));
            yield return [.. row];
        }
    }

    private static string Mebibytes(long? bytes) => bytes is null ? "–" : (bytes.Value / (1024.0 * 1024.0)).ToString("F1", Invariant);

    private static void WriteJson(YcsbResults results, YcsbSettings settings, string path)
    {
        using FileStream stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteStartObject("settings");
        json.WriteNumber("records", settings.Records);
        json.WriteNumber("operations", settings.Operations);
        json.WriteNumber("chunks", settings.Chunks);
        json.WriteNumber("seed", settings.Seed);
        json.WriteString("machine", $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        json.WriteEndObject();
        json.WriteStartArray("contenders");
        foreach (ContenderInfo c in results.Contenders)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteBoolean("typedStore", c.IsTypedStore);
            json.WriteBoolean("survivesProcessCrash", c.SurvivesProcessCrash);
            json.WriteBoolean("supportsScan", c.SupportsScan);
            json.WriteString("durability", c.Durability);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("measurements");
        foreach (Measurement m in results.Measurements)
        {
            json.WriteStartObject();
            json.WriteNumber("threads", m.Threads);
            json.WriteString("workload", m.Workload);
            json.WriteString("contender", m.Contender);
            json.WriteNumber("operations", m.Operations);
            json.WriteNumber("seconds", m.Seconds);
            json.WriteNumber("cpuSeconds", m.CpuSeconds);
            json.WriteNumber("processCpuSeconds", m.ProcessCpuSeconds);
            json.WriteNumber("opsPerSec", m.OperationsPerSecond);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("sizes");
        foreach (SizeMeasurement s in results.Sizes)
        {
            json.WriteStartObject();
            json.WriteNumber("threads", s.Threads);
            json.WriteString("contender", s.Contender);
            WriteNullable(json, "bytesAfterLoad", s.AfterLoadBytes);
            WriteNullable(json, "bytesAfterRun", s.AfterRunBytes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("ratios");
        foreach (int threads in results.Measurements.Select(m => m.Threads).Distinct())
        {
            foreach (Ratios.Comparison comparison in Ratios.For(results, threads))
            {
                foreach ((string workload, (double ratio, string best)) in comparison.PerWorkload)
                {
                    json.WriteStartObject();
                    json.WriteNumber("threads", threads);
                    json.WriteString("comparison", comparison.Label);
                    json.WriteString("workload", workload);
                    json.WriteNumber("ratio", ratio);
                    json.WriteString("bestPeer", best);
                    json.WriteEndObject();
                }
            }
        }

        json.WriteEndArray();
        json.WriteStartArray("failures");
        foreach (Failure failure in results.Failures)
        {
            json.WriteStartObject();
            json.WriteNumber("threads", failure.Threads);
            json.WriteString("workload", failure.Workload);
            json.WriteString("contender", failure.Contender);
            json.WriteString("error", failure.Error);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Value);
        }
    }
}
