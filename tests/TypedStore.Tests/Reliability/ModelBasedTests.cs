using TypedStore.Tests.Reliability.Model;
using TypedStore.Tests.Storage.RocksDb;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Model-based testing: thousands of seeded random steps (puts, deletes, PutMany, batches, DeleteUser, soft delete,
/// Restore, Purge, PurgeDeleted, invalid writes, snapshots, reopen) against the store and a plain in-memory model,
/// every read and the change feed compared after every step (<see cref="ModelRun"/>). On both engines;
/// close-and-reopen steps only on RocksDB.
/// </summary>
public sealed class ModelBasedTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public ModelBasedTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void MemoryEngine_AgreesWithTheModel_AfterEveryStep()
        => Run("memory", options => ReliabilityStore.OpenInMemory(options), canReopen: false, ReliabilitySettings.Scale(3_000, 100_000), fixedSeed: 62_001);

    [Fact]
    public void RocksDb_AgreesWithTheModel_AfterEveryStep_AcrossReopens()
    {
        string path = _directory.Sub("store");
        Run("rocksdb", options => ReliabilityStore.Open(path, options), canReopen: true, ReliabilitySettings.Scale(2_000, 50_000), fixedSeed: 62_002);
    }

    private void Run(string engine, Func<StoreOptions, ReliabilityStore> open, bool canReopen, int steps, int fixedSeed)
    {
        using var run = new ModelRun(open, canReopen, ReliabilitySettings.Seed(fixedSeed));
        for (int i = 0; i < steps; i++)
        {
            run.Step();
        }

        // The mix really happened (guards against a generator that silently stopped producing some steps).
        Assert.True(run.Batches > steps / 20 && run.Snapshots > steps / 100 && run.InvalidWrites > steps / 50);
        Assert.True(!canReopen || run.Reopens > steps / 200);
        Assert.True(run.LifecycleOperations > steps / 10 && run.ChangesChecked > steps / 10);
        _output.WriteLine(
            $"{engine}: {run.Steps} steps (seed {run.Seed}), {run.Batches} batches, {run.Snapshots} snapshots, {run.Reopens} reopens, " +
            $"{run.InvalidWrites} invalid writes refused, {run.LifecycleOperations} soft-delete/restore/purge/feed-table operations, {run.ChangesChecked} changes checked.");
    }
}
