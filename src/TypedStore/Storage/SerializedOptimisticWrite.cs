namespace TypedStore.Storage;

/// <summary>
/// An optimistic write for an engine without a validating write of its own (RocksDB as the store opens it today):
/// commits of optimistic writes are serialized on one engine-wide lock, and each compares, under it, the value every
/// validated key had at the snapshot with its latest value, then writes.
/// </summary>
/// <remarks>
/// Atomic against every other optimistic write (transactions, <c>TryAdd</c>, <c>Update</c>). A plain write (a direct
/// <c>Put</c>, a batch) does not take the lock: one that lands on a validated key before the check is seen as a
/// conflict, but one that lands between the check and the write (a window of one engine write) is not. Values are
/// compared whole, with the envelope's <c>_updated</c> time, so a rewrite with other content is always seen; the
/// window is documented in docs/transactions.md.
/// </remarks>
internal sealed class SerializedOptimisticWrite : OptimisticWrite
{
    private readonly StorageEngine _engine;
    private readonly StorageSnapshot _snapshot;
    private readonly WriteDurability _durability;
    private readonly StorageWriteBatch _batch;
    private readonly List<(StorageColumnFamily ColumnFamily, byte[] Key)> _validated = new();

    public SerializedOptimisticWrite(StorageEngine engine, StorageSnapshot snapshot, WriteDurability durability, Lock commitLock)
    {
        _engine = engine;
        _snapshot = snapshot;
        _durability = durability;
        CommitLock = commitLock;
        _batch = engine.CreateWriteBatch();
    }

    private Lock CommitLock { get; }

    public override StorageWriteBatch Batch => _batch;

    public override void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key) => _validated.Add((columnFamily, key.ToArray()));

    public override bool TryCommit()
    {
        lock (CommitLock)
        {
            foreach ((StorageColumnFamily columnFamily, byte[] key) in _validated)
            {
                if (!SameValue(columnFamily, key))
                {
                    return false;
                }
            }

            _engine.Write(_batch, _durability);
        }

        return true;
    }

    public override void Dispose() => _batch.Dispose();

    private bool SameValue(StorageColumnFamily columnFamily, byte[] key)
    {
        byte[]? then = Read(columnFamily, key, _snapshot);
        byte[]? now = Read(columnFamily, key, null);
        return then is null ? now is null : now is not null && then.AsSpan().SequenceEqual(now);
    }

    private byte[]? Read(StorageColumnFamily columnFamily, byte[] key, StorageSnapshot? snapshot)
    {
        byte[] buffer = new byte[256];
        int length = _engine.Get(columnFamily, key, buffer, snapshot);
        while (length > buffer.Length)
        {
            buffer = new byte[length];
            length = _engine.Get(columnFamily, key, buffer, snapshot);
        }

        return length < 0 ? null : buffer.AsSpan(0, length).ToArray();
    }
}
