using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Streams;

/// <content>
/// The async form of <see cref="EvictExpired"/>: the same range deletes and chunks, with every read a page of the
/// engine's <see cref="StorageEngine.ReadPageAsync"/> and every chunk's commit awaited
/// (<see cref="CommitPipeline.CommitAsync"/>), so an async engine blocks no thread. The background eviction keeps the
/// synchronous member (it runs on its own timer thread).
/// </content>
public sealed partial class StreamEviction<TRow, TKey, TCodec>
{
    /// <summary>
    /// The async form of <see cref="EvictExpired"/>: removes every row expired as of now. A token cancelled between
    /// chunks stops there: the chunks committed before stay removed (each is atomic).
    /// </summary>
    public async ValueTask EvictExpiredAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        StreamExpiry expiry = CurrentExpiry();
        if (!expiry.IsActive)
        {
            return;
        }

        StorageEngine engine = _table.Store.Engine;
        if (!_agesById)
        {
            await EvictByUpdatedAsync(engine, expiry, cancellationToken).ConfigureAwait(false);
        }
        else if (_table.GeneratedIdKeys!.Part == 0)
        {
            byte[] end = new byte[sizeof(long)];
            WriteIdKeyPart(end, expiry.FirstLiveId);
            WriteSet writes = WriteSet.Rent();
            try
            {
                writes.AddDeleteRange(_table.WriteTable, SmallestIdEncoding, end, change: null, 0);
                await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                WriteSet.Return(writes);
            }
        }
        else
        {
            await EvictPartitionsAsync(engine, expiry.FirstLiveId, cancellationToken).ConfigureAwait(false);
        }
    }

    // EvictPartitions over pages: a page of one entry finds the next partition (where a seek found it), its range delete
    // is recorded, and every EvictionPartitionsPerWrite ranges are committed.
    private async ValueTask EvictPartitionsAsync(StorageEngine engine, long firstLiveId, CancellationToken cancellationToken)
    {
        using StoragePage page = new();
        WriteSet writes = WriteSet.Rent();
        try
        {
            byte[]? from = [];
            while (from is not null)
            {
                await engine.ReadPageAsync(_table.ColumnFamily, from, default, reverse: false, maxEntries: 1, page, snapshot: null, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                from = RecordPartition(page.GetKey(0), writes, firstLiveId);
                if (writes.Count >= TableCore<TRow, TKey, TCodec>.EvictionPartitionsPerWrite)
                {
                    await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
                    writes.Clear();
                }
            }

            await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    // Records the range delete [P, P || firstLiveId) of the partition P that <key> starts; returns where the next
    // partition starts (past every key of P), or null when no key can follow P.
    private byte[]? RecordPartition(ReadOnlySpan<byte> key, WriteSet writes, long firstLiveId)
    {
        int prefixLength = _table.PartitionPrefixLength(key);
        ReadOnlySpan<byte> prefix = key[..prefixLength];
        byte[] end = new byte[prefixLength + sizeof(long)];
        prefix.CopyTo(end);
        WriteIdKeyPart(end.AsSpan(prefixLength), firstLiveId);
        writes.AddDeleteRange(_table.WriteTable, prefix, end, change: null, 0);
        byte[] next = new byte[prefixLength];
        return KeyRange.TryGetPrefixUpperBound(prefix, next, out int nextLength) ? next.AsSpan(0, nextLength).ToArray() : null;
    }

    // EvictByUpdated over pages: every header is read, a page at a time; every EvictionPartitionsPerWrite ops are
    // committed, at the same entry as the synchronous walk commits them.
    private async ValueTask EvictByUpdatedAsync(StorageEngine engine, StreamExpiry expiry, CancellationToken cancellationToken)
    {
        using PagedEntries entries = new(engine, _table.ColumnFamily, [], [], reverse: false, snapshot: null, PagedEntries.MaxPageEntries);
        WriteSet writes = WriteSet.Rent();
        try
        {
            while (await entries.ReadNextAsync(cancellationToken).ConfigureAwait(false))
            {
                int next = 0;
                while ((next = RecordExpired(entries.Page, next, writes, expiry)) < entries.Page.Count)
                {
                    await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
                    writes.Clear();
                }

                if (writes.Count >= TableCore<TRow, TKey, TCodec>.EvictionPartitionsPerWrite)
                {
                    await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
                    writes.Clear();
                }
            }

            await CommitPipeline.CommitAsync(engine, writes, optimistic: null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    // Records the removal of every expired row of <page> from entry <start> on (and of its marker, on a SoftDelete
    // table), stopping after the entry that fills a write (the caller commits, then continues at the index returned).
    // Returns page.Count when the page is done.
    private int RecordExpired(StoragePage page, int start, WriteSet writes, in StreamExpiry expiry)
    {
        bool softDelete = _softDelete;
        for (int i = start; i < page.Count; i++)
        {
            ReadOnlySpan<byte> value = page.GetValue(i);
            if (softDelete && DeletionMarker.IsMarkerValue(value))
            {
                continue;
            }

            ReadOnlySpan<byte> key = page.GetKey(i);
            if (!expiry.IsExpiredByUpdated(_table.ReadHeader(value, key).UpdatedUtcTicks))
            {
                continue;
            }

            writes.AddDelete(_table.WriteTable, key, change: null, 0);
            if (softDelete)
            {
                writes.AddDelete(_table.WriteTable, key, DeletionMarker.KeySuffix, change: null, 0);
            }

            if (writes.Count >= TableCore<TRow, TKey, TCodec>.EvictionPartitionsPerWrite && i + 1 < page.Count)
            {
                return i + 1;
            }
        }

        return page.Count;
    }
}
