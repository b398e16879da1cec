using System.Diagnostics;
using System.Globalization;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// A fast A/B check of TypedStore against raw RocksDbSharp (not BenchmarkDotNet): for each operation, several
/// rounds in which both contenders run the same work back to back, in alternating order, on stores opened with the
/// same options (WAL off, except <c>put_wal</c>). Within a round the two alternate every tenth of the work, so
/// background work (memtable flushes, compactions) and drift in machine load fall on both alike. Reports medians;
/// the ratio is the median of the per-round typed/raw ratios.
/// </summary>
internal static class QuickMode
{
    public const int BatchSize = 100;

    /// <summary>Slices per round: both contenders alternate this often, so background work (memtable flushes, compactions) lands on both alike.</summary>
    private const int SlicesPerRound = 10;

    /// <summary>One contender's share of an operation: units <paramref name="start"/> .. <paramref name="end"/>-1.</summary>
    private delegate void SliceWork(Contender contender, int start, int end);

    public static int Run(string[] args)
    {
        QuickOptions options = QuickOptions.Parse(args);
        var total = Stopwatch.StartNew();
        if (options.AsyncOnly)
        {
            AsyncQuickMode.Run(options);
            return 0;
        }

        var data = new BenchDataSet(eventRows: options.Rows);
        EventData events = data.Events;

        ContenderKind typedKind = options.CoreOnly ? ContenderKind.TypedStoreCore : ContenderKind.TypedStoreRocksDb;
        using Contender typed = Contender.Open(typedKind, data, wal: false);
        using Contender raw = Contender.Open(ContenderKind.RawRocksDbSharp, data, wal: false);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"# quick A/B: {options.Rows} rows (~100 B), {options.Rounds} round(s) of {SlicesPerRound} interleaved slices + 1 warm-up, WAL off except put_wal; typed = {(options.CoreOnly ? "TypedStore's RocksDB core on pre-encoded bytes" : "TypedStore generated accessors on its RocksDB core")}, raw = RocksDbSharp span API on the same bytes"));
        Console.WriteLine("# op                 typed_ops_per_s    raw_ops_per_s   ratio  typed_bytes_per_op");

        int rows = options.Rows;
        int[] randomOrder = events.RandomOrder;
        Event[][] batches = events.GetBatches(BatchSize);

        SliceWork put = static (contender, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                contender.PutEvent(i);
            }
        };
        Print(Measure("put", options.Rounds, rows, opsPerUnit: 1, typed, raw, put));

