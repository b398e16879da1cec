using TypedStore.Features.SoftDelete;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Storage.Overlay;
using TypedStore.Values;

namespace TypedStore.Features.Indexes;

/// <content>
/// The table's index entries in a transaction's view (<see cref="Runtime.Transactions.IDerivedEntries"/>): before an op
/// is laid over the view, the entries of the rows it changes go; after, the entries of their new state come. So
/// <c>tx.T.ByX.Scan(...)</c>, a unique <c>Get</c>, <c>Count</c>, <c>First</c>/<c>Last</c> and pages read the
/// transaction's own puts, replacements, deletes and soft deletes merged in index order, exactly as the commit will
/// write them (the commit step derives them again, from the rows at commit).
/// </content>
/// <remarks>
/// A unique entry keyed by its value alone holds one row: its removal is skipped when the view's entry points at another
/// row (one that took the value later in the transaction). While a transaction itself holds two rows with one unique
/// value (its commit would fail unless one moves off), the entry points at the one that took it last.
/// </remarks>
internal sealed partial class IndexMaintenance<TRow, TKey, TCodec>
{
    /// <inheritdoc/>
    public void BeforeOp(OverlaySnapshot view, WriteSet writes, int op)
    {
        ref readonly WriteOp write = ref writes.Op(op);
        if (write.Kind != WriteOpKind.DeleteRange)
        {
            RemoveViewEntries(view, writes.RowKey(op));
            return;
        }

        ReadOnlySpan<byte> lower = writes.Key(op);
        ReadOnlySpan<byte> upper = writes.Value(op);
        if (_userTable && write.Change == ChangeKind.DeleteUser)
        {
            // One user's entries in every index start with the same user prefix as the user's rows.
            foreach (StorageColumnFamily columnFamily in _columnFamilies)
            {
                view.DeleteRange(columnFamily, lower, upper);
            }

            return;
        }

        // The rows the range holds in the view (markers are not rows); their entries go with them.
        List<byte[]> rowKeys = [];
        using (StorageIterator iterator = view.CreateCurrentIterator(_table.ColumnFamily, lower, upper))
        {
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                if (!(_softDelete && DeletionMarker.IsMarkerValue(iterator.Value)))
                {
                    rowKeys.Add(iterator.Key.ToArray());
                }
            }
        }

        foreach (byte[] rowKey in rowKeys)
        {
            RemoveViewEntries(view, rowKey);
        }
    }

    /// <inheritdoc/>
    public void AfterOp(OverlaySnapshot view, WriteSet writes, int op)
    {
        if (writes.Op(op).Kind == WriteOpKind.DeleteRange || !TryReadLiveRow(view, writes.RowKey(op), out TRow? row))
        {
            return;
        }

        ReadOnlySpan<byte> rowKey = writes.RowKey(op);
        string table = _table.Descriptor.Name;
        for (int i = 0; i < _indexes.Length; i++)
        {
            byte[] entry = IndexEntry.Create(table, _indexes[i], _unique[i], row!, rowKey, out _, out bool keyedByValue);
            view.Put(_columnFamilies[i], entry, IndexEntry.Value(keyedByValue, rowKey));
        }
    }

    // Takes the entries of the row at `rowKey`, as the view holds it now, off the view (nothing when it is not live).
    private void RemoveViewEntries(OverlaySnapshot view, ReadOnlySpan<byte> rowKey)
    {
        if (!TryReadLiveRow(view, rowKey, out TRow? row))
        {
            return;
        }

        string table = _table.Descriptor.Name;
        ValueBuffer holder = ValueBuffer.Rent();
        try
        {
            for (int i = 0; i < _indexes.Length; i++)
            {
                byte[] entry = IndexEntry.Create(table, _indexes[i], _unique[i], row!, rowKey, out _, out bool keyedByValue);
                if (keyedByValue)
                {
                    // The value's one entry may already point at a row that took the value later in the transaction.
                    holder.Clear();
                    if (!view.TryGetCurrent(_columnFamilies[i], entry, holder)
                        || !IndexEntry.TryGetRowKey(entry, holder.WrittenSpan, out ReadOnlySpan<byte> holderKey)
                        || !holderKey.SequenceEqual(rowKey))
                    {
                        continue;
                    }
                }

                view.Delete(_columnFamilies[i], entry);
            }
        }
        finally
        {
            ValueBuffer.Return(holder);
        }
    }

    // The row at `rowKey` in the view when it is live there (stored, not marked deleted, not flagged deleted).
    private bool TryReadLiveRow(OverlaySnapshot view, ReadOnlySpan<byte> rowKey, out TRow? row)
    {
        row = default;
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            if (!view.TryGetCurrent(_table.ColumnFamily, rowKey, buffer))
            {
                return false;
            }

            if (_softDelete && IsMarkedInView(view, rowKey))
            {
                return false;
            }

            ReadOnlySpan<byte> value = buffer.WrittenSpan;
            if (_table.ReadHeader(value, rowKey).IsDeleted)
            {
                return false;
            }

            row = _table.DecodeRow(rowKey, _table.DecodeKey(rowKey), buffer.WrittenMemory);
            return true;
        }
        finally
        {
            ValueBuffer.Return(buffer);
        }
    }

    private bool IsMarkedInView(OverlaySnapshot view, ReadOnlySpan<byte> rowKey)
    {
        Span<byte> markerKey = rowKey.Length < 256 ? stackalloc byte[rowKey.Length + 1] : new byte[rowKey.Length + 1];
        rowKey.CopyTo(markerKey);
        markerKey[^1] = DeletionMarker.KeySuffix;
        return view.ContainsCurrent(_table.ColumnFamily, markerKey);
    }
}
