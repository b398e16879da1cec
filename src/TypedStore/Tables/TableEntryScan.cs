using System.Collections;
using TypedStore.Runtime.Reads;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// A lazy, bounded scan of a table with read modules: rows come with their system columns, read through the table's
/// <see cref="RowReader"/> (a SoftDelete table's markers are walked in the same pass), deleted rows are skipped or
/// flagged, and rows a read filter hides (expired stream rows) are skipped, judged by one "now" taken when the
/// enumeration starts. Each enumeration opens
/// its own engine iterator and closes it when it ends or is disposed.
/// </summary>
internal sealed class TableEntryScan<TRow, TKey, TCodec, TContext> : IEnumerable<TableEntry<TRow>>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
    where TContext : struct, IReadContext
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly KeyBounds _bounds;
    private readonly bool _reverse;
    private readonly bool _includeDeleted;
    private readonly TContext _context;

    public TableEntryScan(TableCore<TRow, TKey, TCodec> table, KeyBounds bounds, bool reverse, bool includeDeleted, TContext context)
    {
        _table = table;
        _bounds = bounds;
        _reverse = reverse;
        _includeDeleted = includeDeleted;
        _context = context;
    }

    /// <summary>The same scan, yielding the rows alone.</summary>
    public IEnumerable<TRow> Rows() => new RowView(this);

    public IEnumerator<TableEntry<TRow>> GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class RowView : IEnumerable<TRow>
    {
        private readonly TableEntryScan<TRow, TKey, TCodec, TContext> _scan;

        public RowView(TableEntryScan<TRow, TKey, TCodec, TContext> scan)
        {
            _scan = scan;
        }

        public IEnumerator<TRow> GetEnumerator() => new RowEnumerator(new Enumerator(_scan));

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class RowEnumerator : IEnumerator<TRow>
    {
        private readonly Enumerator _entries;

        public RowEnumerator(Enumerator entries)
        {
            _entries = entries;
        }

        public TRow Current => _entries.Current.Row;

        object? IEnumerator.Current => Current;

        public bool MoveNext() => _entries.MoveNext();

        public void Reset() => _entries.Reset();

        public void Dispose() => _entries.Dispose();
    }

    private sealed class Enumerator : IEnumerator<TableEntry<TRow>>
    {
        private readonly TableEntryScan<TRow, TKey, TCodec, TContext> _scan;
        private IRowCursor? _cursor;
        private long _now;
        private bool _finished;
        private TableEntry<TRow> _current;

        public Enumerator(TableEntryScan<TRow, TKey, TCodec, TContext> scan)
        {
            _scan = scan;
        }

        public TableEntry<TRow> Current => _current;

        object? IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_finished)
            {
                return false;
            }

            TableCore<TRow, TKey, TCodec> table = _scan._table;
            if (_cursor is null)
            {
                StorageSnapshot? snapshot = _scan._context.Snapshot;
                StorageIterator iterator = table.Store.Engine.CreateIterator(table.ColumnFamily, _scan._bounds.Lower, _scan._bounds.Upper, snapshot);
                _cursor = table.RowReader.OpenCursor(table.Descriptor.Name, iterator, _scan._reverse, copyValues: true);
                _now = table.ReadNow();
            }
            else
            {
                table.Store.ThrowIfDisposed();
            }

            IRowCursor cursor = _cursor;
            while (cursor.MoveNext())
            {
                if (!cursor.HasRow || (cursor.IsDeleted && !_scan._includeDeleted))
                {
                    continue;
                }

                ReadOnlySpan<byte> key = cursor.Key;
                ValueHeader header = table.ReadHeader(cursor.Value.Span, key);
                bool deleted = cursor.IsDeleted || header.IsDeleted;
                if (deleted && !_scan._includeDeleted)
                {
                    continue;
                }

                TKey keyParts = table.DecodeKey(key);
                if (table.IsHidden(keyParts, header, _now))
                {
                    continue;
                }

                TRow row = table.DecodeRow(key, keyParts, cursor.Value);
                _current = new TableEntry<TRow>(row, header.Updated, deleted)
                {
                    Deleted = cursor.IsDeleted ? new DateTimeOffset(cursor.DeletedUtcTicks, TimeSpan.Zero) : null,
                };
                return true;
            }

            Finish();
            return false;
        }

        public void Reset() => throw new NotSupportedException("A table scan cannot be reset; enumerate the scan again instead.");

        public void Dispose() => Finish();

        private void Finish()
        {
            _finished = true;
            _current = default;
            _cursor?.Dispose();
            _cursor = null;
        }
    }
}
