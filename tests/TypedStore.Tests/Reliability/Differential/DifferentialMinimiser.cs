namespace TypedStore.Tests.Reliability.Differential;

/// <summary>
/// Shrinks a failing run to a few steps (delta debugging over step indices): drops chunks of steps, ever smaller,
/// keeping a removal whenever the rest still makes the engines disagree. Works because every step is self-contained
/// and draws its randomness from its own index (<see cref="DifferentialRun.StepSeed"/>). Bounded by a number of
/// steps replayed, so a failure late in a soak run is reported (unminimised past the budget) rather than shrunk forever.
/// </summary>
internal static class DifferentialMinimiser
{
    /// <summary>
    /// Replays <paramref name="steps"/> of <paramref name="seed"/> on fresh stores, then compares everything;
    /// returns the disagreement, or <see langword="null"/> when the engines agree.
    /// </summary>
    public static DifferentialMismatchException? Replay(int seed, IReadOnlyList<int> steps, Func<string, string, string>? tamper, bool keepFullLog, out IReadOnlyList<string> log)
    {
        using var run = new DifferentialRun(seed, keepFullLog) { TamperWithRocksDbOutcome = tamper };
        try
        {
            foreach (int index in steps)
            {
                run.Step(index);
            }

            run.CompareEverything("final comparison", fromStart: true);
            return null;
        }
        catch (DifferentialMismatchException mismatch)
        {
            return mismatch;
        }
        finally
        {
            log = run.FullLog;
        }
    }

    /// <summary>The smallest failing subset of <paramref name="failing"/> found within <paramref name="stepBudget"/> replayed steps.</summary>
    public static IReadOnlyList<int> Minimise(int seed, IReadOnlyList<int> failing, Func<string, string, string>? tamper, long stepBudget)
    {
        List<int> current = [.. failing];
        long spent = 0;
        int chunks = 2;
        while (current.Count >= 2)
        {
            int chunkSize = (current.Count + chunks - 1) / chunks;
            bool reduced = false;
            for (int start = 0; start < current.Count; start += chunkSize)
            {
                List<int> candidate = [.. current[..start], .. current[Math.Min(current.Count, start + chunkSize)..]];
                spent += candidate.Count;
                if (spent > stepBudget)
                {
                    return current;
                }

                if (Replay(seed, candidate, tamper, keepFullLog: false, out _) is not null)
                {
                    current = candidate;
                    chunks = Math.Max(chunks - 1, 2);
                    reduced = true;
                    break;
                }
            }

            if (!reduced)
            {
                if (chunkSize == 1)
                {
                    break;
                }

                chunks = Math.Min(chunks * 2, current.Count);
            }
        }

        return current;
    }
}
