using System.Collections;
using System.Runtime.CompilerServices;
using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// The queries of one table: every read of a <see cref="QueryRange"/> (rows, first, any, count, keys, pages) and its
/// range delete, in any context. Rows come through the table's own scans (<see cref="TableScan{TRow, TKey, TCodec, TContext}"/>
/// for a table without features, else <see cref="TableEntryScan{TRow, TKey, TCodec, TContext}"/>) and key-only walks go
/// through the table's <see cref="RowReader"/> and read filters, so soft-deleted and expired rows stay hidden without a
/// feature being named here.
/// </summary>
/// <remarks>
/// Every walk opens ONE engine iterator bounded to the range and seeks once (to its start, or to its end when
/// reversed): nothing outside the range is read, and nothing before its start is walked.
/// </remarks>
[SkipLocalsInit]
internal sealed partial class TableQueryReader<TRow, TKey, TCodec> : QueryReader<TRow>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly bool _plainReads;

    public TableQueryReader(TableCore<TRow, TKey, TCodec> table, bool plainReads)
    {
        _table = table;
        _plainReads = plainReads;
    }

    internal override string TableName => _table.Descriptor.Name;

    /// <inheritdoc/>
    internal override Diagnostics.TableMetrics Metrics => _table.Metrics;

    internal override ArgumentException KeyRefused(ArgumentException refusal) => _table.KeyRefused(refusal);

    internal override IEnumerator<TRow> GetEnumerator<TContext>(in TContext context, in QueryRange range)
        => Rows(context, range).GetEnumerator();

    internal override bool Any<TContext>(in TContext context, in QueryRange range)
    {
        _table.Store.ThrowIfDisposed();
        if (range.IsEmpty)
        {
            return false;
        }

        StorageSnapshot? snapshot = context.Snapshot;
        if (_plainReads)
        {
            using StorageIterator iterator = OpenIterator(range, snapshot);
            iterator.SeekToStart(range.Reverse);
            return iterator.IsValid;
        }

        using KeyWalk walk = new(this, range, snapshot, copyValues: false, decodeKeys: false);
        return walk.MoveNext();
    }

    internal override long Count<TContext>(in TContext context, in QueryRange range)
    {
        _table.Store.ThrowIfDisposed();
        if (range.IsEmpty)
        {
            return 0;
        }

        StorageSnapshot? snapshot = context.Snapshot;
        long count = 0;
        if (_plainReads)
        {
            // Keys only: the iterator steps, nothing is copied or decoded.
            using StorageIterator iterator = OpenIterator(range, snapshot);
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                count++;
            }

            return count;
        }

        using KeyWalk walk = new(this, range, snapshot, copyValues: false, decodeKeys: false);
        while (walk.MoveNext())
        {
            count++;
        }

        return count;
    }

    internal override IEnumerable<TOut> Keys<TContext, TOut>(in TContext context, in QueryRange range, Delegate select)
    {
        _table.Store.ThrowIfDisposed();
        return new KeyScan<TOut, TContext>(this, range, (Func<TKey, TOut>)select, context);
    }

    internal override Page<TRow> Page<TContext>(in TContext context, in QueryRange range, int size, string? continuation)
    {
        _table.Store.ThrowIfDisposed();
        QueryRange read = range;
        if (continuation is not null)
        {
            byte[] after = ContinuationToken.Read(TableName, range, continuation);
            read = range.Reverse ? range.Before(after) : range.After(after);
        }

        List<TRow> rows = new(Math.Min(size, 1024));
        if (read.IsEmpty)
        {
            return new Page<TRow>(rows, null);
        }

        byte[]? lastKey = null;
        bool more = false;
        using (KeyWalk walk = new(this, read, context.Snapshot, copyValues: true, decodeKeys: true))
        {
            while (walk.MoveNext())
            {
                if (rows.Count == size)
                {
                    // One more visible row exists: the page is not the last. Its value is not decoded.
                    more = true;
                    break;
                }

                rows.Add(_table.DecodeRow(walk.Key, walk.KeyParts, walk.Value));
                lastKey = walk.Key.ToArray();
            }
        }

        return new Page<TRow>(rows, more ? ContinuationToken.Create(TableName, range, lastKey) : null);
    }

    internal override void DeleteRange<TContext>(in TContext context, in QueryRange range)
        => _table.Writer.DeleteRange(context, range.Lower, range.Upper, range.IsEmpty);

    /// <summary>The rows of the range, through the table's own scans.</summary>
    private IEnumerable<TRow> Rows<TContext>(in TContext context, in QueryRange range)
        where TContext : struct, IReadContext
    {
        _table.Store.ThrowIfDisposed();
        if (range.IsEmpty)
        {
            return [];
        }

        KeyBounds bounds = KeyBounds.Of(range.Lower, range.Upper);
        if (!_plainReads || range.IncludeDeleted)
        {
            return new TableEntryScan<TRow, TKey, TCodec, TContext>(_table, bounds, range.Reverse, range.IncludeDeleted, context).Rows();
        }

        return new TableScan<TRow, TKey, TCodec, TContext>(_table, bounds, range.Reverse, context);
    }

    private StorageIterator OpenIterator(in QueryRange range, StorageSnapshot? snapshot)
        => _table.Store.Engine.CreateIterator(_table.ColumnFamily, range.Lower, range.Upper, snapshot);

    /// <summary>
    /// A walk over the visible rows of a range through the table's <see cref="RowReader"/>: deleted rows (unless
    /// included) and rows a read filter hides are skipped, judged by one "now". Reads a row's header only when a filter
    /// needs it or values are copied, and decodes its key only when a filter or the caller needs it.
    /// </summary>
    private sealed class KeyWalk : IDisposable
    {
        private readonly TableCore<TRow, TKey, TCodec> _table;
        private readonly IRowCursor _cursor;
        private readonly bool _includeDeleted;
        private readonly bool _readsHeader;
        private readonly bool _decodesKey;
        private readonly bool _filters;
        private readonly long _now;

        public KeyWalk(TableQueryReader<TRow, TKey, TCodec> reader, in QueryRange range, StorageSnapshot? snapshot, bool copyValues, bool decodeKeys)
        {
            TableCore<TRow, TKey, TCodec> table = reader._table;
            _table = table;
            _includeDeleted = range.IncludeDeleted;
            _filters = table.HasReadFilters;
            _readsHeader = copyValues || table.FiltersNeedHeader || !reader._plainReads;
            _decodesKey = decodeKeys || table.FiltersNeedKey;
            _now = table.ReadNow();
            StorageIterator iterator = reader.OpenIterator(range, snapshot);
            _cursor = table.RowReader.OpenCursor(table.Descriptor.Name, iterator, range.Reverse, copyValues);
        }

        public ReadOnlySpan<byte> Key => _cursor.Key;

        public ReadOnlyMemory<byte> Value => _cursor.Value;

        public TKey KeyParts { get; private set; }

        public bool MoveNext()
        {
            IRowCursor cursor = _cursor;
            while (cursor.MoveNext())
            {
                if (!cursor.HasRow || (cursor.IsDeleted && !_includeDeleted))
                {
                    continue;
                }

                ValueHeader header = _readsHeader ? _table.ReadHeader(cursor.Value.Span, cursor.Key) : default;
                if (header.IsDeleted && !_includeDeleted)
                {
                    continue;
                }

                KeyParts = _decodesKey ? _table.DecodeKey(cursor.Key) : default;
                if (_filters && _table.IsHidden(KeyParts, header, _now))
                {
                    continue;
                }

                return true;
            }

            return false;
        }

        public void Dispose() => _cursor.Dispose();
    }

    /// <summary>The keys of a range, lazily; each enumeration walks the range once, decoding keys only.</summary>
    private sealed class KeyScan<TOut, TContext> : IEnumerable<TOut>
        where TContext : struct, IReadContext
    {
        private readonly TableQueryReader<TRow, TKey, TCodec> _reader;
        private readonly QueryRange _range;
        private readonly Func<TKey, TOut> _select;
        private readonly TContext _context;

        public KeyScan(TableQueryReader<TRow, TKey, TCodec> reader, QueryRange range, Func<TKey, TOut> select, TContext context)
        {
            _reader = reader;
            _range = range;
            _select = select;
            _context = context;
        }

        public IEnumerator<TOut> GetEnumerator()
        {
            if (_range.IsEmpty)
            {
                yield break;
            }

            using KeyWalk walk = new(_reader, _range, _context.Snapshot, copyValues: false, decodeKeys: true);
            while (walk.MoveNext())
            {
                _reader._table.Store.ThrowIfDisposed();
                yield return _select(walk.KeyParts);
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
