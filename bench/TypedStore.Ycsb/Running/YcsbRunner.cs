using System.Diagnostics;
using TypedStore.Ycsb.Contenders;
using TypedStore.Ycsb.Model;
using TypedStore.Ycsb.Workloads;

namespace TypedStore.Ycsb.Running;

/// <summary>
/// Runs the suite: for each thread count, every contender on a fresh store, the load and then workloads A, B, C, F, D, E
/// on the same stores (YCSB's recommended order; D's and E's inserts continue the record numbers). Each workload's
/// operations are planned once and split into chunks; the contenders take turns chunk by chunk (the first to go rotates),
/// so whatever else the machine does hits them all alike. Every turn starts on a collected heap, so no contender pays
/// for another's garbage.
/// </summary>
internal sealed class YcsbRunner(YcsbSettings settings, TextWriter log)
{
    private const int WarmUpSize = 2_000;

    public YcsbResults Run()
    {
        var results = new YcsbResults();
        string[] keys = YcsbKeys.Build(OperationPlanner.MaxRecordNumber(settings.Records, settings.Operations, settings.Threads.Max()));
        List<Workload> workloads = [.. Workload.Transactions.Where(w => settings.Workloads.Contains(w.Name, StringComparer.OrdinalIgnoreCase))];
        results.Workloads.Add(Workload.Load.Name);
        results.Workloads.AddRange(workloads.Select(w => w.Name));
        WarmUp(keys, workloads);
        foreach (int threads in settings.Threads)
        {
            RunThreadCount(threads, keys, workloads, results);
        }

        return results;
    }

    // Every contender runs a small copy of the whole suite on a throwaway store first, so the JIT has compiled (and
    // tiered up) every contender's code paths before anything is timed: the first timed chunk would otherwise charge
    // compilation to whoever goes first.
    private void WarmUp(string[] keys, List<Workload> workloads)
    {
        int records = Math.Min(settings.Records, WarmUpSize);
        int operations = Math.Min(settings.Operations, WarmUpSize);
        string root = Path.Combine(settings.WorkDirectory, $"ycsb-warmup-{Guid.NewGuid():N}");
        try
        {
            foreach (string id in settings.Contenders)
            {
                using YcsbContender contender = ContenderCatalog.Open(id, Path.Combine(root, id), records);
                using YcsbSession session = contender.OpenSession();
                var planner = new OperationPlanner(settings.Seed + 1);
                Execute(session, planner.PlanLoad(records, 1).PerThread[0], keys);
                foreach (Workload workload in workloads)
                {
                    OperationPlanner.Plan plan = planner.PlanTransactions(workload, operations, 1);
                    if (workload.Scan == 0 || contender.SupportsScan)
                    {
                        Execute(session, plan.PerThread[0], keys);
                    }
                }
            }
        }
        finally
        {
            TryDelete(root);
        }

        log.WriteLine($"  warm-up done ({records:N0} records, {operations:N0} operations per workload, per contender)");
    }

    private void RunThreadCount(int threads, string[] keys, List<Workload> workloads, YcsbResults results)
    {
        string root = Path.Combine(settings.WorkDirectory, $"ycsb-{threads}t-{Guid.NewGuid():N}");
        var contenders = new List<YcsbContender>();
        var sessions = new List<YcsbSession[]>();
        try
        {
            foreach (string id in settings.Contenders)
            {
                YcsbContender contender = ContenderCatalog.Open(id, Path.Combine(root, id), settings.Records);
                contenders.Add(contender);
                sessions.Add([.. Enumerable.Range(0, threads).Select(_ => contender.OpenSession())]);
                if (!results.Contenders.Exists(c => c.Name == contender.Name))
                {
                    results.Contenders.Add(new ContenderInfo(contender.Name, contender.IsTypedStore, contender.SurvivesProcessCrash, contender.SupportsScan, contender.Durability));
                }
            }

            var planner = new OperationPlanner(settings.Seed);
            var broken = new bool[contenders.Count];
            RunPlan(planner.PlanLoad(settings.Records, threads), threads, keys, contenders, sessions, broken, results);
            long?[] afterLoad = [.. contenders.Select(c => DirectorySize.Of(c.DataDirectory))];
            foreach (Workload workload in workloads)
            {
                RunPlan(planner.PlanTransactions(workload, settings.Operations, threads), threads, keys, contenders, sessions, broken, results);
            }

            for (int i = 0; i < contenders.Count; i++)
            {
                results.Sizes.Add(new SizeMeasurement(threads, contenders[i].Name, afterLoad[i], DirectorySize.Of(contenders[i].DataDirectory)));
            }
        }
        finally
        {
            foreach (YcsbSession[] perThread in sessions)
            {
                foreach (YcsbSession session in perThread)
                {
                    CloseQuietly(session, "session");
                }
            }

            foreach (YcsbContender contender in contenders)
            {
                CloseQuietly(contender, contender.Name);
            }

            TryDelete(root);
        }
    }

