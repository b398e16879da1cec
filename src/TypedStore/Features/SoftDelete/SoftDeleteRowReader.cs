using TypedStore.Keys;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Features.SoftDelete;

/// <summary>
/// The read side of a <c>SoftDelete</c> table: every read merges a row with its deletion marker (its immediate
/// successor, see <see cref="DeletionMarker"/>), so the row comes with its deleted state and a marker is never taken
/// for a row. Hiding or flagging a deleted row is then the table's, as for a row whose header says deleted.
/// </summary>
internal sealed class SoftDeleteRowReader : RowReader
{
    /// <summary>The one instance: the reader holds no state.</summary>
    public static SoftDeleteRowReader Instance { get; } = new();

    private SoftDeleteRowReader()
    {
    }

    /// <summary>
    /// The row and its marker are adjacent keys (K, K || 0x00): one iterator bounded to [K, K || 0x01) reads both
    /// from one consistent view, so a concurrent Put or Delete is seen entirely or not at all (two point reads could
    /// mix them). The writer holds K on entry and the bound K || 0x01 on return.
    /// </summary>
    public override bool TryReadRow(
        string table,
        StorageEngine engine,
        StorageColumnFamily columnFamily,
        ref KeyWriter keyWriter,
        StorageSnapshot? snapshot,
        ValueBuffer buffer,
        out bool deleted,
        out long deletedUtcTicks)
    {
        int keyLength = keyWriter.Length;
        keyWriter.WriteByte((byte)(DeletionMarker.KeySuffix + 1));
        ReadOnlySpan<byte> bound = keyWriter.WrittenSpan;
        ReadOnlySpan<byte> rowKey = bound[..keyLength];
        deleted = false;
        deletedUtcTicks = 0;
        using StorageIterator iterator = engine.CreateIterator(columnFamily, rowKey, bound, snapshot);
        iterator.SeekToFirst();
        if (!iterator.IsValid || !iterator.Key.SequenceEqual(rowKey))
        {
            // Nothing, or only a marker: deleting a key without a row leaves a marker alone.
            return false;
        }

        ReadOnlySpan<byte> value = iterator.Value;
        value.CopyTo(buffer.GetSpan(value.Length));
        buffer.Advance(value.Length);
        iterator.Next();
        if (iterator.IsValid)
        {
            // The only other key in range is the marker.
            if (!DeletionMarker.TryReadDeletedTicks(iterator.Value, out deletedUtcTicks))
            {
                string rendered = KeyDisplay.Render(iterator.Key);
                throw new CorruptDataException($"Table '{table}': the stored row with key {rendered} is corrupt (its deletion marker is not a valid marker ({iterator.Value.Length} bytes))")
                {
                    Table = table,
                    Key = rendered,
                };
            }

            deleted = true;
        }

        return true;
    }

    /// <summary>The page of [K, K || 0x01): the row first, then its marker when it is deleted (a marker alone is no row).</summary>
    public override bool TryReadRow(string table, StoragePage page, ReadOnlySpan<byte> rowKey, out bool deleted, out long deletedUtcTicks)
    {
        deleted = false;
        deletedUtcTicks = 0;
        if (page.Count == 0 || !page.GetKey(0).SequenceEqual(rowKey))
        {
            // Nothing, or only a marker: deleting a key without a row leaves a marker alone.
            return false;
        }

        if (page.Count > 1)
        {
            // The only other key in range is the marker.
            if (!DeletionMarker.TryReadDeletedTicks(page.GetValue(1), out deletedUtcTicks))
            {
                string rendered = KeyDisplay.Render(page.GetKey(1));
                throw new CorruptDataException($"Table '{table}': the stored row with key {rendered} is corrupt (its deletion marker is not a valid marker ({page.GetValue(1).Length} bytes))")
                {
                    Table = table,
                    Key = rendered,
                };
            }

            deleted = true;
        }

        return true;
    }

    /// <summary>A step reads a row and its marker (forward), or a marker and its row (in reverse).</summary>
    public override int EntriesPerStep => 2;

    /// <summary>[K, K || 0x01) holds the row K and its marker K || 0x00, nothing else (keys are self-delimiting).</summary>
    public override byte RowRangeEnd => DeletionMarker.KeySuffix + 1;

    /// <inheritdoc/>
    public override IRowCursor OpenCursor(string table, StorageIterator iterator, bool reverse, bool copyValues)
        => new SoftDeleteCursor(table, iterator, reverse, copyValues);

    /// <summary>A table's last entry may be a marker: step back onto its row (or past an orphan).</summary>
    public override void SkipToRowBackward(StorageIterator iterator)
    {
        while (iterator.IsValid && DeletionMarker.IsMarkerValue(iterator.Value))
        {
            iterator.Previous();
        }
    }
}
