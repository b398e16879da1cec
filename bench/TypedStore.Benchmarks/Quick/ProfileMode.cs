using System.Diagnostics;
using System.Globalization;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Data;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// <c>--profile-put &lt;contender&gt; [--rows N] [--rounds N]</c>: one contender's Put loop alone (WAL off), the same
/// rows in the same order as quick mode's <c>put</c>, so a sampling profiler (<c>perf record</c>) sees one
/// contender's write path and nothing else. Prints the rate of each round; it compares nothing.
/// </summary>
internal static class ProfileMode
{
    public const string Flag = "--profile-put";

    public static int Run(string[] args)
    {
        int index = Array.IndexOf(args, Flag);
        if (index + 1 >= args.Length || !Enum.TryParse(args[index + 1], ignoreCase: true, out ContenderKind kind))
        {
            throw new ArgumentException($"{Flag} needs a contender: {string.Join(", ", Enum.GetNames<ContenderKind>())}.");
        }

        int rows = ReadOption(args, "--rows", 100_000);
        int rounds = ReadOption(args, "--rounds", 20);
        var data = new BenchDataSet(eventRows: rows);
        for (int round = 0; round < rounds; round++)
        {
            using Contender contender = Contender.Open(kind, data, wal: false);
            long started = Stopwatch.GetTimestamp();
            for (int i = 0; i < rows; i++)
            {
                contender.PutEvent(i);
            }

            double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{kind} round {round}: {rows / seconds:F0} puts/s"));
        }

        return 0;
    }

    private static int ReadOption(string[] args, string name, int defaultValue)
    {
        int index = Array.IndexOf(args, name);
        if (index < 0)
        {
            return defaultValue;
        }

        return QuickOptions.ReadPositive(args, index + 1, name);
    }
}
