using TypedStore.Tests.Async;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The async bulk and feature writes on etcd (ClearAsync, range DeleteAsync, DeleteUserAsync, RestoreAsync, PurgeAsync,
/// PurgeDeletedAsync, EvictExpiredAsync): pages read with range requests, commits awaited as etcd transactions, every
/// result compared with the synchronous members' on a second store.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdAsyncBulkTests(EtcdCluster cluster) : AsyncBulkTests
{
    protected override bool CompletesSynchronously => false;

    internal override BulkStore Open(StoreOptions? options = null) => Track(BulkStore.Open(EtcdEngine.Connect(cluster.Options()), options));
}
