using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Data;

namespace TypedStore.Benchmarks.Suites;

/// <summary>
/// Single-row Put (insert, then replace once the data set wraps around), WAL off and on (never synced),
/// sequential and random keys. Reported per row.
/// </summary>
/// <remarks>
/// Random order permutes the keys, not the memory walk: every contender's inputs (rows, their strings, the
/// pre-encoded key and value arrays) are copied into write order before timing, as a service writes rows it has
/// just built. Walking 100 000 objects in random memory order would measure DRAM latency of the benchmark's own
/// inputs, and more of it for a row object graph (row, then its strings) than for two flat byte arrays.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class PutBenchmarks : ContenderBenchmarks
{
    private const int RowsPerInvoke = 1_000;

    private int _rows;
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

    private protected override BenchDataSet CreateData()
    {
        var data = new BenchDataSet();
        return Order == KeyOrder.Random ? data.WithEventsInWriteOrder(data.Events.RandomOrder) : data;
    }

    private protected override void Prepare(Contender contender)
    {
        _rows = Data.Events.Rows.Length;
        _next = 0;
    }

    private void PutNext()
    {
        Contender contender = Contender;
        int next = _next;
        for (int i = 0; i < RowsPerInvoke; i++)
        {
            contender.PutEvent(next);
            if (++next == _rows)
            {
                next = 0;
            }
        }

        _next = next;
    }
}
