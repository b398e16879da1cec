using TypedStore.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Features.RowCache;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The reads of one table, written once for every context that reads (<see cref="IReadContext"/>: the store itself,
/// a snapshot, later a transaction): point reads, scans, counts. Reads go through the table's <see cref="RowReader"/>
/// and run its read filters; a table without features keeps the one-engine-call paths (decided once, at construction).
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
/// <remarks>
/// Every member is generic over a struct context, so the JIT compiles one copy per context: the store's
/// <c>Snapshot</c> is the constant <see langword="null"/> and its reads are exactly the snapshot-less reads. A context's
/// snapshot is read when the operation starts (a lazy scan: when its enumeration starts), so a disposed snapshot or
/// store throws <see cref="ObjectDisposedException"/> there.
/// </remarks>
[SkipLocalsInit]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class TableReader<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    // A point read may extend the row key (a marker's suffix byte), so its stack buffer has room beyond the longest key.
    private const int StackReadKeyLength = TableCore<TRow, TKey, TCodec>.StackKeyLength + 1;

    private readonly TableCore<TRow, TKey, TCodec> _table;

    // A table without features reads with one engine call per Get and counts keys only.
    private readonly bool _plainReads;

    // The table's row cache, or null: point reads of the store itself (DirectContext) go through it. Keyed by the key
    // string when the codec's KeyIsOneString (then _stringRowCache is set too), by the encoded key otherwise.
    private readonly IRowCache? _rowCache;
    private readonly RowCache<TRow, byte[]>? _encodedRowCache;
    private readonly RowCache<TRow, string>? _stringRowCache;

    internal TableReader(TableCore<TRow, TKey, TCodec> table, bool plainReads)
    {
        _table = table;
        _plainReads = plainReads;
        _rowCache = table.RowCache;
        _encodedRowCache = _rowCache as RowCache<TRow, byte[]>;
        _stringRowCache = _rowCache as RowCache<TRow, string>;
    }

    /// <summary>
    /// Whether a read in <typeparamref name="TContext"/> may use the row cache: only the store's own reads, which see
    /// the latest committed state; a snapshot or a transaction reads its own view. A constant per context once compiled.
    /// </summary>
    private static bool ReadsLatest<TContext>()
        where TContext : struct, IReadContext
        => typeof(TContext) == typeof(DirectContext);

    /// <summary>Reads the row with <paramref name="key"/>; soft-deleted rows count as absent.</summary>
    public bool TryGet<TContext>(in TContext context, in TKey key, [MaybeNullWhen(false)] out TRow row)
        where TContext : struct, IReadContext
    {
        long started = TableMetrics.Start();
        bool found = TryGetRow(context, key, out row);
        _table.Metrics.Completed(StoreOperation.Get, started);
        return found;
    }

    private bool TryGetRow<TContext>(in TContext context, in TKey key, [MaybeNullWhen(false)] out TRow row)
        where TContext : struct, IReadContext
    {
        if (ReadsLatest<TContext>() && _rowCache is not null)
        {
            return TryGetCached(key, out row);
        }

        StorageSnapshot? snapshot = context.Snapshot;
        if (!_plainReads)
        {
            if (TryReadFiltered(key, snapshot, decodeRow: true, out ValueHeader _, out bool deleted, out _, out row) && !deleted)
            {
                return true;
            }
        }
        else if (TryRead(key, snapshot, out ValueHeader header, out row) && !header.IsDeleted)
        {
            return true;
        }

        row = default;
        return false;
    }

    /// <summary>Reads the row with <paramref name="key"/> and its system columns, soft-deleted or not.</summary>
    public bool TryGetEntry<TContext>(in TContext context, in TKey key, out TableEntry<TRow> entry)
        where TContext : struct, IReadContext
    {
        StorageSnapshot? snapshot = context.Snapshot;
        if (!_plainReads)
        {
            if (TryReadFiltered(key, snapshot, decodeRow: true, out ValueHeader header, out bool deleted, out long deletedTicks, out TRow? row))
            {
                entry = new TableEntry<TRow>(row, header.Updated, deleted || header.IsDeleted)
                {
                    Deleted = deleted ? new DateTimeOffset(deletedTicks, TimeSpan.Zero) : null,
                };
                return true;
            }
        }
        else if (TryRead(key, snapshot, out ValueHeader header, out TRow? row))
        {
            entry = new TableEntry<TRow>(row, header.Updated, header.IsDeleted);
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>Whether a (not soft-deleted) row with <paramref name="key"/> exists.</summary>
    public bool Exists<TContext>(in TContext context, in TKey key)
        where TContext : struct, IReadContext
    {
        if (ReadsLatest<TContext>() && _rowCache is not null && IsCached(key))
        {
            return true;
        }

        StorageSnapshot? snapshot = context.Snapshot;
        if (!_plainReads)
        {
            return TryReadFiltered(key, snapshot, decodeRow: false, out _, out bool deleted, out _, out _) && !deleted;
        }

        StorageEngine engine = _table.Store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            return engine.Contains(_table.ColumnFamily, keyWriter.WrittenSpan, snapshot);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    /// <summary>
    /// The rows whose encoded key starts with <paramref name="prefix"/> (every row when empty), in key order or
    /// reversed. The engine iterator is bounded to the prefix, so no other key is ever read.
    /// </summary>
    public IEnumerable<TRow> Scan<TContext>(in TContext context, ReadOnlySpan<byte> prefix, bool reverse)
        where TContext : struct, IReadContext
    {
        _table.Store.ThrowIfDisposed();
        _table.Metrics.Completed(StoreOperation.Scan, started: 0);
        if (!_plainReads)
        {
            return new TableEntryScan<TRow, TKey, TCodec, TContext>(_table, KeyBounds.ForPrefix(prefix), reverse, includeDeleted: false, context).Rows();
        }

        return new TableScan<TRow, TKey, TCodec, TContext>(_table, KeyBounds.ForPrefix(prefix), reverse, context);
    }

    /// <summary>Like <see cref="Scan{TContext}(in TContext, ReadOnlySpan{byte}, bool)"/>, and with <paramref name="includeDeleted"/> soft-deleted rows too.</summary>
    public IEnumerable<TRow> Scan<TContext>(in TContext context, ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted)
        where TContext : struct, IReadContext
    {
        if (!includeDeleted)
        {
            return Scan(context, prefix, reverse);
        }

        _table.Store.ThrowIfDisposed();
        return new TableEntryScan<TRow, TKey, TCodec, TContext>(_table, KeyBounds.ForPrefix(prefix), reverse, includeDeleted: true, context).Rows();
    }

    /// <summary>
    /// Every row whose encoded key starts with <paramref name="prefix"/>, with its system columns, in key order or
    /// reversed; soft-deleted rows are included (flagged) when <paramref name="includeDeleted"/>. Expired stream rows never are.
    /// </summary>
    public IEnumerable<TableEntry<TRow>> ScanEntries<TContext>(in TContext context, ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted)
        where TContext : struct, IReadContext
    {
        _table.Store.ThrowIfDisposed();
        return new TableEntryScan<TRow, TKey, TCodec, TContext>(_table, KeyBounds.ForPrefix(prefix), reverse, includeDeleted, context);
    }

    /// <summary>Counts the (not soft-deleted) rows whose encoded key starts with <paramref name="prefix"/>, without decoding them.</summary>
    public long Count<TContext>(in TContext context, ReadOnlySpan<byte> prefix)
        where TContext : struct, IReadContext
    {
        StorageSnapshot? snapshot = context.Snapshot;
        if (!_plainReads)
        {
            return CountFiltered(prefix, snapshot);
        }

        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        using StorageIterator iterator = _table.Store.Engine.CreateIterator(_table.ColumnFamily, bounds.Lower, bounds.Upper, snapshot);
        long count = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            count++;
        }

        return count;
    }

    // A cached table's point read of the latest state: the cache, or the engine and then the cache under the
    // invalidation protocol (RowCache: the stripe's version is taken before the engine is read). A row that is absent
    // (or soft-deleted, or hidden) is not cached. A table keyed by one string looks up the string itself: no encoding.
    private bool TryGetCached(in TKey key, [MaybeNullWhen(false)] out TRow row)
    {
        if (TCodec.KeyIsOneString)
        {
            RowCache<TRow, string> cache = _stringRowCache!;
            string keyString = TCodec.KeyString(key);
            if (cache.TryGet(keyString, out row))
            {
                return true;
            }

            RowCacheTicket ticket = cache.BeginMiss(keyString);
            if (!TryReadLatest(key, out row))
            {
                return false;
            }

            cache.Insert(keyString, ticket, row);
            return true;
        }

        return TryGetCachedEncoded(key, out row);
    }

    private bool TryGetCachedEncoded(in TKey key, [MaybeNullWhen(false)] out TRow row)
    {
        RowCache<TRow, byte[]> cache = _encodedRowCache!;
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            ReadOnlySpan<byte> encodedKey = keyWriter.WrittenSpan;
            if (cache.TryGet(encodedKey, out row))
            {
                return true;
            }

            RowCacheTicket ticket = cache.BeginMiss(encodedKey);
            if (!TryReadLatest(key, out row))
            {
                return false;
            }

            cache.Insert(encodedKey, ticket, row);
            return true;
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // A cache miss's engine read of the latest state: the row unless it is absent, soft-deleted or hidden.
    private bool TryReadLatest(in TKey key, [MaybeNullWhen(false)] out TRow row)
    {
        if (_plainReads)
        {
            if (!TryRead(key, snapshot: null, out ValueHeader header, out row) || header.IsDeleted)
            {
                row = default;
                return false;
            }

            return true;
        }

        if (!TryReadFiltered(key, snapshot: null, decodeRow: true, out _, out bool deleted, out _, out row) || deleted)
        {
            row = default;
            return false;
        }

        return true;
    }

    // Whether the row of key is in the cache (an Exists that hits needs no engine read; one that misses inserts nothing).
    private bool IsCached(in TKey key)
    {
        if (TCodec.KeyIsOneString)
        {
            return _stringRowCache!.TryGet(TCodec.KeyString(key), out _);
        }

        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            return _encodedRowCache!.TryGet(keyWriter.WrittenSpan, out _);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // A table without features: one engine read, the header and the row decoded.
    private bool TryRead(in TKey key, StorageSnapshot? snapshot, out ValueHeader header, [MaybeNullWhen(false)] out TRow row)
    {
        StorageEngine engine = _table.Store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[TableCore<TRow, TKey, TCodec>.StackKeyLength]);
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            _table.EncodeRowKey(ref keyWriter, key);
            ReadOnlySpan<byte> encodedKey = keyWriter.WrittenSpan;

            if (!engine.TryGet(_table.ColumnFamily, encodedKey, buffer, snapshot))
            {
                header = default;
                row = default;
                return false;
            }

            header = _table.ReadHeader(buffer.WrittenSpan, encodedKey);
            row = _table.DecodeRow(encodedKey, key, buffer.WrittenMemory);
            return true;
        }
        finally
        {
            ValueBuffer.Return(buffer);
            keyWriter.Dispose();
        }
    }

    // Reads a row no filter hides through the table's RowReader, with its deleted state (marked beside it, or flagged
    // in its header); false when there is no such row.
    private bool TryReadFiltered(
        in TKey key,
        StorageSnapshot? snapshot,
        bool decodeRow,
        out ValueHeader header,
        out bool deleted,
        out long deletedTicks,
        [MaybeNullWhen(false)] out TRow row)
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        StorageEngine engine = table.Store.Engine;
        long now = table.ReadNow();
        KeyWriter keyWriter = new(stackalloc byte[StackReadKeyLength]);
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            table.EncodeRowKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            bool found = table.RowReader.TryReadRow(table.Descriptor.Name, engine, table.ColumnFamily, ref keyWriter, snapshot, buffer, out deleted, out deletedTicks);
            ReadOnlySpan<byte> encodedKey = keyWriter.WrittenSpan[..keyLength];
            if (!found)
            {
                header = default;
                row = default;
                return false;
            }

            header = table.ReadHeader(buffer.WrittenSpan, encodedKey);
            if (table.IsHidden(key, header, now))
            {
                row = default;
                return false;
            }

            deleted |= header.IsDeleted;
            row = decodeRow ? table.DecodeRow(encodedKey, key, buffer.WrittenMemory) : default!;
            return true;
        }
        finally
        {
            ValueBuffer.Return(buffer);
            keyWriter.Dispose();
        }
    }

    // Counts rows that are not deleted and no filter hides; the header is read and the key decoded only when a
    // filter needs them.
    private long CountFiltered(ReadOnlySpan<byte> prefix, StorageSnapshot? snapshot)
    {
        TableCore<TRow, TKey, TCodec> table = _table;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        long now = table.ReadNow();
        bool filters = table.HasReadFilters;
        bool readsHeader = table.FiltersNeedHeader;
        bool decodesKey = table.FiltersNeedKey;
        StorageIterator iterator = table.Store.Engine.CreateIterator(table.ColumnFamily, bounds.Lower, bounds.Upper, snapshot);
        using IRowCursor cursor = table.RowReader.OpenCursor(table.Descriptor.Name, iterator, reverse: false, copyValues: false);
        long count = 0;
        while (cursor.MoveNext())
        {
            if (!cursor.HasRow || cursor.IsDeleted)
            {
                continue;
            }

            if (filters)
            {
                ValueHeader header = readsHeader ? table.ReadHeader(cursor.Value.Span, cursor.Key) : default;
                TKey keyParts = decodesKey ? table.DecodeKey(cursor.Key) : default;
                if (table.IsHidden(keyParts, header, now))
                {
                    continue;
                }
            }

            count++;
        }

        return count;
    }
}
