using TypedStore.Diagnostics;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using TypedStore.Features.RowCache;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>Many point reads at once: <c>GetMany(keys)</c>.</content>
public sealed partial class TableReader<TRow, TKey, TCodec>
{
    /// <summary>
    /// Reads the rows of <paramref name="keys"/>, in input order, as <paramref name="found"/> of the row or the default
    /// of <typeparamref name="TResult"/> when there is none (or it is soft-deleted or expired), all from one consistent
    /// view. A table whose rows are stored alone (no SoftDelete) reads every key with ONE engine call
    /// (<see cref="StorageEngine.GetMany"/>: RocksDB's batched multi-get); a SoftDelete table reads each row with its
    /// marker, through one snapshot.
    /// </summary>
    /// <typeparam name="TContext">The read context.</typeparam>
    /// <typeparam name="TIn">The public form of a key (a part, or a tuple of parts).</typeparam>
    /// <typeparam name="TResult">The public form of a result (the row, nullable).</typeparam>
    /// <param name="context">Where it reads.</param>
    /// <param name="keys">The keys; duplicates are read (and returned) each time.</param>
    /// <param name="toKey">Makes the table's key struct of a public key.</param>
    /// <param name="found">Makes a result of a row found.</param>
    public TResult?[] GetMany<TContext, TIn, TResult>(in TContext context, IEnumerable<TIn> keys, Func<TIn, TKey> toKey, Func<TRow, TResult> found)
        where TContext : struct, IReadContext
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(toKey);
        ArgumentNullException.ThrowIfNull(found);
        _table.Store.ThrowIfDisposed();
        _table.Metrics.Completed(StoreOperation.GetMany, started: 0);

        // Every key is encoded before anything is read, so a refused key (a null part) reads nothing.
        TKey[] parts = [.. ToKeys(keys, toKey)];
        TResult?[] results = new TResult?[parts.Length];
        if (parts.Length == 0)
        {
            return results;
        }

        if (ReadsLatest<TContext>() && _rowCache is not null)
        {
            ReadThroughCache(parts, results, found);
            return results;
        }

        StorageSnapshot? snapshot = context.Snapshot;
        if (_table.RowReader == RowReader.Plain)
        {
            ReadAllAtOnce(parts, snapshot, results, found);
            return results;
        }

        // Rows merged with what a feature keeps beside them: one bounded read per key, all through one snapshot.
        StorageSnapshot? own = snapshot is null ? _table.Store.Engine.CreateSnapshot() : null;
        try
        {
            for (int i = 0; i < parts.Length; i++)
            {
                if (TryReadFiltered(parts[i], snapshot ?? own, decodeRow: true, out _, out bool deleted, out _, out TRow? row) && !deleted)
                {
                    results[i] = found(row);
                }
            }
        }
        finally
        {
            own?.Dispose();
        }

