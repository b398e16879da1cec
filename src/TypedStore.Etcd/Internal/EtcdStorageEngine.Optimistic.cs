using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>Transactions (docs/transactions.md) through etcd's compare-and-swap on mod revisions.</summary>
internal sealed partial class EtcdStorageEngine
{
    internal override OptimisticWrite BeginOptimisticWrite(StorageSnapshot snapshot, WriteDurability durability)
    {
        CheckWritable(durability);
        if (snapshot is not EtcdSnapshot own || !ReferenceEquals(own.Engine, this))
        {
            throw new ArgumentException("The snapshot was created by another engine; create it with this engine's CreateSnapshot.", nameof(snapshot));
        }

        return new EtcdOptimisticWrite(this, own);
    }
}
