using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// The index lines of the quick A/B (docs/indexes.md, "Costs"): a Put on a table with one index and with two (one of
/// them unique) against the same Put on a table without, and a unique-index lookup (<c>ByEmail.Get</c>) against a
/// primary-key <c>Get</c> on the same table. One store (RocksDB, WAL off, as the other quick lines); the contenders
/// alternate in slices within each round, as in <see cref="QuickMode"/>. Each timed round rewrites every row with new
/// indexed values, so every indexed Put replaces its entries (a delete and a put per index), never a no-op.
/// <c>put_soft</c> (a SoftDelete table without index against the plain one) shows what the write-set path alone
/// costs, which every table with a write feature pays, indexes included. <c>put_metered</c>: a plain Put with a
/// metrics listener on against the same Put without one.
/// </summary>
internal static class IndexQuickMode
{
    private const int SlicesPerRound = 10;

    private delegate void Work(int round, int start, int end);

    public static void Run(QuickOptions options)
    {
        string path = Path.Combine(Path.GetTempPath(), "typedstore-bench-indexes-" + Guid.NewGuid().ToString("N"));
        try
        {
            using BenchStore store = BenchStore.Open(path, new StoreOptions { DisableWal = true });
            int rows = options.Rows;
            string payload = new('p', 60);
            Console.WriteLine("# index A/B: a = the indexed operation, b = its baseline; ratio = b_ops_per_s / a_ops_per_s (the cost of a, 1.0 = free)");
            Console.WriteLine("# op        a_ops_per_s      b_ops_per_s    cost  a_bytes_per_op");

            Work none = (round, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    store.IxNone.Put(new PlainIndexRow(i, Owner(i, round), Rank(i, round), Email(i, round), payload));
                }
            };
            Work one = (round, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    store.IxOne.Put(new OneIndexRow(i, Owner(i, round), Rank(i, round), Email(i, round), payload));
                }
            };
            Work two = (round, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    store.IxTwo.Put(new TwoIndexRow(i, Owner(i, round), Rank(i, round), Email(i, round), payload));
                }
            };

            Work soft = (round, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    store.IxSoft.Put(new SoftIndexRow(i, Owner(i, round), Rank(i, round), Email(i, round), payload));
                }
            };
            Print("put_soft", Measure(options.Rounds, rows, soft, none));

            // The same plain Put with a metrics listener on every TypedStore instrument (counter and durations) against
            // none (docs/observability.md): what listening costs. Without a listener the Put line above is the measure.
            Work metered = (round, start, end) =>
            {
                using MeterListener listener = ListenToTypedStore();
                none(round, start, end);
            };
            Print("put_metered", Measure(options.Rounds, rows, metered, none));

            // Put with one index against none, then two against none: separate lines, each interleaved with its baseline.
            Print("put_ix1", Measure(options.Rounds, rows, one, none));
            Print("put_ix2", Measure(options.Rounds, rows, two, none));

            // Lookups: every row once, in a shuffled order, through the unique index and through the key; both must find it.
            int[] order = Shuffled(rows);
            int lastRound = options.Rounds; // the rows' current values: written by the last timed round of put_ix2
            Work byIndex = (_, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    int id = order[i];
                    if (store.IxTwo.ByEmail.Get(Email(id, lastRound))?.Id != id)
                    {
                        throw new InvalidOperationException($"ByEmail.Get did not find row {id}.");
                    }
                }
            };
            Work byKey = (_, start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    int id = order[i];
                    if (store.IxTwo.Get(id)?.Id != id)
                    {
                        throw new InvalidOperationException($"Get did not find row {id}.");
                    }
                }
            };
            Print("ix_get", Measure(options.Rounds, rows, byIndex, byKey, warmUpRound: lastRound));
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    // A listener as an OpenTelemetry exporter would be: every instrument of the "TypedStore" meter, measurements
    // taken and dropped.
    private static MeterListener ListenToTypedStore()
    {
        MeterListener listener = new()
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "TypedStore")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        listener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        listener.Start();
        return listener;
    }

    private static string Owner(int i, int round) => "owner" + ((i + round) % 1000).ToString(CultureInfo.InvariantCulture);

    private static int Rank(int i, int round) => (i + round) % 10;

    private static string Email(int i, int round) => string.Create(CultureInfo.InvariantCulture, $"user{i}-{round}@example.com");

    // Round 0 is the untimed warm-up (the first write of every row); timed rounds are 1..rounds.
    private static (double A, double B, double Cost, double BytesPerOp) Measure(int rounds, int units, Work a, Work b, int warmUpRound = 0)
    {
        a(warmUpRound, 0, units);
        b(warmUpRound, 0, units);
        var aRates = new double[rounds];
        var bRates = new double[rounds];
        var costs = new double[rounds];
        var bytes = new double[rounds];
        for (int r = 0; r < rounds; r++)
        {
            int round = warmUpRound == 0 ? r + 1 : warmUpRound;
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
                    aTicks += Time(a, round, start, end, ref aBytes);
                    bTicks += Time(b, round, start, end);
                }
                else
                {
                    bTicks += Time(b, round, start, end);
                    aTicks += Time(a, round, start, end, ref aBytes);
                }
            }

            aRates[r] = (double)units * Stopwatch.Frequency / aTicks;
            bRates[r] = (double)units * Stopwatch.Frequency / bTicks;
            costs[r] = bRates[r] / aRates[r];
            bytes[r] = (double)aBytes / units;
        }

        return (QuickStatistics.Median(aRates), QuickStatistics.Median(bRates), QuickStatistics.Median(costs), QuickStatistics.Median(bytes));
    }

    private static long Time(Work work, int round, int start, int end)
    {
        long ignored = 0;
        return Time(work, round, start, end, ref ignored);
    }

    private static long Time(Work work, int round, int start, int end, ref long allocated)
    {
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long ticksBefore = Stopwatch.GetTimestamp();
        work(round, start, end);
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

    private static void Print(string operation, (double A, double B, double Cost, double BytesPerOp) result)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{operation,-10} {result.A,16:F0} {result.B,16:F0} {result.Cost,7:F3} {result.BytesPerOp,15:F1}"));
}
