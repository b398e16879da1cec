namespace TypedStore.Benchmarks.Data;

/// <summary>The sizes and options every contender shares, so that each row of a table measures the same work.</summary>
internal static class BenchSettings
{
    /// <summary>Rows in the events table (Put cycles through them; Get, ScanAll read them).</summary>
    public const int EventRows = 100_000;

    /// <summary>Users in the user table.</summary>
    public const int Users = 1_000;

    /// <summary>Rows per user in the user table (what one prefix scan returns).</summary>
    public const int RowsPerUser = 100;

    /// <summary>The LRU block cache every store is opened with; it holds the whole data set, as a warm cache would.</summary>
    public const long BlockCacheBytes = 64L * 1024 * 1024;

    /// <summary>Rows per write batch when a contender loads its data set before a read benchmark.</summary>
    public const int LoadBatchRows = 1_000;

    /// <summary>Seed of every pseudo-random choice, so each run and each contender sees the same data and order.</summary>
    public const int Seed = 20_250_101;
}
