using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Features.RowCache;

/// <summary>
/// The row cache's part in a commit (<see cref="WriteStage.RowCache"/>, the last stage): once the engine write is done,
/// each row key the commit wrote in the table is invalidated (its stripe advanced, its row dropped), or the whole cache
/// when the commit holds a range delete of the table. It runs in <see cref="Release"/>, which the pipeline calls in its
/// <see langword="finally"/> after the write, so it runs before the write is acknowledged even when another step's
/// publishing throws; after a failed write it drops rows that did not change, which costs only misses.
/// </summary>
internal sealed class RowCacheInvalidation : ICommitStep
{
    private static long s_nextOrder;

    private readonly IRowCache _cache;
    private readonly StorageColumnFamily _columnFamily;

    public RowCacheInvalidation(IRowCache cache, StorageColumnFamily columnFamily)
    {
        _cache = cache;
        _columnFamily = columnFamily;
        Order = Interlocked.Increment(ref s_nextOrder);
    }

    public WriteStage Stage => WriteStage.RowCache;

    public long Order { get; }

    public bool AddsEntries(WriteSet writes) => false;

    // The cache holds nothing across the write: invalidation needs no gate, only to run after it (Release).
    public void Enter(WriteSet writes)
    {
    }

    public ValueTask EnterAsync(WriteSet writes, CancellationToken cancellationToken) => default;

    public void BeforeCommit(WriteSet writes, StorageWriteBatch? batch)
    {
    }

    public void AfterCommit(WriteSet writes)
    {
    }

    public void Release(WriteSet writes)
    {
        ReadOnlySpan<WriteOp> ops = writes.Ops;
        for (int i = 0; i < ops.Length; i++)
        {
            if (ops[i].ColumnFamily == _columnFamily && ops[i].Kind == WriteOpKind.DeleteRange)
            {
                _cache.InvalidateAll();
                return;
            }
        }

        for (int i = 0; i < ops.Length; i++)
        {
            // A soft delete's marker (and its removal) is keyed by the row key and a suffix: the row key is what changed.
            if (ops[i].ColumnFamily == _columnFamily)
            {
                _cache.Invalidate(writes.RowKey(i));
            }
        }
    }
}
