namespace TypedStore.Ycsb.Running;

/// <summary>
/// One contender's time on one workload at one thread count, summed over its turns: wall-clock seconds, and the CPU
/// seconds its benchmark threads spent (<see cref="ThreadCpuClock"/>; 0 where not measured), and the CPU seconds the
/// whole process spent during its turns (<see cref="ThreadCpuClock.ProcessNow"/>: background threads included, so it is
/// the contender's own cost only when it runs alone in the process).
/// </summary>
internal sealed record Measurement(int Threads, string Workload, string Contender, long Operations, double Seconds, double CpuSeconds, double ProcessCpuSeconds)
{
    public double OperationsPerSecond => Operations / Seconds;

    /// <summary>Benchmark-thread CPU microseconds per operation (background threads of the store not included).</summary>
    public double CpuMicrosecondsPerOperation => CpuSeconds * 1e6 / Operations;

    /// <summary>Process CPU microseconds per operation during the contender's turns (background threads included).</summary>
    public double ProcessCpuMicrosecondsPerOperation => ProcessCpuSeconds * 1e6 / Operations;
}

/// <summary>A contender's store directory size (bytes, apparent file sizes) after the load and after every workload.</summary>
internal sealed record SizeMeasurement(int Threads, string Contender, long? AfterLoadBytes, long? AfterRunBytes);

/// <summary>What the report needs to know about a contender besides its numbers.</summary>
internal sealed record ContenderInfo(string Name, bool IsTypedStore, bool SurvivesProcessCrash, bool SupportsScan, string Durability);

/// <summary>A contender whose store threw (its own error, not a failed check) and left the run at that thread count.</summary>
internal sealed record Failure(int Threads, string Workload, string Contender, string Error);

/// <summary>Everything one invocation measured.</summary>
internal sealed class YcsbResults
{
    public List<Measurement> Measurements { get; } = [];

    public List<SizeMeasurement> Sizes { get; } = [];

    public List<ContenderInfo> Contenders { get; } = [];

    public List<string> Workloads { get; } = [];

    public List<Failure> Failures { get; } = [];
}
