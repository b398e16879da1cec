using System.Diagnostics;
using System.Globalization;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// The row cache lines of the quick A/B (docs/row-cache.md, "Costs"): <c>get_cached</c>, a Get served by the cache
/// (every row cached by the warm-up) against the same Get on an uncached table read from table files, reported as a
/// speedup; and <c>put_cached</c>, a Put on the cached table (through the write set, then an invalidation) against the
/// same Put on the uncached one, reported as a cost. One store (RocksDB, WAL off, as the other quick lines); the two
/// alternate in slices within each round.
/// </summary>
internal static class RowCacheQuickMode
{
    private const int SlicesPerRound = 10;

    private delegate void Work(int start, int end);

    public static void Run(QuickOptions options)
    {
        string path = Path.Combine(Path.GetTempPath(), "typedstore-bench-rowcache-" + Guid.NewGuid().ToString("N"));
        try
        {
            using BenchStore store = BenchStore.Open(path, new StoreOptions { DisableWal = true });
            int rows = options.Rows;
            string payload = new('p', 60);
            for (int i = 0; i < rows; i++)
            {
                store.CacheOn.Put(new CachedRow(i, "name", 0, payload));
                store.CacheOff.Put(new UncachedRow(i, "name", 0, payload));
            }

            store.Flush();
            int[] order = Shuffled(rows);
            Console.WriteLine("# row cache A/B: a = the cached table, b = the same table uncached; get: speedup = a_ops_per_s / b_ops_per_s; put: cost = b_ops_per_s / a_ops_per_s");
            Console.WriteLine("# op          a_ops_per_s      b_ops_per_s   ratio  a_bytes_per_op");

            Work cachedGet = (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    if (store.CacheOn.Get(order[i]) is null)
                    {
                        throw new InvalidOperationException($"cache_on: row {order[i]} is missing.");
                    }
                }
            };
            Work uncachedGet = (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    if (store.CacheOff.Get(order[i]) is null)
                    {
                        throw new InvalidOperationException($"cache_off: row {order[i]} is missing.");
                    }
                }
            };
            (double a, double b, double speedup, double bytes) = Measure(options.Rounds, rows, cachedGet, uncachedGet);
            Print("get_cached", a, b, speedup, bytes);

            long version = 1;
            Work cachedPut = (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    store.CacheOn.Put(new CachedRow(i, "name", version, payload));
                }
            };
            Work uncachedPut = (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    store.CacheOff.Put(new UncachedRow(i, "name", version, payload));
                }
            };
            (a, b, speedup, bytes) = Measure(options.Rounds, rows, cachedPut, uncachedPut);
            Print("put_cached", a, b, 1 / speedup, bytes);
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    // One untimed pass of each, then rounds of interleaved slices; medians of the per-round rates and of the per-round
    // a/b ratios (an odd number of rounds: the median of b/a is its reciprocal).
    private static (double A, double B, double Ratio, double BytesPerOp) Measure(int rounds, int units, Work a, Work b)
    {
        a(0, units);
        b(0, units);
        var aRates = new double[rounds];
        var bRates = new double[rounds];
        var ratios = new double[rounds];
        var bytes = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long aTicks = 0;
            long bTicks = 0;
            long aBytes = 0;
            for (int slice = 0; slice < SlicesPerRound; slice++)
            {
                int start = (int)((long)units * slice / SlicesPerRound);
                int end = (int)((long)units * (slice + 1) / SlicesPerRound);
                if ((r + slice) % 2 == 0)
                {
                    aTicks += Time(a, start, end, ref aBytes);
                    bTicks += Time(b, start, end);
                }
                else
                {
                    bTicks += Time(b, start, end);
                    aTicks += Time(a, start, end, ref aBytes);
                }
            }

            aRates[r] = (double)units * Stopwatch.Frequency / aTicks;
            bRates[r] = (double)units * Stopwatch.Frequency / bTicks;
            ratios[r] = aRates[r] / bRates[r];
            bytes[r] = (double)aBytes / units;
        }

        return (QuickStatistics.Median(aRates), QuickStatistics.Median(bRates), QuickStatistics.Median(ratios), QuickStatistics.Median(bytes));
    }

    private static long Time(Work work, int start, int end)
    {
        long ignored = 0;
        return Time(work, start, end, ref ignored);
    }

    private static long Time(Work work, int start, int end, ref long allocated)
    {
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long ticksBefore = Stopwatch.GetTimestamp();
        work(start, end);
        long ticks = Stopwatch.GetTimestamp() - ticksBefore;
        allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        return ticks;
    }

    private static int[] Shuffled(int count)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        new Random(42).Shuffle(order);
        return order;
    }

    private static void Print(string operation, double a, double b, double ratio, double bytesPerOp)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{operation,-12} {a,16:F0} {b,16:F0} {ratio,7:F3} {bytesPerOp,15:F1}"));
}
