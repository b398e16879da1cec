using TypedStore.Storage;
using TypedStore.Storage.RocksDb;
using TypedStore.Storage.RocksDb.Handles;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// The engine's Dispose returns only once the database is closed, even when the last reference to it is held on
/// another thread (a call in flight, or a forgotten child whose finalizer is releasing it at that moment): the same
/// path then opens at once. Before, Dispose returned while the close was still pending, and an immediate reopen threw
/// <see cref="StoreLockedException"/>.
/// </summary>
public sealed class RocksDbDisposeWaitsForCloseTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Dispose_WhileACallIsInFlightOnAnotherThread_ReturnsOnlyOnceTheStoreIsClosed()
    {
        string path = _directory.Sub("store");
        var engine = (RocksDbEngine)StorageEngines.OpenRocksDb(path, ["a"], new StoreOptions { DisableWal = true });
        engine.Put(engine.GetColumnFamily("a"), "k"u8, "v"u8);

        using var leaseTaken = new ManualResetEventSlim();
        using var disposeStarted = new ManualResetEventSlim();
        Task caller = Task.Run(() =>
        {
            // What an engine call holds while inside librocksdb.
            using HandleLease lease = engine.Database.Lease();
            leaseTaken.Set();
            disposeStarted.Wait(TimeSpan.FromSeconds(30));

            // However long the call takes, Dispose must not return before it ends; a short pause makes the
            // unfixed Dispose return (and the reopen below fail) while the lease is still held.
            Thread.Sleep(200);
        });

        Assert.True(leaseTaken.Wait(TimeSpan.FromSeconds(30)), "the caller thread did not start");
        disposeStarted.Set();
        engine.Dispose();

        // Dispose returned: the database is closed, its LOCK released and (WAL off) the memtable flushed.
        using StorageEngine reopened = StorageEngines.OpenRocksDb(path, ["a"], new StoreOptions { DisableWal = true });
        Span<byte> value = stackalloc byte[8];
        Assert.Equal(1, reopened.Get(reopened.GetColumnFamily("a"), "k"u8, value));
        await caller.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
