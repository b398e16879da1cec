using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;

namespace TypedStore.Benchmarks.Suites;

/// <summary>
/// A scan of one user's rows (100 of them, among 1 000 users) in a user table, in random user order.
/// Reported per scan.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class PrefixScanBenchmarks : ContenderBenchmarks
{
    private int _next;

    [Benchmark(Baseline = true)]
    public long RawRocksDbSharp() => ScanNextUser();

    [Benchmark]
    public long TypedStoreRocksDb() => ScanNextUser();

    [Benchmark]
    public long NaiveMessagePack() => ScanNextUser();

    [Benchmark]
    public long TypedStoreMemory() => ScanNextUser();

    [Benchmark]
    public long TypedStoreCore() => ScanNextUser();

    private protected override void Prepare(Contender contender)
    {
        contender.LoadUserEvents();
        long rows = contender.ScanUser(0);
        if (rows != Data.UserEvents.RowsPerUser)
        {
            throw new InvalidOperationException($"A user scan returned {rows} rows, expected {Data.UserEvents.RowsPerUser}.");
        }

        _next = 0;
    }

    private long ScanNextUser()
    {
        int[] order = Data.UserEvents.RandomUserOrder;
        long rows = Contender.ScanUser(order[_next]);
        if (++_next == order.Length)
        {
            _next = 0;
        }

        return rows;
    }
}