    // A contender whose store throws an error of its own (not a failed read check) is reported as failed from that
    // workload on and leaves the run; the others go on. A wrong or missing row (YcsbCheckException) fails the whole run.
    private void RunPlan(
        OperationPlanner.Plan plan, int threads, string[] keys, List<YcsbContender> contenders, List<YcsbSession[]> sessions, bool[] broken, YcsbResults results)
    {
        bool scans = plan.Workload.Scan > 0;
        var seconds = new double[contenders.Count];
        var cpuSeconds = new double[contenders.Count];
        var processCpuSeconds = new double[contenders.Count];
        int chunks = Math.Max(1, settings.Chunks);
        for (int chunk = 0; chunk < chunks; chunk++)
        {
            for (int turn = 0; turn < contenders.Count; turn++)
            {
                int c = (turn + chunk) % contenders.Count;
                if ((scans && !contenders[c].SupportsScan) || broken[c])
                {
                    continue;
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                try
                {
                    double processStart = ThreadCpuClock.ProcessNow();
                    (double wall, double cpu) = RunChunk(plan, chunk, chunks, threads, keys, sessions[c]);
                    processCpuSeconds[c] += ThreadCpuClock.ProcessNow() - processStart;
                    seconds[c] += wall;
                    cpuSeconds[c] += cpu;
                }
                catch (Exception e) when (StoreError(e) is { } error)
                {
                    broken[c] = true;
                    results.Failures.Add(new Failure(threads, plan.Workload.Name, contenders[c].Name, $"{error.GetType().FullName}: {error.Message}"));
                    log.WriteLine($"  {threads}t {plan.Workload.Name,-5} {contenders[c].Name,-24} FAILED: {error}");
                }
            }
        }

        for (int c = 0; c < contenders.Count; c++)
        {
            if ((scans && !contenders[c].SupportsScan) || broken[c])
            {
                continue;
            }

            var measurement = new Measurement(threads, plan.Workload.Name, contenders[c].Name, plan.TotalOperations, seconds[c], cpuSeconds[c], processCpuSeconds[c]);
            results.Measurements.Add(measurement);
            log.WriteLine($"  {threads}t {plan.Workload.Name,-5} {contenders[c].Name,-24} {measurement.OperationsPerSecond,12:N0} ops/s");
        }
    }

    // One contender's turn: every thread runs its slice of this chunk; the time is from the start signal until the
    // last thread is done, the CPU time the sum of what each thread spent on its slice.
    private static (double Wall, double Cpu) RunChunk(OperationPlanner.Plan plan, int chunk, int chunks, int threads, string[] keys, YcsbSession[] sessions)
    {
        if (threads == 1)
        {
            Operation[] operations = plan.PerThread[0];
            double cpuStart = ThreadCpuClock.Now();
            long start = Stopwatch.GetTimestamp();
            Execute(sessions[0], Slice(operations, chunk, chunks), keys);
            double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return (wall, ThreadCpuClock.Now() - cpuStart);
        }

        using var go = new ManualResetEventSlim(false);
        var failures = new Exception?[threads];
        var cpu = new double[threads];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int thread = t;
            workers[t] = new Thread(() =>
            {
                go.Wait();
                double cpuStart = ThreadCpuClock.Now();
                try
                {
                    Execute(sessions[thread], Slice(plan.PerThread[thread], chunk, chunks), keys);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures[thread] = e;
                }

                cpu[thread] = ThreadCpuClock.Now() - cpuStart;
            })
            { IsBackground = true, Name = $"ycsb-worker-{t}" };
            workers[t].Start();
        }

        long started = Stopwatch.GetTimestamp();
        go.Set();
        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        double elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        foreach (Exception? failure in failures)
        {
            if (failure is not null)
            {
                throw new AggregateException("a worker thread failed", failure);
            }
        }

        return (elapsed, cpu.Sum());
    }

    // The store's own exception, or null when the failure is a failed read check (or nothing a store threw).
    private static Exception? StoreError(Exception e)
    {
        Exception inner = e is AggregateException { InnerExceptions: [Exception only] } ? only : e;
        return inner is YcsbCheckException or OutOfMemoryException ? null : inner;
    }

    private static ReadOnlySpan<Operation> Slice(Operation[] operations, int chunk, int chunks)
    {
        int from = (int)((long)operations.Length * chunk / chunks);
        int to = (int)((long)operations.Length * (chunk + 1) / chunks);
        return operations.AsSpan(from, to - from);
    }

    private static void Execute(YcsbSession session, ReadOnlySpan<Operation> operations, string[] keys)
    {
        foreach (ref readonly Operation operation in operations)
        {
            string key = keys[operation.Record];
            switch (operation.Kind)
            {
                case OperationKind.Read:
                    session.Read(key);
                    break;
                case OperationKind.Update:
                    session.Update(RowFactory.Build(key, operation.Version));
                    break;
                case OperationKind.Insert:
                    session.Insert(RowFactory.Build(key, operation.Version));
                    break;
                case OperationKind.Scan:
                    session.Scan(key, operation.ScanLength);
                    break;
                case OperationKind.ReadModifyWrite:
                    session.ReadModifyWrite(key, RowFactory.Build(key, operation.Version));
                    break;
                default:
                    throw new InvalidOperationException($"unknown operation {operation.Kind}");
            }
        }
    }

    // A store that failed during the run may fail to close too; that must not hide the results of the others.
    private void CloseQuietly(IDisposable disposable, string what)
    {
        try
        {
            disposable.Dispose();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.WriteLine($"  closing {what} failed: {e.GetType().FullName}: {e.Message}");
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A store still closing must not fail the run; the directory is under the work directory.
        }
    }
}
