using System.Globalization;
using TypedStore.Tests.Reliability.Differential;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Differential testing: a memory store and a RocksDB store, driven through the generated API by the same seeded
/// random operations (puts, PutMany, deletes, DeleteUser, soft delete, Restore, Purge, PurgeDeleted, Insert, Append,
/// eviction on demand and by the background timer, batches mixing tables committed or abandoned, snapshots read
/// after writes, scans enumerated around a write, refused inputs, close and reopen) and the same clock; every result
/// and every exception is compared, and every table whole at intervals, after each reopen and at the end
/// (<see cref="DifferentialRun"/>). A disagreement is shrunk to a few steps and printed with the command that
/// replays it. CI runs a few thousand steps; <c>TYPEDSTORE_SOAK=1</c> runs half a million with fresh seeds.
/// </summary>
public sealed class DifferentialTests
{
    private readonly ITestOutputHelper _output;

    public DifferentialTests(ITestOutputHelper output) => _output = output;

    [Theory]
    [InlineData(71_001)]
    [InlineData(71_002)]
    [InlineData(71_003)]
    public void MemoryAndRocksDb_AnswerEveryCallAlike_AcrossReopens(int fixedSeed)
    {
        int seed = ReliabilitySettings.Seed(fixedSeed);
        IReadOnlyList<int> steps = DifferentialCheck.Plan(ReliabilitySettings.Scale(1_000, 170_000));
        DifferentialResult result = DifferentialCheck.Run(seed, steps, minimiseBudget: ReliabilitySettings.Scale(300_000, 3_000_000));
        Assert.True(result.Failure is null, result.Failure);

        DifferentialStatistics statistics = result.Statistics;
        _output.WriteLine($"seed {seed}: {statistics}");
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{result.Elapsed.TotalSeconds:F2} s, {statistics.Steps / result.Elapsed.TotalSeconds:F0} steps/s, {statistics.Calls / result.Elapsed.TotalSeconds:F0} compared calls/s"));

        // The mix really happened (guards against a vocabulary that silently stopped producing some steps).
        if (steps.Count >= 1_000)
        {
            int n = statistics.Steps;
            Assert.True(statistics.Batches > n / 20 && statistics.AbandonedBatches > 0 && statistics.Snapshots > n / 50, statistics.ToString());
            Assert.True(statistics.Refused > n / 50 && statistics.Exceptions > n / 50 && statistics.ScansAroundWrites > n / 100, statistics.ToString());
            Assert.True(statistics.Reopens >= Math.Max(1, n / 1_000) && statistics.Evictions > n / 100 && statistics.FullComparisons > n / DifferentialRun.FullComparisonInterval, statistics.ToString());
        }
    }

    /// <summary>
    /// The harness can fail: one RocksDB answer is altered before the comparison (any result holding account "a1"),
    /// and the run must stop at it, print both answers, and shrink the run to the one step that wrote "a1".
    /// </summary>
    [Fact]
    public void AnAlteredAnswer_IsCaught_Printed_AndMinimisedToOneStep()
    {
        const string Written = "Id=\"a1\"";
        static string Tamper(string call, string outcome) => outcome.Replace(Written, "Id=\"a1 (altered)\"", StringComparison.Ordinal);

        DifferentialResult result = DifferentialCheck.Run(71_001, Enumerable.Range(0, 400).ToArray(), minimiseBudget: 50_000, Tamper);

        Assert.NotNull(result.Failure);
        _output.WriteLine(result.Failure);
        Assert.Contains("seed 71001", result.Failure, StringComparison.Ordinal);
        Assert.Contains("a1 (altered)", result.Failure, StringComparison.Ordinal);
        Assert.Contains("TYPEDSTORE_DIFF_STEPS=", result.Failure, StringComparison.Ordinal);
        int step = Assert.Single(result.MinimalSteps);

        // The minimised step on its own still disagrees under the tampering, and agrees without it.
        Assert.NotNull(DifferentialMinimiser.Replay(71_001, [step], Tamper, keepFullLog: false, out _));
        Assert.Null(DifferentialMinimiser.Replay(71_001, [step], tamper: null, keepFullLog: false, out _));
    }
}
