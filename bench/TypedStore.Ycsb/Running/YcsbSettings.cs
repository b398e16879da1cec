namespace TypedStore.Ycsb.Running;

/// <summary>What one invocation runs (from the command line, see <c>Program</c>).</summary>
internal sealed record YcsbSettings(
    int Records,
    int Operations,
    IReadOnlyList<int> Threads,
    int Chunks,
    IReadOnlyList<string> Contenders,
    IReadOnlyList<string> Workloads,
    int Seed,
    string OutputDirectory,
    string WorkDirectory);
