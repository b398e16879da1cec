using TypedStore.Features.SoftDelete;
using TypedStore.Runtime.Writes;
using TypedStore.Storage.Overlay;

namespace TypedStore.Features.Indexes;

/// <content>
/// The async upkeep of a transaction's view (<see cref="Runtime.Transactions.IDerivedEntries.PrefetchAsync"/>): before an
/// async read lays this table's new ops over the view, the rows they change (with their deletion markers on a soft-delete
/// table) are read at the view's snapshot with one <c>GetManyAsync</c>, then the value-keyed entries of the unique
/// values those rows hold there with one <c>GetManyAsync</c> per unique index (the holder check of
/// <see cref="BeforeOp"/>). <see cref="BeforeOp"/> and <see cref="AfterOp"/> then find every snapshot value they look at
/// read ahead, and the entries laid are the ones the synchronous upkeep lays.
/// </content>
/// <remarks>
/// A range delete other than a user's (<c>Delete(query)</c>, <c>Clear()</c> in the transaction) still walks its rows
/// with the view's synchronous iterator (docs/async.md, "What runs synchronously").
/// </remarks>
internal sealed partial class IndexMaintenance<TRow, TKey, TCodec>
{
    /// <inheritdoc/>
    public async ValueTask PrefetchAsync(OverlaySnapshot view, WriteSet writes, int from, int to, CancellationToken cancellationToken)
    {
        List<byte[]> rowKeys = RowKeysToReadAhead(writes, from, to);
        await view.PrefetchAsync(_table.ColumnFamily, rowKeys, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < _indexes.Length; i++)
        {
            if (_unique[i])
            {
                List<byte[]> entries = ValueKeyedEntriesAtSnapshot(view, rowKeys, i);
                if (entries.Count > 0)
                {
                    await view.PrefetchAsync(_columnFamilies[i], entries, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    // The row keys of this table's point ops in [from, to) once each, and their marker keys on a soft-delete table.
    private List<byte[]> RowKeysToReadAhead(WriteSet writes, int from, int to)
    {
        List<byte[]> keys = [];
        HashSet<byte[]> seen = new(ByteArrayComparer.Instance);
        for (int op = from; op < to; op++)
        {
            ref readonly WriteOp write = ref writes.Op(op);
            if (!ReferenceEquals(write.Table.DerivedEntries, this) || write.Kind == WriteOpKind.DeleteRange)
            {
                continue;
            }

            byte[] rowKey = writes.RowKey(op).ToArray();
            if (!seen.Add(rowKey))
            {
                continue;
            }

            keys.Add(rowKey);
            if (_softDelete)
            {
                byte[] markerKey = new byte[rowKey.Length + 1];
                rowKey.CopyTo(markerKey, 0);
                markerKey[^1] = DeletionMarker.KeySuffix;
                keys.Add(markerKey);
            }
        }

        return keys;
    }

    // The entries keyed by value that unique index `index` holds for the rows stored at the snapshot (read ahead): the
    // ones BeforeOp checks the holder of when such a row is replaced or deleted.
    private List<byte[]> ValueKeyedEntriesAtSnapshot(OverlaySnapshot view, List<byte[]> keys, int index)
    {
        List<byte[]> entries = [];
        string table = _table.Descriptor.Name;
        // On a soft-delete table each row key is followed by its marker key (RowKeysToReadAhead).
        for (int k = 0; k < keys.Count; k += _softDelete ? 2 : 1)
        {
            byte[] rowKey = keys[k];
            if (!view.TryGetPrefetched(_table.ColumnFamily, rowKey, out byte[]? value)
                || value is null
                || _table.ReadHeader(value, rowKey).IsDeleted)
            {
                continue;
            }

            TRow row = _table.DecodeRow(rowKey, _table.DecodeKey(rowKey), value);
            byte[] entry = IndexEntry.Create(table, _indexes[index], _unique[index], row, rowKey, out _, out bool keyedByValue);
            if (keyedByValue)
            {
                entries.Add(entry);
            }
        }

        return entries;
    }
}
