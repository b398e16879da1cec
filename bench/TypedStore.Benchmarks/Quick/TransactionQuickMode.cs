using System.Diagnostics;
using System.Globalization;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// The transaction lines of the quick A/B (docs/transactions.md, "Costs"): a transaction of 1 and of 10 puts against
/// the same puts in a batch, an uncontended <c>Update</c> against <c>Get</c> + <c>Put</c>, and two threads
/// incrementing one hot key with <c>Transact</c> (throughput and retries). One RocksDB store, WAL off, as the other
/// quick lines; a and b alternate in slices within each round; medians over the rounds.
/// </summary>
internal static class TransactionQuickMode
{
    private const int SlicesPerRound = 10;

    private delegate void Work(int start, int end);

    public static void Run(QuickOptions options)
    {
        string path = Path.Combine(Path.GetTempPath(), "typedstore-bench-tx-" + Guid.NewGuid().ToString("N"));
        try
        {
            using BenchStore store = BenchStore.Open(path, new StoreOptions { DisableWal = true, MaxTransactionAttempts = 1000 });
            int rows = Math.Min(options.Rows, 20_000);
            string payload = new('p', 60);
            for (int i = 0; i < rows; i++)
            {
                store.TxCounters.Put(new TxCounter(i, 0, payload));
            }

            Console.WriteLine("# transaction A/B: a = the transactional operation, b = its baseline; cost = b_ops_per_s / a_ops_per_s (1.0 = free); ops = rows written (or updated)");
            Console.WriteLine("# op          a_ops_per_s      b_ops_per_s    cost");

            Print("tx1_vs_batch1", Measure(options.Rounds, rows, opsPerUnit: 1,
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        int id = i;
                        store.Transact(tx => tx.TxCounters.Put(new TxCounter(id, id, payload)));
                    }
                },
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        using BenchStoreBatch batch = store.CreateBatch();
                        batch.TxCounters.Put(new TxCounter(i, i, payload));
                        batch.Commit();
                    }
                }));

            int groups = rows / 10;
            Print("tx10_vs_batch10", Measure(options.Rounds, groups, opsPerUnit: 10,
                (start, end) =>
                {
                    for (int g = start; g < end; g++)
                    {
                        int first = g * 10;
                        store.Transact(tx =>
                        {
                            for (int i = first; i < first + 10; i++)
                            {
                                tx.TxCounters.Put(new TxCounter(i, i, payload));
                            }
                        });
                    }
                },
                (start, end) =>
                {
                    for (int g = start; g < end; g++)
                    {
                        using BenchStoreBatch batch = store.CreateBatch();
                        for (int i = g * 10; i < (g * 10) + 10; i++)
                        {
                            batch.TxCounters.Put(new TxCounter(i, i, payload));
                        }

                        batch.Commit();
                    }
                }));

            Print("update_vs_get_put", Measure(options.Rounds, rows, opsPerUnit: 1,
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        store.TxCounters.Update(i, c => c with { Value = c.Value + 1 });
                    }
                },
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        TxCounter c = store.TxCounters.Get(i)!;
                        store.TxCounters.Put(c with { Value = c.Value + 1 });
                    }
                }));

            HotKey(store, rows, payload);
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    // Two threads increment one key with Transact; every increment must land (the final value proves it).
    private static void HotKey(BenchStore store, int increments, string payload)
    {
        store.TxCounters.Put(new TxCounter(-1, 0, payload));
        long attempts = 0;
        int perThread = increments / 2;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 }, _ =>
        {
            for (int i = 0; i < perThread; i++)
            {
                store.Transact(tx =>
                {
                    Interlocked.Increment(ref attempts);
                    TxCounter c = tx.TxCounters.Get(-1)!;
                    tx.TxCounters.Put(c with { Value = c.Value + 1 });
                });
            }
        });
        clock.Stop();
        long value = store.TxCounters.Get(-1)!.Value;
        if (value != 2L * perThread)
        {
            throw new InvalidOperationException($"hot_key: {value} increments landed of {2L * perThread}.");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hot_key_2_threads  {value / clock.Elapsed.TotalSeconds,14:N0} commits/s  retries per commit {(double)(attempts - value) / value:F3}"));
    }

    private static void Print(string operation, (double A, double B, double Cost) result)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{operation,-16}{result.A,14:N0}  {result.B,14:N0}  {result.Cost,6:F2}"));

    private static (double A, double B, double Cost) Measure(int rounds, int units, int opsPerUnit, Work a, Work b)
    {
        a(0, units);
        b(0, units);
        int slices = Math.Min(SlicesPerRound, units);
        var aRates = new double[rounds];
        var bRates = new double[rounds];
        var costs = new double[rounds];
        double ops = (double)units * opsPerUnit;
        for (int round = 0; round < rounds; round++)
        {
            long aTicks = 0;
            long bTicks = 0;
            for (int slice = 0; slice < slices; slice++)
            {
                int start = (int)((long)units * slice / slices);
                int end = (int)((long)units * (slice + 1) / slices);
                if ((round + slice) % 2 == 0)
                {
                    aTicks += Time(a, start, end);
                    bTicks += Time(b, start, end);
                }
                else
                {
                    bTicks += Time(b, start, end);
                    aTicks += Time(a, start, end);
                }
            }

            aRates[round] = ops * Stopwatch.Frequency / aTicks;
            bRates[round] = ops * Stopwatch.Frequency / bTicks;
            costs[round] = bRates[round] / aRates[round];
        }

        return (QuickStatistics.Median(aRates), QuickStatistics.Median(bRates), QuickStatistics.Median(costs));
    }

    private static long Time(Work work, int start, int end)
    {
        long begin = Stopwatch.GetTimestamp();
        work(start, end);
        return Stopwatch.GetTimestamp() - begin;
    }
}