        // Reads come from table files, as in the BenchmarkDotNet suites; each store must return every row once.
        typed.Restart();
        raw.Restart();
        ThrowIfWrongSum(GetAll(typed, randomOrder), rows, "get");
        ThrowIfWrongSum(GetAll(raw, randomOrder), rows, "get");
        Print(Measure("get", options.Rounds, rows, opsPerUnit: 1, typed, raw, (contender, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                contender.GetEvent(randomOrder[i]);
            }
        }));

        Print(Measure("batch100", options.Rounds, batches.Length, opsPerUnit: BatchSize, typed, raw, (contender, start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                contender.PutEvents(i * BatchSize, batches[i]);
            }
        }));

        typed.Restart();
        raw.Restart();
        ThrowIfWrongSum(typed.ScanAllEvents(), rows, "scan");
        ThrowIfWrongSum(raw.ScanAllEvents(), rows, "scan");
        Print(Measure("scan", options.Rounds, units: 1, opsPerUnit: rows, typed, raw, (contender, _, _) => contender.ScanAllEvents()));

        // Short scans from a key (YCSB E): one seek, then 1, 10 or 100 rows in key order, from random keys. Both
        // contenders must read the same rows.
        foreach (int length in (int[])[1, 10, 100])
        {
            int scans = Math.Max(1, Math.Min(rows, 1_000_000 / length));
            int scanLength = length;
            if (ScanFromKeys(typed, randomOrder, scans, length) != ScanFromKeys(raw, randomOrder, scans, length))
            {
                throw new InvalidOperationException($"scan_from_key_{length}: the contenders read different rows.");
            }

            Print(Measure($"scan_from_key_{length}", options.Rounds, scans, opsPerUnit: 1, typed, raw, (contender, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    contender.ScanFromKey(randomOrder[i], scanLength);
                }
            }));
        }

        // The same Put with the write-ahead log on (not synced), on a second pair of fresh stores.
        using (Contender typedWal = Contender.Open(typedKind, data, wal: true))
        using (Contender rawWal = Contender.Open(ContenderKind.RawRocksDbSharp, data, wal: true))
        {
            Print(Measure("put_wal", options.Rounds, rows, opsPerUnit: 1, typedWal, rawWal, put));
        }

        IndexQuickMode.Run(options);
        TransactionQuickMode.Run(options);
        AsyncQuickMode.Run(options);
        RowCacheQuickMode.Run(options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# total {total.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }

    /// <summary>
    /// Runs <paramref name="work"/> over all <paramref name="units"/> once per contender untimed, then
    /// <paramref name="rounds"/> timed rounds. A round cuts the units into slices and runs each slice on both
    /// contenders back to back, alternating who goes first; the round's rates come from the summed slice times.
    /// </summary>
    private static ABResult Measure(string operation, int rounds, int units, int opsPerUnit, Contender typed, Contender raw, SliceWork work)
    {
        // Untimed: JIT tiering, block cache, memtable allocation.
        work(typed, 0, units);
        work(raw, 0, units);

        int slices = Math.Min(SlicesPerRound, units);
        double ops = (double)units * opsPerUnit;
        var typedRates = new double[rounds];
        var rawRates = new double[rounds];
        var ratios = new double[rounds];
        var typedBytes = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long typedTicks = 0;
            long rawTicks = 0;
            long typedAllocated = 0;
            for (int slice = 0; slice < slices; slice++)
            {
                int start = (int)((long)units * slice / slices);
                int end = (int)((long)units * (slice + 1) / slices);
                bool typedFirst = (round + slice) % 2 == 0;
                if (typedFirst)
                {
                    typedTicks += Time(typed, work, start, end, ref typedAllocated);
                    rawTicks += Time(raw, work, start, end);
                }
                else
                {
                    rawTicks += Time(raw, work, start, end);
                    typedTicks += Time(typed, work, start, end, ref typedAllocated);
                }
            }

            typedRates[round] = ops * Stopwatch.Frequency / typedTicks;
            rawRates[round] = ops * Stopwatch.Frequency / rawTicks;
            ratios[round] = typedRates[round] / rawRates[round];
            typedBytes[round] = typedAllocated / ops;
        }

        return new ABResult(operation, QuickStatistics.Median(typedRates), QuickStatistics.Median(rawRates), QuickStatistics.Median(ratios), QuickStatistics.Median(typedBytes));
    }

    private static long Time(Contender contender, SliceWork work, int start, int end)
    {
        long allocated = 0;
        return Time(contender, work, start, end, ref allocated);
    }

    private static long Time(Contender contender, SliceWork work, int start, int end, ref long allocated)
    {
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long ticksBefore = Stopwatch.GetTimestamp();
        work(contender, start, end);
        long ticks = Stopwatch.GetTimestamp() - ticksBefore;
        allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        return ticks;
    }

    private static long GetAll(Contender contender, int[] order)
    {
        long sum = 0;
        for (int i = 0; i < order.Length; i++)
        {
            sum += contender.GetEvent(order[i]);
        }

        return sum;
    }

    private static long ScanFromKeys(Contender contender, int[] order, int scans, int length)
    {
        long sum = 0;
        for (int i = 0; i < scans; i++)
        {
            sum += contender.ScanFromKey(order[i], length);
        }

        return sum;
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
            $"{result.Operation,-19} {result.TypedOpsPerSecond,16:F0} {result.RawOpsPerSecond,16:F0} {result.Ratio,7:F3} {result.TypedBytesPerOp,19:F1}"));
}
