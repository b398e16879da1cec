using TypedStore.Features.SoftDelete;
using TypedStore.Features.Streams;
using TypedStore.Keys;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// The members of <c>Stream</c> tables: <see cref="Append(TRow)"/> with time-ordered ids, and eviction of
/// expired rows with range deletes (docs/table-kinds.md, "Stream tables"). Evictions are write sets committed by
/// the <see cref="CommitPipeline"/> like every other write; their ops carry no change, so no change feed records them.
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec> : IExpiringTable
{
    /// <summary>How many partitions one eviction write covers; larger tables are evicted in several atomic writes.</summary>
    internal const int EvictionPartitionsPerWrite = 1024;

    // Encoded long.MinValue, ascending: no time-ordered id sorts below it.
    private static ReadOnlySpan<byte> SmallestIdEncoding => [0, 0, 0, 0, 0, 0, 0, 0];

    string IExpiringTable.Name => Descriptor.Name;

    /// <summary>
    /// Writes <paramref name="row"/> with its generated key part set to the next time-ordered id (greater than
    /// every id this table has stored or handed out), and returns the row as stored.
    /// </summary>
    public TRow Append(TRow row)
    {
        ThrowIfNull(row);
        TRow stored = TCodec.WithGeneratedId(row, NextTimeOrderedId());
        Put(stored);
        return stored;
    }

    /// <summary>Records, in <paramref name="batch"/>, <paramref name="row"/> with the next time-ordered id, and returns the row as it will be stored.</summary>
    public TRow Append(StoreBatchRuntime batch, TRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNull(row);
        TRow stored = TCodec.WithGeneratedId(row, NextTimeOrderedId());
        Put(batch, stored);
        return stored;
    }

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

        StorageEngine engine = _store.Engine;
        if (!_features!.AgesById)
        {
            EvictByUpdated(engine, expiry);
        }
        else if (TCodec.GeneratedKeyPart == 0)
        {
            Span<byte> end = stackalloc byte[sizeof(long)];
            WriteIdKeyPart(end, expiry.FirstLiveId);
            WriteSet writes = WriteSet.Rent();
            try
            {
                writes.AddDeleteRange(_writeTable, SmallestIdEncoding, end, change: null, 0);
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

    private void RegisterForEviction()
    {
        if (_features is { TtlSeconds: > 0 })
        {
            _store.RegisterExpiringTable(this);
        }
    }

    private long NextTimeOrderedId() => _generatedIds.NextTimeOrderedId(this, static table => table.FindLargestStoredId());

    // The largest id stored, so ids stay increasing across reopening even when the clock went back meanwhile.
    // Leading ids: the last key. Partitioned ids: the last key of every partition (one seek each).
    private long? FindLargestStoredId()
    {
        StorageEngine engine = _store.Engine;
        using StorageIterator iterator = engine.CreateIterator(_columnFamily);
        int part = TCodec.GeneratedKeyPart;
        if (part == 0)
        {
            iterator.SeekToLast();
            _rowReader.SkipToRowBackward(iterator);
            return iterator.IsValid ? TCodec.GetGeneratedId(DecodeKey(iterator.Key)) : null;
        }

        long? largest = null;
        for (iterator.SeekToFirst(); iterator.IsValid;)
        {
            ReadOnlySpan<byte> key = iterator.Key;
            int prefixLength = PartitionPrefixLength(key);
            byte[] upper = new byte[prefixLength];
            if (!KeyRange.TryGetPrefixUpperBound(key[..prefixLength], upper, out int upperLength))
            {
                iterator.SeekToLast();
                _rowReader.SkipToRowBackward(iterator);
                if (iterator.IsValid)
                {
                    largest = Max(largest, TCodec.GetGeneratedId(DecodeKey(iterator.Key)));
                }

                break;
            }

            // The partition's last entry is the last one below its (exclusive) upper bound.
            byte[] next = upper.AsSpan(0, upperLength).ToArray();
            iterator.SeekForPrev(next);
            if (iterator.IsValid && iterator.Key.SequenceEqual(next))
            {
                iterator.Previous();
            }

            _rowReader.SkipToRowBackward(iterator);
            if (iterator.IsValid)
            {
                largest = Max(largest, TCodec.GetGeneratedId(DecodeKey(iterator.Key)));
            }

            iterator.Seek(next);
        }

        return largest;

        static long Max(long? a, long b) => a is { } value && value > b ? value : b;
    }

    // Range deletes per partition: seek to the first key, read its partition prefix P, delete [P, P || firstLiveId),
    // seek past P. One key read per partition; nothing else is read.
    private void EvictPartitions(StorageEngine engine, long firstLiveId)
    {
        using StorageIterator iterator = engine.CreateIterator(_columnFamily);
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
        byte[] end = new byte[StackKeyLength + sizeof(long)];
        byte[] next = new byte[StackKeyLength];
        iterator.SeekToFirst();
        while (iterator.IsValid)
        {
            ReadOnlySpan<byte> key = iterator.Key;
            int prefixLength = PartitionPrefixLength(key);
            ReadOnlySpan<byte> prefix = key[..prefixLength];
            EnsureLength(ref end, prefixLength + sizeof(long));
            EnsureLength(ref next, prefixLength);
            prefix.CopyTo(end);
            WriteIdKeyPart(end.AsSpan(prefixLength), firstLiveId);
            writes.AddDeleteRange(_writeTable, prefix, end.AsSpan(0, prefixLength + sizeof(long)), change: null, 0);
            bool more = KeyRange.TryGetPrefixUpperBound(prefix, next, out int nextLength);
            if (writes.Count >= EvictionPartitionsPerWrite)
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
        using StorageIterator iterator = engine.CreateIterator(_columnFamily);
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
        bool softDelete = _features!.SoftDeleteGate is not null;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            ReadOnlySpan<byte> value = iterator.Value;
            if (softDelete && DeletionMarker.IsMarkerValue(value))
            {
                continue;
            }

            ReadOnlySpan<byte> key = iterator.Key;
            if (!expiry.IsExpiredByUpdated(ReadHeader(value, key).UpdatedUtcTicks))
            {
                continue;
            }

            writes.AddDelete(_writeTable, key, change: null, 0);
            if (softDelete)
            {
                // The row's marker, if any, goes with it.
                writes.AddDelete(_writeTable, key, DeletionMarker.KeySuffix, change: null, 0);
            }

            if (writes.Count >= EvictionPartitionsPerWrite)
            {
                CommitPipeline.Commit(engine, writes);
                writes.Clear();
            }
        }

        CommitPipeline.Commit(engine, writes);
    }

    private int PartitionPrefixLength(ReadOnlySpan<byte> key)
    {
        try
        {
            return TCodec.GetPrefixLength(key, TCodec.GeneratedKeyPart);
        }
        catch (KeyFormatException ex)
        {
            throw Corrupt(key, "the key cannot be decoded", ex);
        }
    }

    /// <summary>The expiry in force now, for eviction: inactive unless the table is a stream with a TTL.</summary>
    private StreamExpiry CurrentExpiry()
        => _features is { TtlSeconds: > 0 } features ? StreamExpiry.At(_store.Options.TimeProvider.GetUtcNow(), features.TtlSeconds) : default;

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
