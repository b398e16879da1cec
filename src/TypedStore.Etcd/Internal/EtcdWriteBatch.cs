using TypedStore.Storage;

namespace TypedStore.Etcd.Internal;

/// <summary>
/// A batch on etcd: the writes in recorded order with private copies of their bytes, turned into one etcd transaction
/// by <see cref="EtcdTransactionPlan"/> when written.
/// </summary>
internal sealed class EtcdWriteBatch : StorageWriteBatch
{
    private readonly List<EtcdBatchOperation> _operations = [];
    private int[] _savePoints = [];
    private int _savePointCount;
    private bool _disposed;

    public EtcdWriteBatch(EtcdStorageEngine engine) => Engine = engine;

    public EtcdStorageEngine Engine { get; }

    public override int Count
    {
        get
        {
            ThrowIfDisposed();
            return _operations.Count;
        }
    }

    public IReadOnlyList<EtcdBatchOperation> Operations
    {
        get
        {
            ThrowIfDisposed();
            return _operations;
        }
    }

    public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        ThrowIfDisposed();
        EtcdColumnFamily family = Engine.Own(columnFamily);
        _operations.Add(new EtcdBatchOperation(EtcdBatchOperationKind.Put, family.FullKey(key), value.ToArray()));
    }

    public override void Delete(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        ThrowIfDisposed();
        EtcdColumnFamily family = Engine.Own(columnFamily);
        _operations.Add(new EtcdBatchOperation(EtcdBatchOperationKind.Delete, family.FullKey(key), null));
    }

    public override void DeleteRange(StorageColumnFamily columnFamily, ReadOnlySpan<byte> startKey, ReadOnlySpan<byte> endKey)
    {
        ThrowIfDisposed();
        EtcdColumnFamily family = Engine.Own(columnFamily);
        KeyRangeArguments.ThrowIfReversed(columnFamily.Name, startKey, endKey);
        _operations.Add(new EtcdBatchOperation(EtcdBatchOperationKind.DeleteRange, family.FullKey(startKey), family.FullKey(endKey)));
    }

    public override void Clear()
    {
        ThrowIfDisposed();
        _operations.Clear();
        _savePointCount = 0;
    }

    public override void SetSavePoint()
    {
        ThrowIfDisposed();
        if (_savePointCount == _savePoints.Length)
        {
            Array.Resize(ref _savePoints, Math.Max(4, _savePoints.Length * 2));
        }

        _savePoints[_savePointCount++] = _operations.Count;
    }

    public override void RollbackToSavePoint()
    {
        int mark = TakeSavePoint();
        _operations.RemoveRange(mark, _operations.Count - mark);
    }

    public override void PopSavePoint() => TakeSavePoint();

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _operations.Clear();
        _savePointCount = 0;
    }

    private int TakeSavePoint()
    {
        ThrowIfDisposed();
        if (_savePointCount == 0)
        {
            throw new InvalidOperationException("The write batch has no save point to roll back to or pop.");
        }

        return _savePoints[--_savePointCount];
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
