using TypedStore.Diagnostics;
using TypedStore.Keys;
using TypedStore.Runtime.Contexts;
using TypedStore.Runtime.Reads;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Tables;

/// <content>
/// Range deletes (a query's <c>Delete()</c>, <c>Clear()</c>): one write member through the one write path, so the
/// table's interceptors see it and a batch records it among its writes (docs/queries.md, "Range deletes").
/// </content>
public sealed partial class TableWriter<TRow, TKey, TCodec>
{
    /// <summary>
    /// Removes, in <paramref name="context"/>, every row whose key is in [<paramref name="lower"/>, <paramref name="upper"/>)
    /// (an empty <paramref name="upper"/>: to the end), as one atomic write: one range delete, or, when a feature must
    /// see each row removed (<see cref="WriteTable.RangeDeletesByRow"/>: a change feed), one removal per row the range
    /// holds when the delete is recorded. Nothing is written for an <paramref name="empty"/> range.
    /// </summary>
    internal void DeleteRange<TContext>(in TContext context, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, bool empty)
        where TContext : struct, IWriteContext
    {
        _store.ThrowIfDisposed();
        if (empty)
        {
            return;
        }

        // An open end is the end past every key (the engines' range delete needs an end).
        _metrics.Completed(StoreOperation.DeleteRange, started: 0);
        ReadOnlySpan<byte> end = upper.IsEmpty ? KeyBounds.BeyondLongestKey : upper;
        using WriteScope scope = context.BeginWrite(_durability);
        long utcTicks = _store.GetUtcNowTicks();
        if (_writeTable.RangeDeletesByRow)
        {
            RecordRowsOfRange(scope.Writes, lower, end, utcTicks);
        }
        else
        {
            _writeTable.RecordDeleteRange(scope.Writes, lower, end, utcTicks);
        }

        scope.Complete();
    }

    /// <summary>Removes every row of the table in <paramref name="context"/>, as one atomic write (see <see cref="DeleteRange"/>).</summary>
    public void Clear<TContext>(in TContext context)
        where TContext : struct, IWriteContext
        => DeleteRange(context, default, default, empty: false);

    // The rows of the range as it is now (committed), and the rows this write set already puts into it (a batch's
    // earlier members), merged in key order: each is removed once, with its own change. Rows another writer commits
    // into the range after this read are not removed: the delete is ordered before them, and the feed says exactly
    // which rows it removed.
    private void RecordRowsOfRange(WriteSet writes, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> end, long utcTicks)
    {
        List<byte[]> pending = PutsInRange(writes, lower, end);
        int next = 0;
        StorageIterator iterator = _store.Engine.CreateIterator(_columnFamily, lower, end);
        using (IRowCursor cursor = _table.RowReader.OpenCursor(_table.Descriptor.Name, iterator, reverse: false, copyValues: false))
        {
            while (cursor.MoveNext())
            {
                ReadOnlySpan<byte> key = cursor.Key;
                while (next < pending.Count && pending[next].AsSpan().SequenceCompareTo(key) < 0)
                {
                    RecordRowRemoval(writes, pending[next++], hasRow: true, utcTicks);
                }

                bool putHere = next < pending.Count && pending[next].AsSpan().SequenceEqual(key);
                next += putHere ? 1 : 0;

                // An entry without a row (an orphan soft-delete marker) goes too, without a change, unless the write
                // set puts the row.
                RecordRowRemoval(writes, key, cursor.HasRow || putHere, utcTicks);
            }
        }

        while (next < pending.Count)
        {
            RecordRowRemoval(writes, pending[next++], hasRow: true, utcTicks);
        }
    }

    // The distinct row keys the write set puts into [lower, end) for this table, in key order.
    private List<byte[]> PutsInRange(WriteSet writes, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> end)
    {
        List<byte[]> keys = [];
        for (int op = 0; op < writes.Count; op++)
        {
            ref readonly WriteOp entry = ref writes.Op(op);
            ReadOnlySpan<byte> rowKey = writes.RowKey(op);
            if (entry.Table == _writeTable && entry.Change == ChangeKind.Put && rowKey.SequenceCompareTo(lower) >= 0 && rowKey.SequenceCompareTo(end) < 0)
            {
                keys.Add(rowKey.ToArray());
            }
        }

        keys.Sort(static (a, b) => a.AsSpan().SequenceCompareTo(b));
        for (int i = keys.Count - 1; i > 0; i--)
        {
            if (keys[i].AsSpan().SequenceEqual(keys[i - 1]))
            {
                keys.RemoveAt(i);
            }
        }

        return keys;
    }

    // Removes the row and everything a feature keeps beside it: [key, successor of key). A key with no successor
    // (all 0xFF) runs to the end past every key.
    private void RecordRowRemoval(WriteSet writes, ReadOnlySpan<byte> rowKey, bool hasRow, long utcTicks)
    {
        byte[] rowEnd = new byte[rowKey.Length];
        ReadOnlySpan<byte> end = KeyRange.TryGetPrefixUpperBound(rowKey, rowEnd, out int written) ? rowEnd.AsSpan(0, written) : KeyBounds.BeyondLongestKey;
        _writeTable.RecordRowRemoval(writes, rowKey, end, hasRow, utcTicks);
    }
}
