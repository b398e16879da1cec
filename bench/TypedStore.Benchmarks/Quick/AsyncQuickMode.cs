using System.Diagnostics;
using System.Globalization;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// The async lines of the quick mode (docs/async.md, "Cost on RocksDB"): each generated async member against its
/// synchronous form on one RocksDB store, WAL off as the other quick lines: <c>GetAsync</c>/<c>Get</c>,
/// <c>PutAsync</c>/<c>Put</c>, a 100-row batch <c>CommitAsync</c>/<c>Commit</c>, and a 100-row query read with
/// <c>ToAsyncEnumerable()</c>/<c>foreach</c>. On RocksDB the async members complete synchronously, so the tasks are
/// read with <c>GetAwaiter().GetResult()</c> (never blocking); a and b alternate in slices within each round; medians.
/// </summary>
internal static partial class AsyncQuickMode
{
    private const int SlicesPerRound = 10;
    private const int RowsPerUnit = 100;

    private delegate void Work(int start, int end);

    public static void Run(QuickOptions options)
    {
        string path = Path.Combine(Path.GetTempPath(), "typedstore-bench-async-" + Guid.NewGuid().ToString("N"));
        try
        {
            using BenchStore store = BenchStore.Open(path, new StoreOptions { DisableWal = true });
            int rows = Math.Min(options.Rows, 20_000) / RowsPerUnit * RowsPerUnit;
            string payload = new('p', 60);
            TxCounter[] counters = new TxCounter[rows];
            for (int i = 0; i < rows; i++)
            {
                counters[i] = new TxCounter(i, i, payload);
            }

            store.TxCounters.PutMany(counters);
            int[] order = [.. Enumerable.Range(0, rows).OrderBy(i => (uint)(i * 2654435761u))];

            Console.WriteLine("# async A/B: a = the async member, b = its synchronous form, one RocksDB store; ratio = a_ops_per_s / b_ops_per_s (1.0 = free); bytes = allocated per op");
            Console.WriteLine("# op              a_ops_per_s      b_ops_per_s   ratio  a_bytes  b_bytes");

            Print("get_async", Measure(options.Rounds, rows, opsPerUnit: 1,
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        _ = store.TxCounters.GetAsync(order[i]).GetAwaiter().GetResult() ?? throw Missing(order[i]);
                    }
                },
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        _ = store.TxCounters.Get(order[i]) ?? throw Missing(order[i]);
                    }
                }));

            Print("put_async", Measure(options.Rounds, rows, opsPerUnit: 1,
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        store.TxCounters.PutAsync(counters[i]).GetAwaiter().GetResult();
                    }
                },
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        store.TxCounters.Put(counters[i]);
                    }
                }));

            // An indexed table (a two-part index and a unique one): the async commit reads the row's current state and
            // the unique value's holder with GetManyAsync instead of TryGet (docs/async.md, "What runs synchronously").
            TwoIndexRow[] indexed = new TwoIndexRow[rows];
            for (int i = 0; i < rows; i++)
            {
                indexed[i] = new TwoIndexRow(i, "o" + (i % 100), i, $"e{i}@x", payload);
            }

            Print("put_ix2_async", Measure(options.Rounds, rows, opsPerUnit: 1,
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        store.IxTwo.PutAsync(indexed[i]).GetAwaiter().GetResult();
                    }
                },
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        store.IxTwo.Put(indexed[i]);
                    }
                }));

            // A read-modify-write transaction: TransactAsync with GetAsync/PutAsync (the overlay's async read, the
            // snapshot taken with CreateSnapshotAsync) against Transact with Get/Put.
            Print("tx_rmw_async", Measure(options.Rounds, rows, opsPerUnit: 1,
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        int id = order[i];
                        store.TransactAsync(async (tx, ct) =>
                        {
                            TxCounter counter = (await tx.TxCounters.GetAsync(id, ct).ConfigureAwait(false)) ?? throw Missing(id);
                            await tx.TxCounters.PutAsync(counter with { Value = counter.Value + 1 }, ct).ConfigureAwait(false);
                        }).GetAwaiter().GetResult();
                    }
                },
                (start, end) =>
                {
                    for (int i = start; i < end; i++)
                    {
                        int id = order[i];
                        store.Transact(tx =>
                        {
                            TxCounter counter = tx.TxCounters.Get(id) ?? throw Missing(id);
                            tx.TxCounters.Put(counter with { Value = counter.Value + 1 });
                        });
                    }
                }));

            int units = rows / RowsPerUnit;
            Print("batch100_async", Measure(options.Rounds, units, opsPerUnit: RowsPerUnit,
                (start, end) =>
                {
                    for (int u = start; u < end; u++)
                    {
                        using BenchStoreBatch batch = store.CreateBatch();
                        for (int i = u * RowsPerUnit; i < (u + 1) * RowsPerUnit; i++)
                        {
                            batch.TxCounters.Put(counters[i]);
                        }

                        batch.CommitAsync().GetAwaiter().GetResult();
                    }
                },
                (start, end) =>
                {
                    for (int u = start; u < end; u++)
                    {
                        using BenchStoreBatch batch = store.CreateBatch();
                        for (int i = u * RowsPerUnit; i < (u + 1) * RowsPerUnit; i++)
                        {
                            batch.TxCounters.Put(counters[i]);
                        }

                        batch.Commit();
                    }
                }));

            Print("scan100_async", Measure(options.Rounds, units, opsPerUnit: RowsPerUnit,
                (start, end) =>
                {
                    for (int u = start; u < end; u++)
                    {
                        IAsyncEnumerator<TxCounter> rowsOfUnit = store.TxCounters.Scan().From(u * RowsPerUnit).Before((u + 1) * RowsPerUnit).ToAsyncEnumerable().GetAsyncEnumerator();
                        int read = 0;
                        while (rowsOfUnit.MoveNextAsync().GetAwaiter().GetResult())
                        {
                            read++;
                        }

                        rowsOfUnit.DisposeAsync().GetAwaiter().GetResult();
                        ThrowIfShort(read);
                    }
                },
                (start, end) =>
                {
                    for (int u = start; u < end; u++)
                    {
                        int read = 0;
                        foreach (TxCounter _ in store.TxCounters.Scan().From(u * RowsPerUnit).Before((u + 1) * RowsPerUnit))
                        {
                            read++;
                        }

                        ThrowIfShort(read);
                    }
                }));

            PrintFeaturedReads(store, options, rows);
        }
        finally
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }

    private static InvalidOperationException Missing(int id) => new($"row {id} was not read back.");

    private static void ThrowIfShort(int read)
    {
        if (read != RowsPerUnit)
        {
            throw new InvalidOperationException($"a 100-row scan read {read} rows.");
        }
    }

    private static void Print(string operation, Result result)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{operation,-16}{result.A,14:N0}  {result.B,14:N0}  {result.Ratio,6:F2}  {result.ABytes,7:F1}  {result.BBytes,7:F1}"));

    private static Result Measure(int rounds, int units, int opsPerUnit, Work a, Work b)
    {
        // Untimed: JIT tiering, block cache, pooled buffers.
        a(0, units);
        b(0, units);
        int slices = Math.Min(SlicesPerRound, units);
        double ops = (double)units * opsPerUnit;
        var aRates = new double[rounds];
        var bRates = new double[rounds];
        var ratios = new double[rounds];
        var aBytes = new double[rounds];
        var bBytes = new double[rounds];
        for (int round = 0; round < rounds; round++)
        {
            long aTicks = 0;
            long bTicks = 0;
            long aAllocated = 0;
            long bAllocated = 0;
            for (int slice = 0; slice < slices; slice++)
            {
                int start = (int)((long)units * slice / slices);
                int end = (int)((long)units * (slice + 1) / slices);
                if ((round + slice) % 2 == 0)
                {
                    aTicks += Time(a, start, end, ref aAllocated);
                    bTicks += Time(b, start, end, ref bAllocated);
                }
                else
                {
                    bTicks += Time(b, start, end, ref bAllocated);
                    aTicks += Time(a, start, end, ref aAllocated);
                }
            }

            aRates[round] = ops * Stopwatch.Frequency / aTicks;
            bRates[round] = ops * Stopwatch.Frequency / bTicks;
            ratios[round] = aRates[round] / bRates[round];
            aBytes[round] = aAllocated / ops;
            bBytes[round] = bAllocated / ops;
        }

        return new Result(QuickStatistics.Median(aRates), QuickStatistics.Median(bRates), QuickStatistics.Median(ratios), QuickStatistics.Median(aBytes), QuickStatistics.Median(bBytes));
    }

    private static long Time(Work work, int start, int end, ref long allocated)
    {
        long bytesBefore = GC.GetAllocatedBytesForCurrentThread();
        long begin = Stopwatch.GetTimestamp();
        work(start, end);
        long ticks = Stopwatch.GetTimestamp() - begin;
        allocated += GC.GetAllocatedBytesForCurrentThread() - bytesBefore;
        return ticks;
    }

    private readonly record struct Result(double A, double B, double Ratio, double ABytes, double BBytes);
}
