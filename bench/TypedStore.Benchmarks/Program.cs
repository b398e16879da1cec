using BenchmarkDotNet.Running;
using TypedStore.Benchmarks.Quick;

// `--quick [--rows N] [--rounds N]`: the interleaved A/B check (seconds). `--profile-put <contender>`: one
// contender's Put loop alone, for a profiler. Anything else goes to BenchmarkDotNet,
// e.g. `--filter '*'` for every suite or `--filter '*Put*'` for one (docs/benchmarks.md).
if (Array.IndexOf(args, QuickOptions.Flag) >= 0)
{
    return QuickMode.Run(args);
}

if (Array.IndexOf(args, ProfileMode.Flag) >= 0)
{
    return ProfileMode.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(QuickMode).Assembly).Run(args);
return 0;
