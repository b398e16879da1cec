using TypedStore.Tests.EndToEnd;
using TypedStore.Tests.Transactions;

namespace TypedStore.Etcd.Tests;

/// <summary>The end-to-end suite (generated stores, every table kind and feature) on etcd, each store under its own prefix.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdStoreEndToEndTests(EtcdCluster cluster) : StoreEndToEndTests
{
    protected override ChatStore OpenChatStore(StoreOptions? options = null) => Track(ChatStore.Open(EtcdEngine.Connect(cluster.Options()), options));

    protected override ShapesStore OpenShapesStore() => Track(ShapesStore.Open(EtcdEngine.Connect(cluster.Options())));
}

/// <summary>The transaction suite on etcd: snapshot isolation through compares on mod revisions.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdTransactionTests(EtcdCluster cluster) : TransactionTests
{
    internal override TxStore Open(StoreOptions? options = null) => Track(TxStore.Open(EtcdEngine.Connect(cluster.Options()), options));
}