        return results;
    }

    // A cached table's GetMany of the latest state: the keys the cache holds are answered from it; the others are read
    // as one GetMany (one consistent view among themselves) and inserted under the invalidation protocol, each with the
    // stripe version taken before the engine read.
    private void ReadThroughCache<TResult>(TKey[] parts, TResult?[] results, Func<TRow, TResult> found)
    {
        List<int> missing = [];
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            for (int i = 0; i < parts.Length; i++)
            {
                if (TryGetFromCache(parts[i], ref keyWriter, out TRow? row))
                {
                    results[i] = found(row);
                }
                else
                {
                    missing.Add(i);
                }
            }

            if (missing.Count == 0)
            {
                return;
            }

            TKey[] missingParts = new TKey[missing.Count];
            RowCacheTicket[] tickets = new RowCacheTicket[missing.Count];
            for (int m = 0; m < missing.Count; m++)
            {
                missingParts[m] = parts[missing[m]];
                tickets[m] = BeginCacheMiss(missingParts[m], ref keyWriter);
            }

            TRow?[] rows = new TRow?[missing.Count];
            bool[] present = new bool[missing.Count];
            if (_table.RowReader == RowReader.Plain)
            {
                ReadAllAtOnce(missingParts, snapshot: null, rows, present, static row => row);
            }
            else
            {
                StorageSnapshot own = _table.Store.Engine.CreateSnapshot();
                try
                {
                    for (int m = 0; m < missingParts.Length; m++)
                    {
                        if (TryReadFiltered(missingParts[m], own, decodeRow: true, out _, out bool deleted, out _, out TRow? row) && !deleted)
                        {
                            rows[m] = row;
                            present[m] = true;
                        }
                    }
                }
                finally
                {
                    own.Dispose();
                }
            }

            for (int m = 0; m < missingParts.Length; m++)
            {
                if (!present[m])
                {
                    continue;
                }

                InsertIntoCache(missingParts[m], tickets[m], rows[m]!, ref keyWriter);
                results[missing[m]] = found(rows[m]!);
            }
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // The cache's three steps for one key of a GetMany: by the key string when the table is keyed by one string, by
    // the key encoded into keyWriter otherwise.
    private bool TryGetFromCache(in TKey key, ref KeyWriter keyWriter, [MaybeNullWhen(false)] out TRow row)
    {
        if (TCodec.KeyIsOneString)
        {
            return _stringRowCache!.TryGet(TCodec.KeyString(key), out row);
        }

        keyWriter.Reset();
        _table.EncodeRowKey(ref keyWriter, key);
        return _encodedRowCache!.TryGet(keyWriter.WrittenSpan, out row);
    }

    private RowCacheTicket BeginCacheMiss(in TKey key, ref KeyWriter keyWriter)
    {
        if (TCodec.KeyIsOneString)
        {
            return _stringRowCache!.BeginMiss(TCodec.KeyString(key));
        }

        keyWriter.Reset();
        _table.EncodeRowKey(ref keyWriter, key);
        return _encodedRowCache!.BeginMiss(keyWriter.WrittenSpan);
    }

    private void InsertIntoCache(in TKey key, in RowCacheTicket ticket, TRow row, ref KeyWriter keyWriter)
    {
        if (TCodec.KeyIsOneString)
        {
            _stringRowCache!.Insert(TCodec.KeyString(key), ticket, row);
            return;
        }

        keyWriter.Reset();
        _table.EncodeRowKey(ref keyWriter, key);
        _encodedRowCache!.Insert(keyWriter.WrittenSpan, ticket, row);
    }

    private static IEnumerable<TKey> ToKeys<TIn>(IEnumerable<TIn> keys, Func<TIn, TKey> toKey)
    {
        foreach (TIn key in keys)
        {
            yield return toKey(key);
        }
    }

    // Encodes every key into one pooled buffer and reads them with one engine call; then decodes in input order.
    private void ReadAllAtOnce<TResult>(TKey[] parts, StorageSnapshot? snapshot, TResult?[] results, Func<TRow, TResult> found)
        => ReadAllAtOnce(parts, snapshot, results, present: null, found);

    // With present: which results are rows (a struct row's default cannot tell).
    private void ReadAllAtOnce<TResult>(TKey[] parts, StorageSnapshot? snapshot, TResult?[] results, bool[]? present, Func<TRow, TResult> found)
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        ManyKeys many = ManyKeys.Rent(parts.Length);
        try
        {
            EncodeAll(parts, many);
            table.Store.Engine.GetMany(table.ColumnFamily, many.Keys.WrittenSpan, many.KeyLengths.AsSpan(0, parts.Length), many.Values, many.ValueLengths.AsSpan(0, parts.Length), snapshot);
            DecodeAll(parts, many, results, present, found);
        }
        finally
        {
            many.Return();
        }
    }

    private void EncodeAll(TKey[] parts, ManyKeys many)
    {
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            for (int i = 0; i < parts.Length; i++)
            {
                keyWriter.Reset();
                _table.EncodeRowKey(ref keyWriter, parts[i]);
                ReadOnlySpan<byte> key = keyWriter.WrittenSpan;
                key.CopyTo(many.Keys.GetSpan(key.Length));
                many.Keys.Advance(key.Length);
                many.KeyLengths[i] = key.Length;
            }
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    private void DecodeAll<TResult>(TKey[] parts, ManyKeys many, TResult?[] results, bool[]? present, Func<TRow, TResult> found)
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        long now = table.ReadNow();
        int keyOffset = 0;
        int valueOffset = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            ReadOnlySpan<byte> key = many.Keys.WrittenSpan.Slice(keyOffset, many.KeyLengths[i]);
            keyOffset += many.KeyLengths[i];
            int length = many.ValueLengths[i];
            if (length < 0)
            {
                continue;
            }

            ReadOnlyMemory<byte> value = many.Values.WrittenMemory.Slice(valueOffset, length);
            valueOffset += length;
            ValueHeader header = table.ReadHeader(value.Span, key);
            if (header.IsDeleted || table.IsHidden(parts[i], header, now))
            {
                continue;
            }

            results[i] = found(table.DecodeRow(key, parts[i], value));
            if (present is not null)
            {
                present[i] = true;
            }
        }
    }

    /// <summary>The pooled buffers of one many-key read: the packed keys and their lengths, the values and theirs (a struct: nothing allocated for it).</summary>
    private readonly struct ManyKeys
    {
        private ManyKeys(int count)
        {
            KeyLengths = ArrayPool<int>.Shared.Rent(count);
            ValueLengths = ArrayPool<int>.Shared.Rent(count);
            Keys = ValueBuffer.Rent();
            Values = ValueBuffer.Rent();
        }

        public int[] KeyLengths { get; }

        public int[] ValueLengths { get; }

        public ValueBuffer Keys { get; }

        public ValueBuffer Values { get; }

        public static ManyKeys Rent(int count) => new(count);

        public void Return()
        {
            ValueBuffer.Return(Values);
            ValueBuffer.Return(Keys);
            ArrayPool<int>.Shared.Return(ValueLengths);
            ArrayPool<int>.Shared.Return(KeyLengths);
        }
    }
}
