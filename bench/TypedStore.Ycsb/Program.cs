using System.CommandLine;
using Spectre.Console;
using TypedStore.Ycsb.Reporting;
using TypedStore.Ycsb.Running;
using TypedStore.Ycsb.Workloads;

// The YCSB suite (design §9.2, docs/benchmarks.md "YCSB"): TypedStore against the stores users would pick instead.
var records = new Option<int>("--records") { Description = "Records loaded (YCSB recordcount).", DefaultValueFactory = _ => 100_000 };
var operations = new Option<int>("--operations") { Description = "Operations per workload (YCSB operationcount).", DefaultValueFactory = _ => 100_000 };
var quick = new Option<bool>("--quick") { Description = "10,000 records and 10,000 operations per workload, unless given." };
var threads = new Option<int[]>("--threads") { Description = "Thread counts, each a separate run on fresh stores.", DefaultValueFactory = _ => [1, 2], AllowMultipleArgumentsPerToken = true };
var chunks = new Option<int>("--chunks") { Description = "Turns per workload: the contenders alternate chunk by chunk.", DefaultValueFactory = _ => 10 };
var contenders = new Option<string[]>("--contenders") { Description = $"Contenders to run: {string.Join(", ", ContenderCatalog.Ids)}.", DefaultValueFactory = _ => [.. ContenderCatalog.Ids], AllowMultipleArgumentsPerToken = true };
var workloads = new Option<string[]>("--workloads") { Description = "Transaction workloads after the load: A B C F D E.", DefaultValueFactory = _ => [.. Workload.Transactions.Select(w => w.Name)], AllowMultipleArgumentsPerToken = true };
var seed = new Option<int>("--seed") { Description = "Seed of the operation plans (every contender replays the same plan).", DefaultValueFactory = _ => 42 };
var output = new Option<string>("--out") { Description = "Directory for ycsb.csv, ycsb-sizes.csv, ycsb.json and ycsb.md.", DefaultValueFactory = _ => Path.Combine("artifacts", "ycsb") };
var work = new Option<string>("--work-dir") { Description = "Where the stores are created (and deleted after the run).", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "typedstore-ycsb") };

var variants = new Option<string[]>("--variant") { Description = "A TypedStore tuning variant, 'label::spec' (spec: RocksDB options string; BlockCacheBytes=n and BloomFilterBitsPerKey=n as typed options); runs as contender typedstore:label.", AllowMultipleArgumentsPerToken = true };

var root = new RootCommand("YCSB core workloads (load, A, B, C, F, D, E) against TypedStore and its peers.")
{
    variants, records, operations, quick, threads, chunks, contenders, workloads, seed, output, work,
};

root.SetAction(parse =>
{
    bool isQuick = parse.GetValue(quick);
    int recordCount = parse.GetResult(records) is { Implicit: false } || !isQuick ? parse.GetValue(records) : 10_000;
    int operationCount = parse.GetResult(operations) is { Implicit: false } || !isQuick ? parse.GetValue(operations) : 10_000;
    string[] chosen = [.. parse.GetValue(contenders)!.Select(c => c.ToLowerInvariant())];
    foreach (string variant in parse.GetValue(variants) ?? [])
    {
        try
        {
            chosen = [.. chosen, ContenderCatalog.AddVariant(VariantSpec.Parse(variant))];
        }
        catch (FormatException error)
        {
            Console.Error.WriteLine(error.Message);
            return 2;
        }
    }

    string[] unknown = [.. chosen.Where(c => !ContenderCatalog.Ids.Contains(c))];
    if (unknown.Length > 0)
    {
        Console.Error.WriteLine($"--contenders: unknown {string.Join(", ", unknown)}; known: {string.Join(", ", ContenderCatalog.Ids)}");
        return 2;
    }

    int[] threadCounts = parse.GetValue(threads)!;
    if (recordCount < 1 || operationCount < 1 || threadCounts.Length == 0 || threadCounts.Any(t => t is < 1 or > 64) || parse.GetValue(chunks) < 1)
    {
        Console.Error.WriteLine("--records, --operations and --chunks must be at least 1, and --threads between 1 and 64");
        return 2;
    }

    var settings = new YcsbSettings(
        recordCount, operationCount, threadCounts, parse.GetValue(chunks), [.. ContenderCatalog.Ids.Where(chosen.Contains)],
        parse.GetValue(workloads)!, parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(work)!);
    Console.WriteLine($"# YCSB: {settings.Records:N0} records, {settings.Operations:N0} operations per workload, threads {string.Join(",", settings.Threads)}, {settings.Chunks} chunks, contenders {string.Join(", ", settings.Contenders)}");
    var started = System.Diagnostics.Stopwatch.StartNew();
    YcsbResults results = new YcsbRunner(settings, Console.Out).Run();
    IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
    console.Profile.Width = Math.Max(console.Profile.Width, 200);
    ResultWriter.Print(results, console);
    Console.WriteLine();
    Console.Write(ResultWriter.Markdown(results, settings));
    ResultWriter.WriteFiles(results, settings, settings.OutputDirectory);
    Console.WriteLine($"# results in {Path.GetFullPath(settings.OutputDirectory)}; total {started.Elapsed.TotalSeconds:F1} s");
    return 0;
});

return root.Parse(args).Invoke();
