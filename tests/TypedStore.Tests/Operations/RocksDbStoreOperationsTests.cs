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

    [Fact]
    public void AReadOnlyStore_RefusesBackupTrimAndCompact_AndWritesNothing()
    {
        string path = NextPath();
        string backups = _directories.New("backups");
        using (OpsStore store = OpsStore.Open(path))
        {
            // Left in the write-ahead log at close: a read-only open replays it into memory only.
            store.OpsItems.Put(new OpsItem(1, "a"));
            store.OpsFeed.Put(new OpsFeedEntry(1, "a"));
        }

        using OpsStore readOnly = OpsStore.Open(path, new StoreOptions { ReadOnly = true });
        readOnly.Flush(); // nothing of its own to flush

        // Before the refusal, RocksDB's backup of the read-only store restored without the row above.
        var backup = Assert.Throws<InvalidOperationException>(() => readOnly.Backup(backups));
        Assert.Contains("read-only", backup.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(backups));
        Assert.Contains("TrimChanges", Assert.Throws<InvalidOperationException>(() => readOnly.TrimChanges(DateTimeOffset.MaxValue)).Message, StringComparison.Ordinal);
        Assert.Contains("read-only", Assert.Throws<InvalidOperationException>(() => readOnly.Compact()).Message, StringComparison.Ordinal);
        Assert.Single(readOnly.OpsFeed.ReadChanges(0));
        Assert.Equal(new OpsItem(1, "a"), readOnly.OpsItems.Get(1));
    }

    [Fact]
    public void ACheckpointOfAReadOnlyStore_IsRefused_BecauseItWouldMissTheWriteAheadLog()
    {
        string path = NextPath();
        string checkpoint = _directories.New("checkpoint");
        using (OpsStore store = OpsStore.Open(path))
        {
            store.OpsItems.Put(new OpsItem(1, "a"));
        }

        // Before the refusal the checkpoint opened without this row (it was only in the write-ahead log).
        using (OpsStore readOnly = OpsStore.Open(path, new StoreOptions { ReadOnly = true }))
        {
            var error = Assert.Throws<InvalidOperationException>(() => readOnly.Checkpoint(checkpoint));
            Assert.Contains("read-only", error.Message, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(checkpoint));
        using (OpsStore store = OpsStore.Open(path))
        {
            store.Checkpoint(checkpoint);
        }

        using OpsStore copy = OpsStore.Open(checkpoint);
        Assert.Equal(new OpsItem(1, "a"), copy.OpsItems.Get(1));
    }

    [Fact]
    public async Task TrimChanges_WhileWritersCommit_KeepsEveryFeedReadableAndContiguous()
    {
        OpsStore store = Open();
        using var stop = new CancellationTokenSource();
        long written = 0;
        Task[] writers = [.. Enumerable.Range(0, 2).Select(w => Task.Run(() =>
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                store.OpsUserFeed.Put(new OpsUserFeedEntry("u" + (i % 5), (w * 1_000_000) + i, "x"));
                Interlocked.Increment(ref written);
            }
        }))];

        // Rounds go on until some were trimmed while writes kept arriving (at least 50 rounds).
        long trimmed = 0;
        for (int round = 0; round < 50 || trimmed == 0 || Interlocked.Read(ref written) < 1_000; round++)
        {
            trimmed += store.TrimChanges(DateTimeOffset.UtcNow);
            foreach (string user in new[] { "u0", "u1", "u2", "u3", "u4" })
            {
                // A per-user read fails with CorruptDataException if an index entry outlived its change.
                _ = store.OpsUserFeed.ReadChanges(user, 0).Count();
            }
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        List<long> left = [.. store.OpsUserFeed.ReadChanges(0).Select(c => c.Sequence)];
        Assert.True(trimmed > 0);
        Assert.Equal(left.Count, left.Count == 0 ? 0 : (int)(left[^1] - left[0] + 1)); // no holes: the feed is one run of sequences
        Assert.Equal(left.Count, Enumerable.Range(0, 5).Sum(u => store.OpsUserFeed.ReadChanges("u" + u, 0).Count()));
    }

    private string NextPath() => _directories.New("store" + Interlocked.Increment(ref _stores));
}
