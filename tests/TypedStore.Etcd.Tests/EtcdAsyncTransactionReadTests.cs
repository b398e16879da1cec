using TypedStore.Tests.Async;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The transaction async-read suite on etcd, whose async members are network calls: scans, counts and queries inside a
/// transaction merge its pending writes with pages read at its revision, equal their synchronous forms, and conflict
/// on a key they returned.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdAsyncTransactionReadTests(EtcdCluster cluster) : AsyncTransactionReadTests
{
    internal override bool CompletesSynchronously => false;

    internal override AsyncTransactionReadStore Open(StoreOptions? options = null) => Track(AsyncTransactionReadStore.Open(EtcdEngine.Connect(cluster.Options()), options));
}
