using TypedStore.Ycsb.Workloads;

namespace TypedStore.Ycsb.Tests;

/// <summary>
/// The plans every contender replays: deterministic, in the workload's proportions, and never reading a record before
/// the thread can know it exists (which would fail a correct store's run).
/// </summary>
public sealed class OperationPlannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reads_and_scans_only_pick_records_the_thread_knows_exist(int threads)
    {
        var planner = new OperationPlanner(5);
        OperationPlanner.Plan load = planner.PlanLoad(1_000, threads);
        var existing = new HashSet<int>(load.PerThread.SelectMany(ops => ops).Select(op => op.Record));
        Assert.Equal(1_000, existing.Count);
        foreach (Workload workload in Workload.Transactions)
        {
            OperationPlanner.Plan plan = planner.PlanTransactions(workload, 2_000, threads);
            var insertedNow = new HashSet<int>();
            foreach (Operation[] thread in plan.PerThread)
            {
                var known = new HashSet<int>(existing);
                foreach (Operation op in thread)
                {
                    if (op.Kind == OperationKind.Insert)
                    {
                        Assert.True(known.Add(op.Record), $"{workload.Name}: record {op.Record} inserted twice");
                        Assert.True(insertedNow.Add(op.Record), $"{workload.Name}: record {op.Record} inserted by two threads");
                    }
                    else
                    {
                        Assert.Contains(op.Record, known);
                    }
                }
            }

            existing.UnionWith(insertedNow);
            Assert.Equal(existing.Count, planner.RecordCount);
        }
    }

    [Fact]
    public void Proportions_match_the_workload()
    {
        var planner = new OperationPlanner(9);
        planner.PlanLoad(10_000, 1);
        foreach (Workload workload in Workload.Transactions)
        {
            Operation[] ops = planner.PlanTransactions(workload, 20_000, 1).PerThread[0];
            AssertShare(ops, OperationKind.Read, workload.Read);
            AssertShare(ops, OperationKind.Update, workload.Update);
            AssertShare(ops, OperationKind.Insert, workload.Insert);
            AssertShare(ops, OperationKind.Scan, workload.Scan);
            AssertShare(ops, OperationKind.ReadModifyWrite, workload.ReadModifyWrite);
            Assert.All(ops.Where(op => op.Kind == OperationKind.Scan), op => Assert.InRange(op.ScanLength, 1, Workload.MaxScanLength));
        }
    }

    [Fact]
    public void Read_latest_favours_the_newest_records()
    {
        var planner = new OperationPlanner(13);
        planner.PlanLoad(10_000, 1);
        Operation[] ops = planner.PlanTransactions(Workload.D, 20_000, 1).PerThread[0];
        int[] reads = [.. ops.Where(op => op.Kind == OperationKind.Read).Select(op => op.Record)];
        // Most reads go to the newest few hundred records (loaded last, or inserted during the workload).
        Assert.True(reads.Count(record => record >= 9_500) > reads.Length / 2);
    }

    [Fact]
    public void The_same_seed_plans_the_same_operations()
    {
        static Operation[][] Plan()
        {
            var planner = new OperationPlanner(21);
            planner.PlanLoad(500, 2);
            return planner.PlanTransactions(Workload.E, 1_000, 2).PerThread;
        }

        Operation[][] first = Plan(), second = Plan();
        Assert.Equal(first.Length, second.Length);
        for (int t = 0; t < first.Length; t++)
        {
            Assert.Equal(first[t], second[t]);
        }
    }

    private static void AssertShare(Operation[] ops, OperationKind kind, double expected)
    {
        double share = ops.Count(op => op.Kind == kind) / (double)ops.Length;
        Assert.InRange(share, expected - 0.02, expected + 0.02);
    }
}
