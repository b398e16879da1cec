using TypedStore.Features.Streams;
using TypedStore.Keys;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// The members of <c>Stream</c> tables: <see cref="Append(TRow)"/> with time-ordered ids, and eviction of
/// expired rows, the Streams feature's job (<see cref="StreamEviction{TRow, TKey, TCodec}"/>; docs/table-kinds.md,
/// "Stream tables").
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec> : IExpiringTable
{
    /// <summary>How many partitions one eviction write covers; larger tables are evicted in several atomic writes.</summary>
    internal const int EvictionPartitionsPerWrite = 1024;

    // The table's eviction job (Features/Streams); null unless it is a stream with a TTL.
    private readonly StreamEviction<TRow, TKey, TCodec>? _eviction;

    string IExpiringTable.Name => Descriptor.Name;

    /// <summary>
    /// Writes <paramref name="row"/> with its generated key part set to the next time-ordered id (greater than
    /// every id this table has stored or handed out), and returns the row as stored.
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec: only a table with a generated key part can Append.</typeparam>
    public TRow Append<TIdCodec>(TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
    {
        ThrowIfNull(row);
        TRow stored = TIdCodec.WithGeneratedId(row, NextTimeOrderedId());
        Put(stored);
        return stored;
    }

    /// <summary>Records, in <paramref name="batch"/>, <paramref name="row"/> with the next time-ordered id, and returns the row as it will be stored.</summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec: only a table with a generated key part can Append.</typeparam>
    public TRow Append<TIdCodec>(StoreBatchRuntime batch, TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNull(row);
        TRow stored = TIdCodec.WithGeneratedId(row, NextTimeOrderedId());
        Put(batch, stored);
        return stored;
    }

    /// <summary>Removes every row expired as of now (older than the table's TtlSeconds); see <see cref="StreamEviction{TRow, TKey, TCodec}.EvictExpired"/>.</summary>
    public void EvictExpired() => _eviction?.EvictExpired();

    private void RegisterForEviction()
    {
        if (_eviction is not null)
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
        GeneratedIdKeys<TKey> ids = _generatedIdKeys!;
        int part = ids.Part;
        if (part == 0)
        {
            iterator.SeekToLast();
            _rowReader.SkipToRowBackward(iterator);
            return iterator.IsValid ? ids.IdOf(DecodeKey(iterator.Key)) : null;
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
                    largest = Max(largest, ids.IdOf(DecodeKey(iterator.Key)));
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
                largest = Max(largest, ids.IdOf(DecodeKey(iterator.Key)));
            }

            iterator.Seek(next);
        }

        return largest;

        static long Max(long? a, long b) => a is { } value && value > b ? value : b;
    }

    /// <summary>The generated id part of the table's keys; <see langword="null"/> when it has none.</summary>
    internal GeneratedIdKeys<TKey>? GeneratedIdKeys => _generatedIdKeys;

    internal int PartitionPrefixLength(ReadOnlySpan<byte> key)
    {
        try
        {
            return _keyPrefixes!.Measure(key, _generatedIdKeys!.Part);
        }
        catch (KeyFormatException ex)
        {
            throw Corrupt(key, "the key cannot be decoded", ex);
        }
    }
}
