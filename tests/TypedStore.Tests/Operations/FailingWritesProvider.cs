using TypedStore.Storage;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Operations;

/// <summary>Opens the inner provider's engine behind a switch that makes every batch write fail (a full disk, say).</summary>
internal sealed class FailingWritesProvider(StorageEngineProvider inner) : StorageEngineProvider
{
    private volatile bool _failing;

    /// <summary>The error every write throws while <see cref="Fail"/> is on.</summary>
    public StorageEngineException Failure { get; } = new("disk full (injected)");

    public bool Fail
    {
        get => _failing;
        set => _failing = value;
    }

    public override StorageEngine Open(IReadOnlyList<string> columnFamilies, StoreOptions options)
        => new Engine(inner.Open(columnFamilies, options), this);

    private sealed class Engine(StorageEngine engine, FailingWritesProvider owner) : ForwardingStorageEngine(engine)
    {
        public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
        {
            ThrowIfFailing();
            base.Put(columnFamily, key, value, durability);
        }

        public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, WriteDurability durability = WriteDurability.Default)
        {
            ThrowIfFailing();
            base.Delete(columnFamily, key, durability);
        }

        public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey, WriteDurability durability = WriteDurability.Default)
        {
            ThrowIfFailing();
            base.DeleteRange(columnFamily, startKey, endKey, durability);
        }

        public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
        {
            ThrowIfFailing();
            base.Write(batch, durability);
        }

        private void ThrowIfFailing()
        {
            if (owner.Fail)
            {
                throw owner.Failure;
            }
        }
    }
}
