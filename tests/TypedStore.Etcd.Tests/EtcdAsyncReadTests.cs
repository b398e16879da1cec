using TypedStore.Tests.Async;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The async-read suite (soft delete, streams, indexes, change feed, keys, one-part user tables) on etcd, whose async
/// members are network calls: every read is compared with its synchronous form over the same state.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdAsyncReadTests(EtcdCluster cluster) : AsyncReadTests
{
    internal override bool CompletesSynchronously => false;

    internal override AsyncReadStore Open(StoreOptions? options = null) => Track(AsyncReadStore.Open(EtcdEngine.Connect(cluster.Options()), options));
}
