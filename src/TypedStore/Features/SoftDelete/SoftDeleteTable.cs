using System.Runtime.CompilerServices;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.SoftDelete;

/// <summary>
/// The members only <c>SoftDelete</c> tables have: restore, purge and tombstone collection. The table's
/// <see cref="TableCore{TRow, TKey, TCodec}.SoftDelete"/> is this object for a SoftDelete table and
/// <see langword="null"/> otherwise, so a member here never asks whether its table has the feature. Deletion markers
/// are described in <see cref="DeletionMarker"/>; the table's deletes become markers in <see cref="SoftDeleteInterceptor"/>.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
[SkipLocalsInit]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class SoftDeleteTable<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly SoftDeleteGate _gate;

    internal SoftDeleteTable(TableCore<TRow, TKey, TCodec> table, SoftDeleteGate gate)
    {
        _table = table;
        _gate = gate;
    }

    /// <summary>
    /// Undoes a soft delete in <paramref name="context"/>: removes the row's deletion marker with one write (nothing
    /// happens when the row is live or absent). The row comes back exactly as it was last written.
    /// </summary>
    public void Restore<TContext>(in TContext context, in TKey key)
        where TContext : struct, IWriteContext
    {
        using WriteScope scope = context.BeginWrite(_table.Durability);
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            SoftDeleteInterceptor.RecordRestore(scope.Writes, _table.WriteTable, keyWriter.WrittenSpan, _table.Store.GetUtcNowTicks());
        }
        finally
        {
            keyWriter.Dispose();
        }

        scope.Complete();
    }

    /// <summary>Removes, in <paramref name="context"/>, the row with <paramref name="key"/> for good, deleted or not, with its marker, in one atomic write.</summary>
    public void Purge<TContext>(in TContext context, in TKey key)
        where TContext : struct, IWriteContext
    {
        using WriteScope scope = context.BeginWrite(_table.Durability);
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            SoftDeleteInterceptor.RecordPurge(scope.Writes, _table.WriteTable, keyWriter.WrittenSpan, _table.Store.GetUtcNowTicks());
        }
        finally
        {
            keyWriter.Dispose();
        }

        scope.Complete();
    }

    /// <summary>
    /// Removes for good every row soft-deleted before <paramref name="olderThan"/> (its marker's time is earlier),
    /// and every marker left without a row that old. Returns the number of rows removed. The store's own member: it
    /// commits chunk by chunk, so it has no batch form.
    /// </summary>
    /// <remarks>
    /// Works in chunks of at most <see cref="TableCore{TRow, TKey, TCodec}.PurgeChunkSize"/> entries, each read and
    /// removed while the table's writers wait (see <see cref="SoftDeleteGate"/>), so a row restored or written again
    /// concurrently is never removed. Each chunk is one atomic write; with a change feed, each removed row records a
    /// <see cref="ChangeKind.Purge"/>.
    /// </remarks>
    public long PurgeDeleted(DateTimeOffset olderThan)
    {
        StorageEngine engine = _table.Store.Engine;
        long cutoffTicks = olderThan.UtcTicks;
        long purged = 0;
        byte[] resumeFrom = [];
        while (true)
        {
            WriteSet writes = WriteSet.Rent();
            try
            {
                _gate.EnterPurge(writes);
                try
                {
                    purged += PurgeChunk(engine, writes, cutoffTicks, ref resumeFrom);
                }
                finally
                {
                    _gate.ExitPurge();
                }
            }
            finally
            {
                WriteSet.Return(writes);
            }

            if (resumeFrom.Length == 0)
            {
                return purged;
            }
        }
    }

    // One chunk, with the writers kept out: what the iterator sees is what the commit removes. The gate knows
    // <writes> as the purger's own set, so the soft-delete step does not enter it again as a writer.
    private long PurgeChunk(StorageEngine engine, WriteSet writes, long cutoffTicks, ref byte[] resumeFrom)
    {
        StorageIterator iterator = engine.CreateIterator(_table.ColumnFamily, resumeFrom);
        using SoftDeleteCursor cursor = new(_table.Descriptor.Name, iterator, reverse: false, copyValues: false);
        long purged = 0;
        int examined = 0;
        long now = _table.Store.GetUtcNowTicks();
        while (examined < TableCore<TRow, TKey, TCodec>.PurgeChunkSize && cursor.MoveNext())
        {
            examined++;
            if (!cursor.IsDeleted || cursor.DeletedUtcTicks >= cutoffTicks)
            {
                continue;
            }

            SoftDeleteInterceptor.RecordPurgeFound(writes, _table.WriteTable, cursor.Key, cursor.HasRow, now);
            if (cursor.HasRow)
            {
                purged++;
            }
        }

        resumeFrom = cursor.NextUnreadKey.ToArray();
        CommitPipeline.Commit(engine, writes);
        return purged;
    }
}
