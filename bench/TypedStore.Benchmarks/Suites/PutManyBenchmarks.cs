using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Suites;

/// <summary>Atomic batches of 100 and 1000 rows (PutMany / WriteBatch), WAL off. Reported per row.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class PutManyBenchmarks : ContenderBenchmarks
{
    private const int RowsPerInvoke = 1_000;

    private Event[][] _batches = [];
    private int _nextBatch;

    [Params(100, 1_000)]
    public int BatchSize { get; set; }

    [Benchmark(Baseline = true, OperationsPerInvoke = RowsPerInvoke)]
    public void RawRocksDbSharp() => WriteNextBatches();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedStoreRocksDb() => WriteNextBatches();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void NaiveMessagePack() => WriteNextBatches();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedStoreMemory() => WriteNextBatches();

    [Benchmark(OperationsPerInvoke = RowsPerInvoke)]
    public void TypedStoreCore() => WriteNextBatches();

    private protected override void Prepare(Contender contender)
    {
        if (Data.Events.Rows.Length % BatchSize != 0 || RowsPerInvoke % BatchSize != 0)
        {
            throw new InvalidOperationException("Batches must tile both the data set and one invocation.");
        }

        _batches = Data.Events.GetBatches(BatchSize);
        _nextBatch = 0;
    }

    private void WriteNextBatches()
    {
        Contender contender = Contender;
        Event[][] batches = _batches;
        int size = BatchSize;
        int next = _nextBatch;
        for (int written = 0; written < RowsPerInvoke; written += size)
        {
            contender.PutEvents(next * size, batches[next]);
            if (++next == batches.Length)
            {
                next = 0;
            }
        }

        _nextBatch = next;
    }
}
