namespace TypedStore.Storage.Memory;

/// <summary>
/// A write batch of a <see cref="MemoryEngine"/>: a list of operations with private copies of
/// their bytes, validated when recorded so that applying them cannot fail half-way.
/// </summary>
internal sealed class MemoryWriteBatch : StorageWriteBatch
{
    private readonly List<MemoryBatchOperation> operations = [];

    // The operation count at each save point, innermost last. Reused, so a save point per write allocates nothing.
    private readonly List<int> savePoints = [];
    private bool disposed;

    public MemoryWriteBatch(MemoryEngine engine) => Engine = engine;

    /// <summary>The engine that created this batch; only that engine can write it.</summary>
    public MemoryEngine Engine { get; }

    /// <inheritdoc/>
    public override int Count
    {
        get
        {
            ThrowIfDisposed();
            return operations.Count;
        }
    }

    /// <summary>The recorded operations, in order.</summary>
    public IReadOnlyList<MemoryBatchOperation> Operations
    {
        get
        {
            ThrowIfDisposed();
            return operations;
        }
    }

    /// <inheritdoc/>
    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ThrowIfDisposed();
        var index = Engine.IndexOf(columnFamily);
        operations.Add(new MemoryBatchOperation(MemoryBatchOperationKind.Put, index, key.ToArray(), value.ToArray()));
    }

    /// <inheritdoc/>
    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        var index = Engine.IndexOf(columnFamily);
        operations.Add(new MemoryBatchOperation(MemoryBatchOperationKind.Delete, index, key.ToArray(), []));
    }

    /// <inheritdoc/>
    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
    {
        ThrowIfDisposed();
        var index = Engine.IndexOf(columnFamily);
        KeyRangeArguments.ThrowIfReversed(columnFamily.Name, startKey, endKey);
        operations.Add(new MemoryBatchOperation(MemoryBatchOperationKind.DeleteRange, index, startKey.ToArray(), endKey.ToArray()));
    }

    /// <inheritdoc/>
    public override void Clear()
    {
        ThrowIfDisposed();
        operations.Clear();
        savePoints.Clear();
    }

    /// <inheritdoc/>
    public override void SetSavePoint()
    {
        ThrowIfDisposed();
        savePoints.Add(operations.Count);
    }

    /// <inheritdoc/>
    public override void RollbackToSavePoint()
    {
        var mark = TakeSavePoint();
        operations.RemoveRange(mark, operations.Count - mark);
    }

    /// <inheritdoc/>
    public override void PopSavePoint() => TakeSavePoint();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        disposed = true;
        operations.Clear();
        savePoints.Clear();
    }

    private int TakeSavePoint()
    {
        ThrowIfDisposed();
        if (savePoints.Count == 0)
        {
            throw new InvalidOperationException("The write batch has no save point to roll back to or pop.");
        }

        var mark = savePoints[^1];
        savePoints.RemoveAt(savePoints.Count - 1);
        return mark;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
