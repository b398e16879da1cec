using TypedStore.Storage;
using TypedStore.Tests.Operations;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The store operations suite on etcd (flush and compaction keep every row, statistics follow writes, retention, drop
/// table), and what etcd does not offer: checkpoints and backups are refused naming the operation, nothing created.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreOperationsTests(EtcdCluster cluster) : StoreOperationsTests
{
    internal override OpsStore Open(StoreOptions? options = null) => Track(OpsStore.Open(EtcdEngine.Connect(cluster.Options()), options));

    internal override OpsStore Open(Func<StorageEngineProvider, StorageEngineProvider> wrap, StoreOptions options)
        => Track(OpsStore.Open(wrap(EtcdEngine.Connect(cluster.Options())), options));

    // etcd keeps no table files.
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

        Assert.Contains("etcdctl snapshot save", checkpoint.Message, StringComparison.Ordinal);
        Assert.Contains("Backup", backup.Message, StringComparison.Ordinal);
        Assert.Contains("OpsStore", backup.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }
}
