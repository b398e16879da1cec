using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;

namespace TypedStore.Benchmarks.Suites;

/// <summary>
/// Single-row Put (insert, then replace once the data set wraps around), WAL off and on (never synced),
/// sequential and random keys. Reported per row.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class PutBenchmarks : ContenderBenchmarks
{
    private const int RowsPerInvoke = 1_000;

    private int[] _order = [];
    private int _next;

    [Params(false, true)]
    public bool WalEnabled { get; set; }

    [Params(KeyOrder.Sequential, KeyOrder.Random)]
    public KeyOrder Order { get; set; }

    private protected override bool Wal => WalEnabled;

    [Benchmark(Baseline = true, OperationsPerInvoke = RowsPerInvoke)]
    public void RawRocksDbSharp() => PutNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedStoreRocksDb() => PutNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void NaiveMessagePack() => PutNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedStoreMemory() => PutNext();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedStoreCore() => PutNext();

    private protected override void Prepare(Contender contender)
    {
        int count = Data.Events.Rows.Length;
        _order = Order == KeyOrder.Random ? Data.Events.RandomOrder : Enumerable.Range(0, count).ToArray();
        _next = 0;
    }

    private void PutNext()
    {
        Contender contender = Contender;
        int[] order = _order;
        int next = _next;
        for (int i = 0; i < RowsPerInvoke; i++)
        {
            contender.PutEvent(order[next]);
            if (++next == order.Length)
            {
                next = 0;
            }
        }

        _next = next;
    }
}
