using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Features.Streams;

/// <summary>
/// The eviction job of a stream table with a TTL (docs/table-kinds.md, "Stream tables"): removes the rows expired
/// as of now with range deletes. Evictions are write sets committed by the <see cref="CommitPipeline"/> like every other
/// write; their ops carry no change, so no change feed records them. <see cref="StreamEvictionScheduler"/> runs it.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
/// <remarks>
/// The table's <see cref="TableCore{TRow, TKey, TCodec}.Eviction"/> is this object for a stream with a TTL and
/// <see langword="null"/> otherwise (nothing ever expires there); it registers with the store's background eviction itself.
/// </remarks>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class StreamEviction<TRow, TKey, TCodec> : IExpiringTable
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly int _ttlSeconds;
    private readonly bool _agesById;
    private readonly bool _softDelete;

    /// <param name="table">The stream table.</param>
    /// <param name="ttlSeconds">Its TtlSeconds (above 0).</param>
    /// <param name="agesById">Whether a row's age is its time-ordered id's rather than its <c>_updated</c>.</param>
    /// <param name="softDelete">Whether the table is also a <c>SoftDelete</c> table (a row's marker goes with it).</param>
    internal StreamEviction(TableCore<TRow, TKey, TCodec> table, int ttlSeconds, bool agesById, bool softDelete)
    {
        _table = table;
        _ttlSeconds = ttlSeconds;
        _agesById = agesById;
        _softDelete = softDelete;
    }

    string IExpiringTable.Name => _table.Descriptor.Name;

    // Encoded long.MinValue, ascending: no time-ordered id sorts below it.
    private static ReadOnlySpan<byte> SmallestIdEncoding => [0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>
    /// Removes every row expired as of now (older than the table's TtlSeconds). With a time-ordered key part
    /// leading the key: one range delete. With partition parts before it (e.g. the user id): one range delete per
    /// partition, found by seeking from partition to partition (one key read each). Without a time-ordered key
    /// part, ages come from <c>_updated</c> and every row's header is read. Not recorded in a change feed:
    /// expiry follows from the table's declared TtlSeconds.
    /// </summary>
    public void EvictExpired()
    {
        StreamExpiry expiry = CurrentExpiry();
        if (!expiry.IsActive)
        {
            return;
        }

        StorageEngine engine = _table.Store.Engine;
        if (!_agesById)
        {
            EvictByUpdated(engine, expiry);
        }
        else if (_table.GeneratedIdKeys!.Part == 0)
        {
            Span<byte> end = stackalloc byte[sizeof(long)];
            WriteIdKeyPart(end, expiry.FirstLiveId);
            WriteSet writes = WriteSet.Rent();
            try
            {
                writes.AddDeleteRange(_table.WriteTable, SmallestIdEncoding, end, change: null, 0);
                CommitPipeline.Commit(engine, writes);
            }
            finally
            {
                WriteSet.Return(writes);
            }
        }
        else
        {
            EvictPartitions(engine, expiry.FirstLiveId);
        }
    }

    // Range deletes per partition: seek to the first key, read its partition prefix P, delete [P, P || firstLiveId),
    // seek past P. One key read per partition; nothing else is read.
    private void EvictPartitions(StorageEngine engine, long firstLiveId)
    {
        using StorageIterator iterator = engine.CreateIterator(_table.ColumnFamily);
        WriteSet writes = WriteSet.Rent();
        try
        {
            EvictPartitions(engine, iterator, writes, firstLiveId);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    private void EvictPartitions(StorageEngine engine, StorageIterator iterator, WriteSet writes, long firstLiveId)
    {
        byte[] end = new byte[TableCore<TRow, TKey, TCodec>.StackKeyLength + sizeof(long)];
        byte[] next = new byte[TableCore<TRow, TKey, TCodec>.StackKeyLength];
        iterator.SeekToFirst();
        while (iterator.IsValid)
        {
            ReadOnlySpan<byte> key = iterator.Key;
            int prefixLength = _table.PartitionPrefixLength(key);
            ReadOnlySpan<byte> prefix = key[..prefixLength];
            EnsureLength(ref end, prefixLength + sizeof(long));
            EnsureLength(ref next, prefixLength);
            prefix.CopyTo(end);
            WriteIdKeyPart(end.AsSpan(prefixLength), firstLiveId);
            writes.AddDeleteRange(_table.WriteTable, prefix, end.AsSpan(0, prefixLength + sizeof(long)), change: null, 0);
            bool more = KeyRange.TryGetPrefixUpperBound(prefix, next, out int nextLength);
            if (writes.Count >= TableCore<TRow, TKey, TCodec>.EvictionPartitionsPerWrite)
            {
                CommitPipeline.Commit(engine, writes);
                writes.Clear();
            }

            if (!more)
            {
                break;
            }

            iterator.Seek(next.AsSpan(0, nextLength));
        }

        CommitPipeline.Commit(engine, writes);
    }

    // Without time-ordered ids the key order says nothing about age: every header is read.
    private void EvictByUpdated(StorageEngine engine, in StreamExpiry expiry)
    {
        using StorageIterator iterator = engine.CreateIterator(_table.ColumnFamily);
        WriteSet writes = WriteSet.Rent();
        try
        {
            EvictByUpdated(engine, iterator, writes, expiry);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    private void EvictByUpdated(StorageEngine engine, StorageIterator iterator, WriteSet writes, in StreamExpiry expiry)
    {
        bool softDelete = _softDelete;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            ReadOnlySpan<byte> value = iterator.Value;
            if (softDelete && DeletionMarker.IsMarkerValue(value))
            {
                continue;
            }

            ReadOnlySpan<byte> key = iterator.Key;
            if (!expiry.IsExpiredByUpdated(_table.ReadHeader(value, key).UpdatedUtcTicks))
            {
                continue;
            }

            writes.AddDelete(_table.WriteTable, key, change: null, 0);
            if (softDelete)
            {
                // The row's marker, if any, goes with it.
                writes.AddDelete(_table.WriteTable, key, DeletionMarker.KeySuffix, change: null, 0);
            }

            if (writes.Count >= TableCore<TRow, TKey, TCodec>.EvictionPartitionsPerWrite)
            {
                CommitPipeline.Commit(engine, writes);
                writes.Clear();
            }
        }

        CommitPipeline.Commit(engine, writes);
    }

    // The expiry in force now.
    private StreamExpiry CurrentExpiry() => StreamExpiry.At(_table.Store.Options.TimeProvider.GetUtcNow(), _ttlSeconds);

    private static void WriteIdKeyPart(Span<byte> destination, long id)
    {
        KeyWriter writer = new(destination);
        try
        {
            writer.WriteInt64(id);
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static void EnsureLength(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[length * 2];
        }
    }
}
