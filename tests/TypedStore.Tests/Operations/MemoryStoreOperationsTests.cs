using TypedStore.Storage;

namespace TypedStore.Tests.Operations;

/// <summary>The store operations on the in-memory engine, and what it refuses: checkpoints and backups (it keeps no files).</summary>
public sealed class MemoryStoreOperationsTests : StoreOperationsTests
{
    internal override OpsStore Open(StoreOptions? options = null) => Track(OpsStore.OpenInMemory(options));

    internal override OpsStore Open(Func<StorageEngineProvider, StorageEngineProvider> wrap, StoreOptions options)
        => Track(OpsStore.Open(wrap(MemoryEngineProvider.Instance), options));

    internal override void AssertFiles(TableStatistics flushed)
    {
        Assert.Equal(0, flushed.FileCount);
        Assert.Equal(0, flushed.FileBytes);
    }

    [Fact]
    public void Checkpoint_And_Backup_AreRefused_NamingTheOperation()
    {
        OpsStore store = Open();
        string directory = Path.Combine(Path.GetTempPath(), "typedstore-ops-" + Guid.NewGuid().ToString("N"));

        var checkpoint = Assert.Throws<NotSupportedException>(() => store.Checkpoint(directory));
        var backup = Assert.Throws<NotSupportedException>(() => store.Backup(directory));

        Assert.Contains("checkpoint", checkpoint.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Backup", backup.Message, StringComparison.Ordinal);
        Assert.Contains("OpsStore", backup.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }
}
