using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// The members only <c>SoftDelete</c> tables have: restore, purge, tombstone collection, and scans that can
/// include deleted rows. Deletion markers are described in <see cref="DeletionMarker"/>.
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    /// <summary>The most marker entries (rows or orphans) <see cref="PurgeDeleted"/> examines while keeping writers out.</summary>
    internal const int PurgeChunkSize = 1024;

    /// <summary>
    /// Undoes a soft delete: removes the row's deletion marker with one write (nothing happens when the row is
    /// live or absent). The row comes back exactly as it was last written.
    /// </summary>
    public void Restore(in TKey key)
    {
        RequireSoftDelete();
        StorageEngine engine = _store.Engine;
        WriteSet writes = WriteSet.Rent();
        try
        {
            RecordRestore(writes, key);
            CommitPipeline.Commit(engine, writes);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    /// <summary>Records, in <paramref name="batch"/>, the restore of the row with <paramref name="key"/>.</summary>
    public void Restore(StoreBatchRuntime batch, in TKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireSoftDelete();
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        RecordRestore(member.Writes, key);
        member.Complete();
    }

    /// <summary>Removes the row with <paramref name="key"/> for good, deleted or not, with its marker, in one atomic write.</summary>
    public void Purge(in TKey key)
    {
        RequireSoftDelete();
        StorageEngine engine = _store.Engine;
        WriteSet writes = WriteSet.Rent();
        try
        {
            RecordPurge(writes, key);
            CommitPipeline.Commit(engine, writes);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    /// <summary>Records, in <paramref name="batch"/>, the purge of the row with <paramref name="key"/>.</summary>
    public void Purge(StoreBatchRuntime batch, in TKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireSoftDelete();
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        RecordPurge(member.Writes, key);
        member.Complete();
    }

    /// <summary>
    /// Removes for good every row soft-deleted before <paramref name="olderThan"/> (its marker's time is earlier),
    /// and every marker left without a row that old. Returns the number of rows removed.
    /// </summary>
    /// <remarks>
    /// Works in chunks of at most <see cref="PurgeChunkSize"/> entries, each read and removed while the table's
    /// writers wait (see <see cref="SoftDeleteGate"/>), so a row restored or written again concurrently is never
    /// removed. Each chunk is one atomic write; with a change feed, each removed row records a
    /// <see cref="ChangeKind.Purge"/>.
    /// </remarks>
    public long PurgeDeleted(DateTimeOffset olderThan)
    {
        SoftDeleteGate gate = RequireSoftDelete();
        StorageEngine engine = _store.Engine;
        long cutoffTicks = olderThan.UtcTicks;
        long purged = 0;
        byte[] resumeFrom = [];
        while (true)
        {
            gate.EnterPurge();
            try
            {
                purged += PurgeChunk(engine, cutoffTicks, ref resumeFrom);
            }
            finally
            {
                gate.ExitPurge();
            }

            if (resumeFrom.Length == 0)
            {
                return purged;
            }
        }
    }

    /// <summary>
    /// Every row whose encoded key starts with <paramref name="prefix"/>, with its system columns, in key order or
    /// reversed; soft-deleted rows are included (flagged) when <paramref name="includeDeleted"/>. Expired stream rows never are.
    /// </summary>
    public IEnumerable<TableEntry<TRow>> ScanEntries(ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, StoreSnapshotRuntime? snapshot)
    {
        _store.ThrowIfDisposed();
        return new TableEntryScan<TRow, TKey, TCodec>(this, KeyBounds.ForPrefix(prefix), reverse, includeDeleted, snapshot);
    }

    /// <summary>Like <see cref="Scan(ReadOnlySpan{byte}, bool, StoreSnapshotRuntime?)"/>, and with <paramref name="includeDeleted"/> soft-deleted rows too.</summary>
    public IEnumerable<TRow> Scan(ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, StoreSnapshotRuntime? snapshot)
    {
        if (!includeDeleted)
        {
            return Scan(prefix, reverse, snapshot);
        }

        _store.ThrowIfDisposed();
        return ScanFiltered(prefix, reverse, includeDeleted: true, snapshot);
    }

    private void RecordRestore(WriteSet writes, in TKey key)
    {
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref keyWriter, key);
            SoftDeleteInterceptor.RecordRestore(writes, _writeTable, keyWriter.WrittenSpan, _store.GetUtcNowTicks());
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    private void RecordPurge(WriteSet writes, in TKey key)
    {
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref keyWriter, key);
            SoftDeleteInterceptor.RecordPurge(writes, _writeTable, keyWriter.WrittenSpan, _store.GetUtcNowTicks());
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // One chunk, with the writers kept out: what the iterator sees is what the commit removes. The commit runs on
    // this thread, which holds the gate as the purger, so the soft-delete step does not enter it again.
    private long PurgeChunk(StorageEngine engine, long cutoffTicks, ref byte[] resumeFrom)
    {
        StorageIterator iterator = engine.CreateIterator(_columnFamily, resumeFrom);
        using SoftDeleteCursor cursor = new(Descriptor.Name, iterator, reverse: false, copyValues: false);
        WriteSet writes = WriteSet.Rent();
        try
        {
            long purged = 0;
            int examined = 0;
            long now = _store.GetUtcNowTicks();
            while (examined < PurgeChunkSize && cursor.MoveNext())
            {
                examined++;
                if (!cursor.IsDeleted || cursor.DeletedUtcTicks >= cutoffTicks)
                {
                    continue;
                }

                SoftDeleteInterceptor.RecordPurgeFound(writes, _writeTable, cursor.Key, cursor.HasRow, now);
                if (cursor.HasRow)
                {
                    purged++;
                }
            }

            resumeFrom = cursor.NextUnreadKey.ToArray();
            CommitPipeline.Commit(engine, writes);
            return purged;
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    private SoftDeleteGate RequireSoftDelete()
        => _features?.SoftDeleteGate ?? throw new InvalidOperationException($"Table '{Descriptor.Name}' does not have SoftDelete = true; Restore, Purge and PurgeDeleted apply only to soft-delete tables.");
}
