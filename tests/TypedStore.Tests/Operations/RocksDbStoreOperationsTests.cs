using TypedStore.Storage;

namespace TypedStore.Tests.Operations;

/// <summary>The store operations on RocksDB, plus what only a store with files has: checkpoints.</summary>
public sealed class RocksDbStoreOperationsTests : StoreOperationsTests
{
    private readonly TempDirectories _directories = new();
    private int _stores;

    internal override OpsStore Open(StoreOptions? options = null) => Track(OpsStore.Open(NextPath(), options));

    internal override OpsStore Open(Func<StorageEngineProvider, StorageEngineProvider> wrap, StoreOptions options)
        => Track(OpsStore.Open(wrap(new RocksDbEngineProvider(NextPath())), options));

    internal override void AssertFiles(TableStatistics flushed)
    {
        Assert.True(flushed.FileCount >= 1, $"files {flushed.FileCount}");
        Assert.True(flushed.FileBytes > 0, $"file bytes {flushed.FileBytes}");
    }

    protected override void DisposeEngineResources() => _directories.Dispose();

    [Fact]
    public void Checkpoint_OpensAsAStore_WithEveryRow_AndLaterWritesStayOut()
    {
        string path = NextPath();
        string checkpoint = _directories.New("checkpoint");
        List<OpsItem> rows = [.. Enumerable.Range(0, 1_000).Select(i => new OpsItem(i, "n" + i))];
        using (OpsStore store = OpsStore.Open(path, new StoreOptions { DisableWal = true }))
        {
            store.OpsItems.PutMany(rows);
            store.OpsFeed.Put(new OpsFeedEntry(1, "a"));
            store.Checkpoint(checkpoint);
            store.OpsItems.Put(new OpsItem(5_000, "after"));

            var exists = Assert.Throws<StorageEngineException>(() => store.Checkpoint(checkpoint));
            Assert.Contains("already exists", exists.Message, StringComparison.Ordinal);
        }

        using OpsStore copy = OpsStore.Open(checkpoint);
        Assert.Equal(rows, copy.OpsItems.ScanAll());
        Assert.Equal([new OpsItem(7, "n7")], copy.OpsItems.ByName.Scan("n7").ToList());
        Assert.Single(copy.OpsFeed.ReadChanges(0));
        Assert.Null(copy.OpsItems.Get(5_000));
    }

    private string NextPath() => _directories.New("store" + Interlocked.Increment(ref _stores));
}
