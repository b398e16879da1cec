using BenchmarkDotNet.Attributes;
using TypedStore.Benchmarks.Contenders;
using TypedStore.Benchmarks.Data;

namespace TypedStore.Benchmarks.Suites;

/// <summary>
/// The shared shape of the storage suites: one benchmark method per contender, named after
/// <see cref="ContenderKind"/>, each set up (in its own BenchmarkDotNet process) over a fresh store and the same data.
/// Derived suites declare the methods, because each has its own <c>OperationsPerInvoke</c>.
/// </summary>
public abstract class ContenderBenchmarks
{
    private BenchDataSet? _data;
    private Contender? _contender;

    /// <summary>The contender of the benchmark being run.</summary>
    private protected Contender Contender => _contender ?? throw new InvalidOperationException("The suite was not set up.");

    /// <summary>The data every contender works on.</summary>
    private protected BenchDataSet Data => _data ?? throw new InvalidOperationException("The suite was not set up.");

    /// <summary>Whether writes go through the write-ahead log (never synced).</summary>
    private protected virtual bool Wal => false;

    [GlobalSetup(Target = nameof(ContenderKind.RawRocksDbSharp))]
    public void SetupRawRocksDbSharp() => Setup(ContenderKind.RawRocksDbSharp);

    [GlobalSetup(Target = nameof(ContenderKind.TypedStoreRocksDb))]
    public void SetupTypedStoreRocksDb() => Setup(ContenderKind.TypedStoreRocksDb);

    [GlobalSetup(Target = nameof(ContenderKind.NaiveMessagePack))]
    public void SetupNaiveMessagePack() => Setup(ContenderKind.NaiveMessagePack);

    [GlobalSetup(Target = nameof(ContenderKind.TypedStoreMemory))]
    public void SetupTypedStoreMemory() => Setup(ContenderKind.TypedStoreMemory);

    [GlobalSetup(Target = nameof(ContenderKind.TypedStoreCore))]
    public void SetupTypedStoreCore() => Setup(ContenderKind.TypedStoreCore);

    [GlobalCleanup]
    public void Cleanup()
    {
        _contender?.Dispose();
        _contender = null;
    }

    /// <summary>The data of the benchmark being set up; by default the standard data set.</summary>
    private protected virtual BenchDataSet CreateData() => new();

    /// <summary>Loads whatever the suite reads, before any timing.</summary>
    private protected abstract void Prepare(Contender contender);

    private void Setup(ContenderKind kind)
    {
        _data = CreateData();
        _contender = Contender.Open(kind, _data, Wal);
        Prepare(_contender);
    }
}
