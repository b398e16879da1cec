using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Features.Indexes;

/// <content>The table's live rows read straight from its column family (build and Verify), and the entries they call for.</content>
public sealed partial class TableIndexes<TRow, TKey, TCodec>
{
    /// <summary>Every live row of the table at <paramref name="snapshot"/> (latest when null), with its row key, in key order.</summary>
    private IEnumerable<(byte[] RowKey, TRow Row)> LiveRows(StorageSnapshot? snapshot)
    {
        bool softDelete = _table.Descriptor.SoftDelete;
        using StorageIterator iterator = _table.Store.Engine.CreateIterator(_table.ColumnFamily, default, default, snapshot);
        byte[]? pendingKey = null;
        byte[]? pendingValue = null;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            if (Step(iterator, softDelete, ref pendingKey, ref pendingValue, out byte[]? doneKey, out byte[]? doneValue)
                && Live(doneKey!, doneValue!, out TRow? row))
            {
                yield return (doneKey!, row!);
            }
        }

        if (pendingKey is not null && Live(pendingKey, pendingValue!, out TRow? last))
        {
            yield return (pendingKey, last!);
        }
    }

    // Advances over one stored key: returns the previous row when this key is not its marker (that row is then complete).
    private static bool Step(StorageIterator iterator, bool softDelete, ref byte[]? pendingKey, ref byte[]? pendingValue, out byte[]? doneKey, out byte[]? doneValue)
    {
        ReadOnlySpan<byte> key = iterator.Key;
        ReadOnlySpan<byte> value = iterator.Value;
        doneKey = null;
        doneValue = null;

        // A deletion marker is its row's immediate successor (row key + 0x00, a header-only value): it kills the row before it.
        if (softDelete && DeletionMarker.IsMarkerValue(value))
        {
            if (pendingKey is not null && DeletionMarker.IsMarkerOf(key, pendingKey))
            {
                pendingKey = null;
            }

            return false;
        }

        doneKey = pendingKey;
        doneValue = pendingValue;
        pendingKey = key.ToArray();
        pendingValue = value.ToArray();
        return doneKey is not null;
    }

    private bool Live(byte[] rowKey, byte[] value, out TRow? row)
    {
        ValueHeader header = _table.ReadHeader(value, rowKey);
        if (header.IsDeleted)
        {
            row = default;
            return false;
        }

        row = _table.DecodeRow(rowKey, _table.DecodeKey(rowKey), value);
        return true;
    }

    /// <inheritdoc/>
    IndexBuild IIndexedTable.PrepareBuild(int index)
    {
        string table = _table.Descriptor.Name;
        List<(byte[] Entry, byte[] Value, bool KeyedByValue)> entries = [];
        Maintenance.Gate.Enter();
        try
        {
            foreach ((byte[] rowKey, TRow row) in LiveRows(snapshot: null))
            {
                byte[] entry = IndexEntry.Create(table, _indexes[index], _unique[index], row, rowKey, out _, out bool keyedByValue);
                entries.Add((entry, IndexEntry.Value(keyedByValue, rowKey), keyedByValue));
            }
        }
        finally
        {
            Maintenance.Gate.Exit();
        }

        entries.Sort(static (a, b) => a.Entry.AsSpan().SequenceCompareTo(b.Entry));

        // Entries keyed by their value are equal exactly when two rows hold the same value: adjacent once sorted.
        for (int i = 1; i < entries.Count; i++)
        {
            if (entries[i].KeyedByValue && entries[i - 1].KeyedByValue && entries[i].Entry.AsSpan().SequenceEqual(entries[i - 1].Entry))
            {
                throw BuildViolation(index, entries[i - 1].Value, entries[i].Value);
            }
        }

        List<(byte[] Entry, byte[] Value)> writes = new(entries.Count);
        foreach ((byte[] entry, byte[] value, bool _) in entries)
        {
            writes.Add((entry, value));
        }

        return new IndexBuild(table, _indexes[index].Name, _columnFamilies[index], writes);
    }

    private UniqueConstraintException BuildViolation(int index, byte[] firstValue, byte[] secondValue)
    {
        string table = _table.Descriptor.Name;
        ReadOnlySpan<byte> first = firstValue.AsSpan(IndexEntry.LengthBytes);
        ReadOnlySpan<byte> second = secondValue.AsSpan(IndexEntry.LengthBytes);
        TKey key = _table.DecodeKey(second);
        string value = _table.Reader.TryGet(_table.Store.Context, key, out TRow? row) ? _indexes[index].Render(row) : "?";
        return new UniqueConstraintException(
            $"Table '{table}': the unique index '{_indexes[index].Name}' cannot be built on open: at least two rows hold the value {value} " +
            $"(rows {KeyDisplay.Render(first)} and {KeyDisplay.Render(second)}). " +
            "Change or remove one of them with the index not declared (or not unique), then open again. Nothing was written.")
        {
            Table = table,
            Index = _indexes[index].Name,
            Value = value,
        };
    }
}
