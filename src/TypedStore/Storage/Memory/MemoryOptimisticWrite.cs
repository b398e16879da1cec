namespace TypedStore.Storage.Memory;

/// <summary>
/// A transaction's commit on the memory engine: its keys are checked and its batch applied under the engine's writer
/// lock, the lock every other write takes, so nothing can be written between the check and the write.
/// </summary>
internal sealed class MemoryOptimisticWrite : OptimisticWrite
{
    private readonly MemoryEngine _engine;
    private readonly MemorySnapshot _snapshot;
    private readonly MemoryWriteBatch _batch;
    private readonly List<(int ColumnFamilyIndex, byte[] Key)> _validated = new();

    public MemoryOptimisticWrite(MemoryEngine engine, MemorySnapshot snapshot)
    {
        _engine = engine;
        _snapshot = snapshot;
        _batch = (MemoryWriteBatch)engine.CreateWriteBatch();
    }

    public override StorageWriteBatch Batch => _batch;

    public override void Validate(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
        => _validated.Add((_engine.IndexOf(columnFamily), key.ToArray()));

    public override bool TryCommit() => _engine.TryWriteValidated(_batch, _snapshot, _validated);

    public override void Dispose() => _batch.Dispose();
}
