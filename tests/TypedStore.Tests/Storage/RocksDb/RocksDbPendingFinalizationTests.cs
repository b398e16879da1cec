using System.Runtime.CompilerServices;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// Iterators, snapshots and batches the caller dropped without disposing, collected by the GC but not finalized yet
/// (the finalizer thread is held, so the state is certain): the engine's Dispose must still dispose them and close the
/// database, so the store reopens at once and, with the WAL off, every row written before Dispose was flushed by the
/// close. Nothing may wait for the finalizer thread.
/// </summary>
public sealed class RocksDbPendingFinalizationTests : IDisposable
{
    private const int RowCount = 5_000;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.Sub("store");

    [Fact]
    public void Dispose_WithCollectedButUnfinalizedChildren_ClosesTheDatabase_AndTheWalOffRowsAreFlushed()
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"], new StoreOptions { DisableWal = true });
        StorageColumnFamily family = engine.GetColumnFamily("a");
        for (int i = 0; i < RowCount; i++)
        {
            engine.Put(family, Key(i), [(byte)i]);
        }

        using (FinalizerThreadBlocker.Block())
        {
            CreateAndDropChildren(engine, family, 2_000);
            GC.Collect();

            engine.Dispose();

            // Before the fix: StoreLockedException, the forgotten children still held the database open.
            using StorageEngine reopened = StorageEngines.OpenRocksDb(StorePath, ["a"], new StoreOptions { DisableWal = true });
            StorageColumnFamily reopenedFamily = reopened.GetColumnFamily("a");
            int found = 0;
            using (StorageIterator iterator = reopened.CreateIterator(reopenedFamily))
            {
                for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
                {
                    found++;
                }
            }

            Assert.Equal(RowCount, found);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CreateAndDropChildren(StorageEngine engine, StorageColumnFamily family, int count)
    {
        for (int i = 0; i < count; i++)
        {
            switch (i % 4)
            {
                case 0:
                    engine.CreateIterator(family).SeekToFirst();
                    break;
                case 1:
                    engine.CreateIterator(family, snapshot: engine.CreateSnapshot()).SeekToLast();
                    break;
                case 2:
                    _ = engine.CreateSnapshot();
                    break;
                default:
                    engine.CreateWriteBatch().Put(family, [1], [1]);
                    break;
            }
        }
    }

    private static byte[] Key(int i) => [(byte)(i >> 24), (byte)(i >> 16), (byte)(i >> 8), (byte)i];
}
