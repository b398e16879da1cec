using System.Collections;
using TypedStore.Runtime.Contexts;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// A lazy, bounded scan of one table. Each enumeration opens its own engine iterator (bounded to the prefix,
/// reading the snapshot when there is one) and closes it when it ends or is disposed.
/// </summary>
internal sealed class TableScan<TRow, TKey, TCodec, TContext> : IEnumerable<TRow>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
    where TContext : struct, IReadContext
{
    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly KeyBounds _bounds;
    private readonly bool _reverse;
    private readonly TContext _context;

    public TableScan(TableCore<TRow, TKey, TCodec> table, KeyBounds bounds, bool reverse, TContext context)
    {
        _table = table;
        _bounds = bounds;
        _reverse = reverse;
        _context = context;
    }

    public IEnumerator<TRow> GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private sealed class Enumerator : IEnumerator<TRow>
    {
        private readonly TableScan<TRow, TKey, TCodec, TContext> _scan;
        private StorageIterator? _iterator;
        private ValueBuffer? _buffer;
        private bool _finished;
        private TRow _current = default!;

        public Enumerator(TableScan<TRow, TKey, TCodec, TContext> scan)
        {
            _scan = scan;
        }

        public TRow Current => _current;

        object? IEnumerator.Current => _current;

        public bool MoveNext()
        {
            if (_finished)
            {
                return false;
            }

            TableCore<TRow, TKey, TCodec> table = _scan._table;
            if (_iterator is null)
            {
                StorageSnapshot? snapshot = _scan._context.Snapshot;
                _iterator = table.Store.Engine.CreateIterator(table.ColumnFamily, _scan._bounds.Lower, _scan._bounds.Upper, snapshot);
                _buffer = new ValueBuffer();
                _iterator.SeekToStart(_scan._reverse);
            }
            else
            {
                table.Store.ThrowIfDisposed();
                Advance(_iterator);
            }

            for (; _iterator.IsValid; Advance(_iterator))
            {
                ReadOnlySpan<byte> key = _iterator.Key;
                ReadOnlySpan<byte> value = _iterator.Value;
                if (table.ReadHeader(value, key).IsDeleted)
                {
                    continue;
                }

                TKey keyParts = table.DecodeKey(key);

                // MessagePackReader reads memory, not spans: copy the value into this enumeration's own buffer.
                ValueBuffer buffer = _buffer!;
                buffer.Clear();
                value.CopyTo(buffer.GetSpan(value.Length));
                buffer.Advance(value.Length);
                _current = table.DecodeRow(key, keyParts, buffer.WrittenMemory);
                return true;
            }

            Finish();
            return false;
        }

        public void Reset() => throw new NotSupportedException("A table scan cannot be reset; enumerate the scan again instead.");

        public void Dispose() => Finish();

        private void Advance(StorageIterator iterator)
        {
            if (_scan._reverse)
            {
                iterator.Previous();
            }
            else
            {
                iterator.Next();
            }
        }

        private void Finish()
        {
            _finished = true;
            _current = default!;
            _iterator?.Dispose();
            _iterator = null;
            _buffer?.Dispose();
            _buffer = null;
        }
    }
}
