using BenchmarkDotNet.Running;
using TypedStore.Benchmarks.Quick;

// `--quick [--rows N] [--rounds N]`: the interleaved A/B check (seconds). Anything else goes to BenchmarkDotNet,
// e.g. `--filter '*'` for every suite or `--filter '*Put*'` for one (docs/benchmarks.md).
if (Array.IndexOf(args, QuickOptions.Flag) >= 0)
{
    return QuickMode.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(QuickMode).Assembly).Run(args);
return 0;
