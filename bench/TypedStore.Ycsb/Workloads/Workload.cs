namespace TypedStore.Ycsb.Workloads;

/// <summary>Which records a workload's reads, updates and scans pick.</summary>
internal enum RequestDistribution
{
    /// <summary>Scrambled zipfian, constant 0.99 (YCSB's default).</summary>
    Zipfian,

    /// <summary>Zipfian over recency: the newest records most often (workload D).</summary>
    Latest,
}

/// <summary>One YCSB core workload: its operation mix (proportions sum to 1) and request distribution.</summary>
internal sealed record Workload(
    string Name,
    string Description,
    double Read,
    double Update,
    double Insert,
    double Scan,
    double ReadModifyWrite,
    RequestDistribution Distribution)
{
    /// <summary>The load phase: every record inserted once, one insert per operation (YCSB <c>-load</c>).</summary>
    public static Workload Load { get; } = new("load", "insert every record", 0, 0, 1, 0, 0, RequestDistribution.Zipfian);

    /// <summary>Workload A, update heavy: 50% reads, 50% updates.</summary>
    public static Workload A { get; } = new("A", "50% read, 50% update", 0.5, 0.5, 0, 0, 0, RequestDistribution.Zipfian);

    /// <summary>Workload B, read mostly: 95% reads, 5% updates.</summary>
    public static Workload B { get; } = new("B", "95% read, 5% update", 0.95, 0.05, 0, 0, 0, RequestDistribution.Zipfian);

    /// <summary>Workload C, read only.</summary>
    public static Workload C { get; } = new("C", "100% read", 1, 0, 0, 0, 0, RequestDistribution.Zipfian);

    /// <summary>Workload D, read latest: 95% reads of recent records, 5% inserts.</summary>
    public static Workload D { get; } = new("D", "95% read latest, 5% insert", 0.95, 0, 0.05, 0, 0, RequestDistribution.Latest);

    /// <summary>Workload E, short ranges: 95% scans of 1–100 rows from a key, 5% inserts.</summary>
    public static Workload E { get; } = new("E", "95% scan (1-100 rows), 5% insert", 0, 0, 0.05, 0.95, 0, RequestDistribution.Zipfian);

    /// <summary>Workload F, read-modify-write: 50% reads, 50% read-modify-writes.</summary>
    public static Workload F { get; } = new("F", "50% read, 50% read-modify-write", 0.5, 0, 0, 0, 0.5, RequestDistribution.Zipfian);

    /// <summary>The transaction workloads in the order they run (YCSB's recommended A, B, C, F, D; then E).</summary>
    public static IReadOnlyList<Workload> Transactions { get; } = [A, B, C, F, D, E];

    /// <summary>Longest scan (YCSB <c>maxscanlength</c>); lengths are uniform in 1..this.</summary>
    public const int MaxScanLength = 100;
}
