using System.Diagnostics;
using System.Globalization;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// A fast A/B check of TypedStore against raw RocksDbSharp (not BenchmarkDotNet): for each operation, several
/// rounds in which both contenders run the same work back to back, in alternating order, on stores opened with the
/// same options (WAL off, except <c>put_wal</c>). Reports medians; the ratio is the median of the per-round typed/raw ratios, so drift in
/// machine load between rounds largely cancels out.
/// </summary>
internal static class QuickMode
{
    public const int BatchSize = 100;

    public static int Run(string[] args)
    {
        QuickOptions options = QuickOptions.Parse(args);
        var total = Stopwatch.StartNew();
        var data = new BenchDataSet(eventRows: options.Rows);
        EventData events = data.Events;

        ContenderKind typedKind = options.CoreOnly ? ContenderKind.TypedStoreCore : ContenderKind.TypedStoreRocksDb;
        using Contender typed = Contender.Open(typedKind, data, wal: false);
        using Contender raw = Contender.Open(ContenderKind.RawRocksDbSharp, data, wal: false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# quick A/B: {options.Rows} rows (~100 B), {options.Rounds} round(s) + 1 warm-up, WAL off except put_wal; typed = {(options.CoreOnly ? "TypedStore's RocksDB core on pre-encoded bytes" : "TypedStore generated accessors on its RocksDB core")}, raw = RocksDbSharp span API on the same bytes"));
        Console.WriteLine("# op        typed_ops_per_s    raw_ops_per_s   ratio  typed_bytes_per_op");

        int rows = options.Rows;
        int[] randomOrder = events.RandomOrder;
        Event[][] batches = events.GetBatches(BatchSize);

        Action<Contender> putAll = contender =>
        {
            for (int i = 0; i < rows; i++)
            {
                contender.PutEvent(i);
            }
        };
        Print(Measure("put", options.Rounds, rows, typed, raw, putAll));

        // Reads come from table files, as in the BenchmarkDotNet suites.
        typed.Restart();
        raw.Restart();
        Print(Measure("get", options.Rounds, rows, typed, raw, contender =>
        {
            long sum = 0;
            for (int i = 0; i < randomOrder.Length; i++)
            {
                sum += contender.GetEvent(randomOrder[i]);
            }

            ThrowIfWrongSum(sum, rows, "get");
        }));

        Print(Measure("batch100", options.Rounds, rows, typed, raw, contender =>
        {
            for (int i = 0; i < batches.Length; i++)
            {
                contender.PutEvents(i * BatchSize, batches[i]);
            }
        }));

        typed.Restart();
        raw.Restart();
        Print(Measure("scan", options.Rounds, rows, typed, raw, contender => ThrowIfWrongSum(contender.ScanAllEvents(), rows, "scan")));

        // The same Put with the write-ahead log on (not synced), on a second pair of fresh stores.
        using (Contender typedWal = Contender.Open(typedKind, data, wal: true))
        using (Contender rawWal = Contender.Open(ContenderKind.RawRocksDbSharp, data, wal: true))
        {
            Print(Measure("put_wal", options.Rounds, rows, typedWal, rawWal, putAll));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# total {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    private static ABResult Measure(string operation, int rounds, int opsPerRound, Contender typed, Contender raw, Action<Contender> work)
    {
        // One untimed round each: JIT tiering, block cache, memtable allocation.
        work(typed);
        work(raw);

        var typedRates = new double[rounds];
        var rawRates = new double[rounds];
        var ratios = new double[rounds];
        var typedBytes = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            // Alternate who goes first, so neither always runs right after the other's background work.
            bool typedFirst = round % 2 == 0;
            (double rate, double bytes) first = Time(typedFirst ? typed : raw, work, opsPerRound);
            (double rate, double bytes) second = Time(typedFirst ? raw : typed, work, opsPerRound);
            (double rate, double bytes) typedRun = typedFirst ? first : second;
            (double rate, double bytes) rawRun = typedFirst ? second : first;
            typedRates[round] = typedRun.rate;
            rawRates[round] = rawRun.rate;
            ratios[round] = typedRun.rate / rawRun.rate;
            typedBytes[round] = typedRun.bytes;
        }

        return new ABResult(operation, Median(typedRates), Median(rawRates), Median(ratios), Median(typedBytes));
    }

    private static (double OpsPerSecond, double BytesPerOp) Time(Contender contender, Action<Contender> work, int ops)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        work(contender);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        long bytes = GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        return (ops / elapsed.TotalSeconds, (double)bytes / ops);
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void ThrowIfWrongSum(long sum, int rows, string operation)
    {
        long expected = (long)rows * (rows - 1) / 2;
        if (sum != expected)
        {
            throw new InvalidOperationException($"{operation} read a sequence sum of {sum}, expected {expected}: a contender lost or misread rows.");
        }
    }

    private static void Print(ABResult result)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Operation,-10} {result.TypedOpsPerSecond,16:F0} {result.RawOpsPerSecond,16:F0} {result.Ratio,7:F3} {result.TypedBytesPerOp,19:F1}"));
}
