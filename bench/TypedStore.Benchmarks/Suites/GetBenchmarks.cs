using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;

namespace TypedStore.Benchmarks.Suites;

/// <summary>Point reads of existing rows in random order, each decoded into a row. Reported per row.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class GetBenchmarks : ContenderBenchmarks
{
    private const int RowsPerInvoke = 1_000;

    private int _next;

    [Benchmark(Baseline = true, OperationsPerInvoke = RowsPerInvoke)]
    public long RawRocksDbSharp() => GetNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long TypedStoreRocksDb() => GetNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long NaiveMessagePack() => GetNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long TypedStoreMemory() => GetNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public long TypedStoreCore() => GetNext();

    private protected override void Prepare(Contender contender)
    {
        contender.LoadEvents();
        int probe = Data.Events.RandomOrder[0];
        if (contender.GetEvent(probe) != probe)
        {
            throw new InvalidOperationException($"Get of event #{probe} returned another row.");
        }

        _next = 0;
    }

    private long GetNext()
    {
        Contender contender = Contender;
        int[] order = Data.Events.RandomOrder;
        int next = _next;
        long sum = 0;
        for (int i = 0; i < RowsPerInvoke; i++)
        {
            sum += contender.GetEvent(order[next]);
            if (++next == order.Length)
            {
                next = 0;
            }
        }

        _next = next;
        return sum;
    }
}
