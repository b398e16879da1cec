namespace TypedStore.Tests.Reliability;

/// <summary>
/// How hard the reliability tests push. CI runs the short versions; <c>TYPEDSTORE_SOAK=1</c> raises every count
/// for a soak run (docs/reliability.md). Every count is a number of operations or inputs, never a duration, and
/// every random choice comes from a seed printed with any failure, so a run is reproducible.
/// </summary>
internal static class ReliabilitySettings
{
    /// <summary>Whether this is a soak run (<c>TYPEDSTORE_SOAK=1</c>).</summary>
    public static bool IsSoak { get; } = Environment.GetEnvironmentVariable("TYPEDSTORE_SOAK") == "1";

    /// <summary>A count for the short run, or its soak-run counterpart.</summary>
    public static int Scale(int shortRun, int soakRun) => IsSoak ? soakRun : shortRun;

    /// <summary>
    /// The seed of a test: <c>TYPEDSTORE_SEED</c> when set (to replay a failure), else the test's fixed seed, or in
    /// a soak run a fresh one, so soak runs explore new sequences while CI stays deterministic.
    /// </summary>
    public static int Seed(int fixedSeed)
    {
        string? configured = Environment.GetEnvironmentVariable("TYPEDSTORE_SEED");
        if (configured is not null && int.TryParse(configured, System.Globalization.CultureInfo.InvariantCulture, out int replay))
        {
            return replay;
        }

        return IsSoak ? Random.Shared.Next() : fixedSeed;
    }
}
