using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Data;

namespace TypedStore.Benchmarks.Suites;

/// <summary>A full scan of the 100 000-row table in key order, decoding every key and value. Reported per row.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class ScanAllBenchmarks : ContenderBenchmarks
{
    private const int Rows = BenchSettings.EventRows;

    [Benchmark(Baseline = true, OperationsPerInvoke = Rows)]
    public long RawRocksDbSharp() => Contender.ScanAllEvents();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long TypedStoreRocksDb() => Contender.ScanAllEvents();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long NaiveMessagePack() => Contender.ScanAllEvents();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long TypedStoreMemory() => Contender.ScanAllEvents();

    [Benchmark(OperationsPerInvoke = Rows)]
    public long TypedStoreCore() => Contender.ScanAllEvents();

    private protected override void Prepare(Contender contender)
    {
        contender.LoadEvents();

        // Every contender must see every row exactly once: the sum of the sequences 0 .. Rows-1.
        long expected = (long)Rows * (Rows - 1) / 2;
        long actual = contender.ScanAllEvents();
        if (actual != expected)
        {
            throw new InvalidOperationException($"ScanAll returned a sequence sum of {actual}, expected {expected}.");
        }
    }
}
