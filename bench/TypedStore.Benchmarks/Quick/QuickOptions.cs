using System.Globalization;

namespace TypedStore.Benchmarks.Quick;

/// <summary>
/// Quick mode's command line: <c>--quick [--rows N] [--rounds N] [--core] [--async-only]</c>. <c>--core</c> puts
/// TypedStore's RocksDB core, on pre-encoded bytes, in the typed column: the binding's share of the typed layer's
/// cost. <c>--async-only</c> runs only the async lines (sync vs async members, AsyncQuickMode).
/// </summary>
internal sealed record QuickOptions(int Rows, int Rounds, bool CoreOnly, bool AsyncOnly = false)
{
    public const string Flag = "--quick";

    private const int DefaultRows = 100_000;
    private const int DefaultRounds = 9;

    public static QuickOptions Parse(string[] args)
    {
        int rows = DefaultRows;
        int rounds = DefaultRounds;
        bool coreOnly = false;
        bool asyncOnly = false;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case Flag:
                    break;
                case "--rows":
                    rows = ReadPositive(args, ++i, "--rows");
                    break;
                case "--rounds":
                    rounds = ReadPositive(args, ++i, "--rounds");
                    break;
                case "--core":
                    coreOnly = true;
                    break;
                case "--async-only":
                    asyncOnly = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown quick-mode argument '{args[i]}'. Usage: --quick [--rows N] [--rounds N] [--core] [--async-only]");
            }
        }

        // Batches of 100 must tile the data set, so that every round writes the same rows.
        if (rows % QuickMode.BatchSize != 0)
        {
            throw new ArgumentException($"--rows must be a multiple of {QuickMode.BatchSize}, got {rows}.");
        }

        return new QuickOptions(rows, rounds, coreOnly, asyncOnly);
    }

    /// <summary>The positive integer at <paramref name="index"/>, the value of option <paramref name="name"/>.</summary>
    internal static int ReadPositive(string[] args, int index, string name)
    {
        if (index >= args.Length || !int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value <= 0)
        {
            throw new ArgumentException($"{name} needs a positive integer.");
        }

        return value;
    }
}
