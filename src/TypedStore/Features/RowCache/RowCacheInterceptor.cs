using TypedStore.Keys;
using TypedStore.Runtime.Writes;

namespace TypedStore.Features.RowCache;

/// <summary>
/// The row cache's write interceptor: it records nothing of its own, and brings its commit step
/// (<see cref="RowCacheInvalidation"/>) into every write set that touches the table, whatever the write path.
/// </summary>
internal sealed class RowCacheInterceptor(RowCacheInvalidation invalidation) : IWriteInterceptor
{
    public int MaxRowKeyLength => KeyLimits.MaxKeyLength;

    public ICommitStep? CommitStep => invalidation;

    public bool NeedsRowsOfRangeDeletes => false;

    public void ThrowRowKeyTooLong(WriteTable table, int length)
    {
    }

    public bool TryRecordDelete(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks, out int op)
    {
        op = -1;
        return false;
    }

    public void OnRecorded(WriteSet writes, int op)
    {
    }
}
