using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// One differential run with its failure report: on a disagreement, the seed, the call and both outcomes, the calls
/// before it, and the run shrunk to a few steps (<see cref="DifferentialMinimiser"/>) with every call of them, plus
/// the command that replays it (<c>TYPEDSTORE_SEED</c>, and <c>TYPEDSTORE_DIFF_STEPS</c> for exactly those steps).
/// </summary>
internal static class DifferentialCheck
{
    /// <summary>
    /// Runs exactly these step indices instead: comma-separated indices and inclusive ranges, e.g. <c>3,70,122</c>
    /// (the minimised steps of a failure report) or <c>0-176</c> (a failing run up to its failing step).
    /// </summary>
    public const string StepsVariable = "TYPEDSTORE_DIFF_STEPS";

    /// <summary>Steps 0..count-1, or the ones <see cref="StepsVariable"/> names.</summary>
    public static IReadOnlyList<int> Plan(int count)
    {
        string? configured = Environment.GetEnvironmentVariable(StepsVariable);
        if (string.IsNullOrWhiteSpace(configured))
        {
            return Enumerable.Range(0, count).ToArray();
        }

        var steps = new List<int>();
        foreach (string part in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int dash = part.IndexOf('-', 1);
            int first = int.Parse(dash < 0 ? part : part[..dash], CultureInfo.InvariantCulture);
            int last = dash < 0 ? first : int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            for (int step = first; step <= last; step++)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    /// <summary>Runs <paramref name="steps"/> of <paramref name="seed"/>, then a full comparison; minimises and describes any disagreement.</summary>
    public static DifferentialResult Run(int seed, IReadOnlyList<int> steps, long minimiseBudget, Func<string, string, string>? tamper = null)
    {
        var clock = Stopwatch.StartNew();
        using var run = new DifferentialRun(seed) { TamperWithRocksDbOutcome = tamper };
        int executed = 0;
        try
        {
            foreach (int index in steps)
            {
                executed++;
                run.Step(index);
            }

            run.CompareEverything("final comparison", fromStart: true);
            return new DifferentialResult(run.Statistics, clock.Elapsed, null, []);
        }
        catch (DifferentialMismatchException mismatch)
        {
            TimeSpan elapsed = clock.Elapsed;
            IReadOnlyList<int> failing = steps.Take(executed).ToArray();
            IReadOnlyList<int> minimal = DifferentialMinimiser.Minimise(seed, failing, tamper, minimiseBudget);
            DifferentialMismatchException? minimalMismatch = DifferentialMinimiser.Replay(seed, minimal, tamper, keepFullLog: true, out IReadOnlyList<string> minimalLog);

            var report = new StringBuilder();
            report.Append(CultureInfo.InvariantCulture, $"memory and RocksDB disagree: seed {seed}, step {failing[^1]} ({executed} steps run)\n  {mismatch.Message}\n");
            report.Append("last calls before it (oldest first; '->' is the memory engine's answer):\n");
            foreach (string line in run.Recent)
            {
                report.Append("    ").Append(line).Append('\n');
            }

            string stepList = string.Join(",", minimal);
            report.Append(CultureInfo.InvariantCulture, $"minimised to {minimal.Count} of {failing.Count} steps [{stepList}]");
            report.Append(minimalMismatch is null ? " (which no longer fail: the failure needs the whole run)\n" : $", which fail with:\n  {minimalMismatch.Message}\nevery call of the minimised run:\n");
            foreach (string line in minimalLog)
            {
                report.Append("    ").Append(line).Append('\n');
            }

            report.Append(CultureInfo.InvariantCulture, $"replay: TYPEDSTORE_SEED={seed} {StepsVariable}={stepList} dotnet test tests/TypedStore.Tests -c Release --filter \"FullyQualifiedName~DifferentialTests\"\n");
            return new DifferentialResult(run.Statistics, elapsed, report.ToString(), minimal);
        }
    }
}

/// <summary>The outcome of <see cref="DifferentialCheck.Run"/>.</summary>
/// <param name="Statistics">What the run did (up to the failure, if any).</param>
/// <param name="Elapsed">How long the run took, for the steps/second the test prints (never asserted).</param>
/// <param name="Failure">The failure report, or <see langword="null"/> when the engines agreed throughout.</param>
/// <param name="MinimalSteps">The minimised failing steps (empty when there was no failure).</param>
internal sealed record DifferentialResult(DifferentialStatistics Statistics, TimeSpan Elapsed, string? Failure, IReadOnlyList<int> MinimalSteps);
