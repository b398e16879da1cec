using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables.Changes;
using TypedStore.Tables.SoftDelete;

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
        SoftDeleteGate gate = RequireSoftDelete();
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        try
        {
            WriteFeatureKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            keyWriter.WriteByte(DeletionMarker.KeySuffix);
            if (_features!.ChangeFeed is null)
            {
                gate.EnterWrite();
                try
                {
                    engine.Delete(_columnFamily, keyWriter.WrittenSpan, _durability);
                }
                finally
                {
                    gate.ExitWrite();
                }

                return;
            }

            using StorageWriteBatch batch = engine.CreateWriteBatch();
            batch.Delete(_columnFamily, keyWriter.WrittenSpan);
            Commit(engine, batch, ChangeKind.Restore, _store.GetUtcNowTicks(), keyWriter.WrittenSpan[..keyLength], default);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    /// <summary>Records, in <paramref name="batch"/>, the restore of the row with <paramref name="key"/>.</summary>
    public void Restore(StoreBatchRuntime batch, in TKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireSoftDelete();
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        try
        {
            WriteFeatureKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            keyWriter.WriteByte(DeletionMarker.KeySuffix);
            member.Batch.Delete(_columnFamily, keyWriter.WrittenSpan);
            Track(member, ChangeKind.Restore, _store.GetUtcNowTicks(), keyWriter.WrittenSpan[..keyLength]);
        }
        finally
        {
            keyWriter.Dispose();
        }

        member.Complete();
    }

    /// <summary>Removes the row with <paramref name="key"/> for good, deleted or not, with its marker, in one atomic write.</summary>
    public void Purge(in TKey key)
    {
        RequireSoftDelete();
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        try
        {
            WriteFeatureKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            using StorageWriteBatch batch = engine.CreateWriteBatch();
            batch.Delete(_columnFamily, keyWriter.WrittenSpan);
            keyWriter.WriteByte(DeletionMarker.KeySuffix);
            batch.Delete(_columnFamily, keyWriter.WrittenSpan);
            Commit(engine, batch, ChangeKind.Purge, _store.GetUtcNowTicks(), keyWriter.WrittenSpan[..keyLength], default);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    /// <summary>Records, in <paramref name="batch"/>, the purge of the row with <paramref name="key"/>.</summary>
    public void Purge(StoreBatchRuntime batch, in TKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireSoftDelete();
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        try
        {
            WriteFeatureKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            member.Batch.Delete(_columnFamily, keyWriter.WrittenSpan);
            keyWriter.WriteByte(DeletionMarker.KeySuffix);
            member.Batch.Delete(_columnFamily, keyWriter.WrittenSpan);
            Track(member, ChangeKind.Purge, _store.GetUtcNowTicks(), keyWriter.WrittenSpan[..keyLength]);
        }
        finally
        {
            keyWriter.Dispose();
        }

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
        return ScanWithFeatures(prefix, reverse, includeDeleted: true, snapshot);
    }

    // One chunk, with the writers kept out: what the iterator sees is what the batch removes.
    private long PurgeChunk(StorageEngine engine, long cutoffTicks, ref byte[] resumeFrom)
    {
        StorageIterator iterator = engine.CreateIterator(_columnFamily, resumeFrom);
        using SoftDeleteCursor cursor = new(Descriptor.Name, iterator, reverse: false, copyValues: false);
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        List<PendingChange>? changes = _features!.ChangeFeed is null ? null : [];
        long purged = 0;
        int examined = 0;
        Span<byte> markerKey = stackalloc byte[StackMarkerKeyLength];
        long now = _store.GetUtcNowTicks();
        while (examined < PurgeChunkSize && cursor.MoveNext())
        {
            examined++;
            if (!cursor.IsDeleted || cursor.DeletedUtcTicks >= cutoffTicks)
            {
                continue;
            }

            ReadOnlySpan<byte> rowKey = cursor.Key;
            Span<byte> marker = rowKey.Length < markerKey.Length ? markerKey[..(rowKey.Length + 1)] : new byte[rowKey.Length + 1];
            rowKey.CopyTo(marker);
            marker[^1] = DeletionMarker.KeySuffix;
            batch.Delete(_columnFamily, marker);
            if (cursor.HasRow)
            {
                batch.Delete(_columnFamily, rowKey);
                purged++;
                changes?.Add(NewPendingChange(ChangeKind.Purge, now, rowKey, default));
            }
        }

        resumeFrom = cursor.NextUnreadKey.ToArray();
        if (batch.Count == 0)
        {
            return 0;
        }

        if (changes is { Count: > 0 })
        {
            _features.ChangeFeed!.Log.CommitMany(engine, batch, _durability, changes);
        }
        else
        {
            engine.Write(batch, _durability);
        }

        return purged;
    }

    private SoftDeleteGate RequireSoftDelete()
        => _features?.SoftDeleteGate ?? throw new InvalidOperationException($"Table '{Descriptor.Name}' does not have SoftDelete = true; Restore, Purge and PurgeDeleted apply only to soft-delete tables.");
}
