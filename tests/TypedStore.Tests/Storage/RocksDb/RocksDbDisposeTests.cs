using System.Runtime.CompilerServices;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbDisposeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.Sub("store");

    private static void AssertAllDisposed(IEnumerable<(string Name, Action Call)> calls)
    {
        foreach ((string name, Action call) in calls)
        {
            Exception? thrown = Record.Exception(call);
            Assert.True(thrown is ObjectDisposedException, $"{name}: expected ObjectDisposedException, got {thrown?.GetType().Name ?? "no exception"}.");
        }
    }

    private static IEnumerable<(string, Action)> EngineCalls(StorageEngine engine, StorageColumnFamily family, string checkpointPath) =>
    [
        ("IsReadOnly", () => _ = engine.IsReadOnly),
        ("ColumnFamilies", () => _ = engine.ColumnFamilies),
        ("GetColumnFamily", () => engine.GetColumnFamily("a")),
        ("Get", () => engine.Get(family, [1], new byte[4])),
        ("Contains", () => engine.Contains(family, [1])),
        ("Put", () => engine.Put(family, [1], [1])),
        ("Delete", () => engine.Delete(family, [1])),
        ("DeleteRange", () => engine.DeleteRange(family, [1], [2])),
        ("CreateWriteBatch", () => engine.CreateWriteBatch()),
        ("CreateIterator", () => engine.CreateIterator(family)),
        ("CreateSnapshot", () => engine.CreateSnapshot()),
        ("Flush", engine.Maintenance().Flush),
        ("CompactRange", () => engine.Maintenance().CompactRange(family)),
        ("CreateCheckpoint", () => engine.Maintenance().CreateCheckpoint(checkpointPath)),
        ("GetProperty", () => engine.Maintenance().GetProperty(family, "rocksdb.estimate-num-keys")),
        ("EstimateKeyCount", () => engine.Maintenance().EstimateKeyCount(family)),
    ];

    private static IEnumerable<(string, Action)> IteratorCalls(StorageIterator iterator) =>
    [
        ("IsValid", () => _ = iterator.IsValid),
        ("Key", () => _ = iterator.Key.Length),
        ("Value", () => _ = iterator.Value.Length),
        ("SeekToFirst", iterator.SeekToFirst),
        ("SeekToLast", iterator.SeekToLast),
        ("Seek", () => iterator.Seek([1])),
        ("SeekForPrev", () => iterator.SeekForPrev([1])),
        ("Next", iterator.Next),
        ("Previous", iterator.Previous),
    ];

    private static IEnumerable<(string, Action)> BatchCalls(StorageWriteBatch batch, StorageColumnFamily family) =>
    [
        ("Count", () => _ = batch.Count),
        ("Put", () => batch.Put(family, [1], [1])),
        ("Delete", () => batch.Delete(family, [1])),
        ("DeleteRange", () => batch.DeleteRange(family, [1], [2])),
        ("Clear", batch.Clear),
    ];

    [Fact]
    public void Engine_EveryMemberAfterDispose_ThrowsObjectDisposed_AndDisposeIsIdempotent()
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        using StorageEngine other = StorageEngines.OpenRocksDb(_directory.Sub("other"), ["a"]);
        StorageWriteBatch batch = engine.CreateWriteBatch();

        engine.Dispose();
        engine.Dispose();

        AssertAllDisposed(EngineCalls(engine, family, _directory.Sub("checkpoint")));
        AssertAllDisposed([("Write", () => engine.Write(batch))]);
        Assert.False(Directory.Exists(_directory.Sub("checkpoint")));
    }

    [Fact]
    public void ReadOnlyEngine_WritesAfterDispose_ThrowObjectDisposedRatherThanReadOnly()
    {
        StorageEngines.OpenRocksDb(StorePath, ["a"]).Dispose();
        StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"], new StoreOptions { ReadOnly = true });
        StorageColumnFamily family = engine.GetColumnFamily("a");
        engine.Dispose();

        AssertAllDisposed([("Put", () => engine.Put(family, [1], [1])), ("CompactRange", () => engine.Maintenance().CompactRange(family))]);
    }

    [Fact]
    public void Iterator_Batch_Snapshot_EveryMemberAfterTheirDispose_ThrowsObjectDisposed()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        engine.Put(family, [1], [1]);

        StorageIterator iterator = engine.CreateIterator(family);
        iterator.SeekToFirst();
        StorageWriteBatch batch = engine.CreateWriteBatch();
        StorageSnapshot snapshot = engine.CreateSnapshot();

        iterator.Dispose();
        iterator.Dispose();
        batch.Dispose();
        batch.Dispose();
        snapshot.Dispose();
        snapshot.Dispose();

        AssertAllDisposed(IteratorCalls(iterator));
        AssertAllDisposed(BatchCalls(batch, family));
        AssertAllDisposed(
        [
            ("Write(disposed batch)", () => engine.Write(batch)),
            ("Get(disposed snapshot)", () => engine.Get(family, [1], new byte[1], snapshot)),
            ("CreateIterator(disposed snapshot)", () => engine.CreateIterator(family, snapshot: snapshot)),
        ]);

        // The engine itself is unaffected.
        Assert.True(engine.Contains(family, [1]));
    }

    [Fact]
    public void EngineDispose_WithOpenChildren_DisposesThem_AndReleasesTheStoreAtOnce()
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        engine.Put(family, [1], [1]);
        StorageSnapshot snapshot = engine.CreateSnapshot();
        StorageIterator iterator = engine.CreateIterator(family, snapshot: snapshot);
        iterator.SeekToFirst();
        StorageWriteBatch batch = engine.CreateWriteBatch();
        batch.Put(family, [2], [2]);

        engine.Dispose();

        AssertAllDisposed(IteratorCalls(iterator));
        AssertAllDisposed(BatchCalls(batch, family));
        AssertAllDisposed([("Get(snapshot)", () => engine.Get(family, [1], new byte[1], snapshot))]);

        // The children no longer hold the database open: the LOCK is free again.
        using (StorageEngine reopened = StorageEngines.OpenRocksDb(StorePath, ["a"]))
        {
            Assert.True(reopened.Contains(reopened.GetColumnFamily("a"), [1]));
            Assert.False(reopened.Contains(reopened.GetColumnFamily("a"), [2]));
        }

        // Disposing the children afterwards is harmless.
        iterator.Dispose();
        snapshot.Dispose();
        batch.Dispose();
    }

    [Fact]
    public void ForgottenEngineAndChildren_AreReleasedByFinalizers()
    {
        OpenAndForget(StorePath);

        for (int i = 0; i < 3; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        // Only possible if the finalizers closed the database and released the LOCK.
        using StorageEngine reopened = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        Assert.True(reopened.Contains(reopened.GetColumnFamily("a"), [1]));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void OpenAndForget(string path)
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(path, ["a"]);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        engine.Put(family, [1], [1]);
        StorageIterator iterator = engine.CreateIterator(family, snapshot: engine.CreateSnapshot());
        iterator.SeekToFirst();
        engine.CreateWriteBatch().Put(family, [3], [3]);
    }

    [Fact]
    public void ForgottenIterators_DoNotKeepTheStoreOpen_AfterEngineDispose()
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        CreateForgottenIterators(engine, 100);

        engine.Dispose();

        using StorageEngine reopened = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        Assert.NotNull(reopened.GetColumnFamily("a"));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateForgottenIterators(StorageEngine engine, int count)
    {
        for (int i = 0; i < count; i++)
        {
            engine.CreateIterator(engine.GetColumnFamily("a")).SeekToFirst();
        }
    }

    [Fact]
    public void DisposeRacingWithCalls_OnlyEverThrowsObjectDisposed()
    {
        // No timing: workers run until they observe the disposal; the main thread disposes once each
        // worker has completed some calls, so the dispose lands while calls are in flight. Writes cycle
        // over 512 keys so the scans stay short however long the workers run.
        for (int round = 0; round < 10; round++)
        {
            StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"]);
            StorageColumnFamily family = engine.GetColumnFamily("a");
            var unexpected = new List<Exception>();
            using var warmedUp = new CountdownEvent(3);

            Thread[] workers =
            [
                new Thread(() => Hammer(warmedUp, unexpected, i => engine.Put(family, BitConverter.GetBytes(i % 512), new byte[64]))),
                new Thread(() => Hammer(warmedUp, unexpected, i => engine.Get(family, BitConverter.GetBytes(i % 512), new byte[64]))),
                new Thread(() => Hammer(warmedUp, unexpected, _ =>
                {
                    using StorageIterator iterator = engine.CreateIterator(family);
                    for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
                    {
                        _ = iterator.Key.Length + iterator.Value.Length;
                    }
                })),
            ];
            foreach (Thread worker in workers)
            {
                worker.Start();
            }

            warmedUp.Wait();
            engine.Dispose();
            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            Assert.Empty(unexpected);
        }

        using StorageEngine reopened = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        Assert.True(reopened.Contains(reopened.GetColumnFamily("a"), BitConverter.GetBytes(0)));
    }

    private static void Hammer(CountdownEvent warmedUp, List<Exception> unexpected, Action<int> call)
    {
        for (int i = 0; ; i++)
        {
            try
            {
                call(i);
            }
            catch (ObjectDisposedException)
            {
                if (i < 20)
                {
                    warmedUp.Signal(); // Disposed before this worker warmed up: still release the main thread.
                }

                return;
            }
            catch (Exception exception)
            {
                lock (unexpected)
                {
                    unexpected.Add(exception);
                }

                if (i < 20)
                {
                    warmedUp.Signal();
                }

                return;
            }

            if (i == 19)
            {
                warmedUp.Signal();
            }
        }
    }
}
