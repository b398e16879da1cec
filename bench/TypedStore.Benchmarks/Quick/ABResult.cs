namespace TypedStore.Benchmarks.Quick;

/// <summary>One operation's interleaved A/B result: medians over the rounds.</summary>
internal sealed record ABResult(string Operation, double TypedOpsPerSecond, double RawOpsPerSecond, double Ratio, double TypedBytesPerOp);
