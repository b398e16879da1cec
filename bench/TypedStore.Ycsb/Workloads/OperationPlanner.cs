using TypedStore.Ycsb.Model;

namespace TypedStore.Ycsb.Workloads;

/// <summary>
/// Plans a workload's operations ahead of timing, per thread, deterministically from a seed, so every contender replays
/// exactly the same operations. Inserts take record numbers past every record used so far: thread t's j-th insert is
/// <c>next + j * threads + t</c>. A thread's reads and scans pick among the records it knows exist — every record from
/// before the workload plus its own inserts so far — so no planned read can run ahead of the insert that makes its row
/// (YCSB's acknowledged-insert counter does that job at run time).
/// </summary>
internal sealed class OperationPlanner(int seed)
{
    private readonly List<int> _existing = [];
    private int _next;

    /// <summary>How many records exist after the workloads planned so far.</summary>
    public int RecordCount => _existing.Count;

    /// <summary>The highest record number any plan can use for <paramref name="records"/> records and <paramref name="operations"/> per workload.</summary>
    public static int MaxRecordNumber(int records, int operations, int threads) => records + (Workload.Transactions.Count * (operations + threads));

    /// <summary>The load phase: records 0..records-1, split round-robin between the threads.</summary>
    public Plan PlanLoad(int records, int threads)
    {
        var perThread = new Operation[threads][];
        var random = new Random(seed);
        for (int t = 0; t < threads; t++)
        {
            int count = (records / threads) + (t < records % threads ? 1 : 0);
            perThread[t] = new Operation[count];
            for (int j = 0; j < count; j++)
            {
                perThread[t][j] = new Operation(OperationKind.Insert, (j * threads) + t, (byte)random.Next(RowFactory.Versions), 0);
            }
        }

        for (int r = 0; r < records; r++)
        {
            _existing.Add(r);
        }

        _next = records;
        return new Plan(Workload.Load, perThread);
    }

    /// <summary>A transaction workload over the records that exist after the plans before it.</summary>
    public Plan PlanTransactions(Workload workload, int operations, int threads)
    {
        var perThread = new Operation[threads][];
        var inserted = new List<int>();
        for (int t = 0; t < threads; t++)
        {
            int count = (operations / threads) + (t < operations % threads ? 1 : 0);
            perThread[t] = PlanThread(workload, count, threads, t, inserted);
        }

        inserted.Sort();
        _existing.AddRange(inserted);
        if (inserted.Count > 0)
        {
            _next = inserted[^1] + 1;
        }

        return new Plan(workload, perThread);
    }

    private Operation[] PlanThread(Workload workload, int count, int threads, int thread, List<int> inserted)
    {
        var random = new Random(HashCode.Combine(seed, workload.Name, thread));
        var scrambled = new ScrambledZipfianGenerator();
        int before = _existing.Count;
        ZipfianGenerator? latest = workload.Distribution == RequestDistribution.Latest ? new ZipfianGenerator(before) : null;
        var own = new List<int>();
        var operations = new Operation[count];
        double readEdge = workload.Read;
        double updateEdge = readEdge + workload.Update;
        double insertEdge = updateEdge + workload.Insert;
        double scanEdge = insertEdge + workload.Scan;
        for (int i = 0; i < count; i++)
        {
            double u = random.NextDouble();
            OperationKind kind = u < readEdge ? OperationKind.Read
                : u < updateEdge ? OperationKind.Update
                : u < insertEdge ? OperationKind.Insert
                : u < scanEdge ? OperationKind.Scan
                : OperationKind.ReadModifyWrite;
            byte version = (byte)random.Next(RowFactory.Versions);
            if (kind == OperationKind.Insert)
            {
                int record = _next + (own.Count * threads) + thread;
                own.Add(record);
                operations[i] = new Operation(kind, record, version, 0);
                continue;
            }

            int known = before + own.Count;
            // Index 0..before-1: the records from before (oldest first); before.. : this thread's inserts (oldest first).
            long index = latest is not null
                ? known - 1 - latest.Next(random, known)
                : ChooseZipfian(scrambled, random, before, own.Count, threads);
            int chosen = index < before ? _existing[(int)index] : own[(int)(index - before)];
            byte scanLength = kind == OperationKind.Scan ? (byte)random.Next(1, Workload.MaxScanLength + 1) : (byte)0;
            operations[i] = new Operation(kind, chosen, version, scanLength);
        }

        inserted.AddRange(own);
        return operations;
    }

    // YCSB draws over the records expected by the end and redraws one not yet inserted; here "inserted" means known
    // to this thread. Draws above 'before' stand for the inserts of all threads; a thread keeps only its own share.
    private static long ChooseZipfian(ScrambledZipfianGenerator scrambled, Random random, int before, int ownInserts, int threads)
    {
        long space = before + ((long)ownInserts * threads);
        while (true)
        {
            long drawn = scrambled.Next(random, space);
            if (drawn < before)
            {
                return drawn;
            }

            long offset = drawn - before;
            if (offset % threads == 0 && offset / threads < ownInserts)
            {
                return before + (offset / threads);
            }
        }
    }

    /// <summary>The plan of one workload: its operations, per thread.</summary>
    public sealed record Plan(Workload Workload, Operation[][] PerThread)
    {
        public int TotalOperations => PerThread.Sum(ops => ops.Length);
    }
}
