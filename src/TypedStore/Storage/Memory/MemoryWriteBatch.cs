namespace TypedStore.Storage.Memory;

/// <summary>
/// A write batch of a <see cref="MemoryEngine"/>: a list of operations with private copies of
/// their bytes, validated when recorded so that applying them cannot fail half-way.
/// </summary>
internal sealed class MemoryWriteBatch : StorageWriteBatch
{
    private readonly List<MemoryBatchOperation> operations = [];

    // The operation count at each save point, innermost last. Reused, so a save point per write allocates nothing.
    private int[] savePoints = [];
    private int savePointCount;
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
        savePointCount = 0;
    }

    /// <inheritdoc/>
    public override void SetSavePoint()
    {
        ThrowIfDisposed();
        if (savePointCount == savePoints.Length)
        {
            Array.Resize(ref savePoints, Math.Max(4, savePoints.Length * 2));
        }

        savePoints[savePointCount++] = operations.Count;
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
        savePointCount = 0;
    }

    private int TakeSavePoint()
    {
        ThrowIfDisposed();
        if (savePointCount == 0)
        {
            throw new InvalidOperationException("The write batch has no save point to roll back to or pop.");
        }

        return savePoints[--savePointCount];
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
