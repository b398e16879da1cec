using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Runtime.Reads;

/// <summary>
/// How a table's rows are read from its column family: alone (<see cref="Plain"/>), or merged with the entries a
/// feature keeps beside them (the SoftDelete read filter: a row's deletion marker is its immediate successor). A
/// table has exactly one, chosen when it is created, so its reads never ask which features it has.
/// </summary>
internal abstract class RowReader
{
    /// <summary>Rows stored alone: a point read is one engine read, a scan one iterator step per row.</summary>
    public static RowReader Plain { get; } = new PlainRowReader();

    /// <summary>
    /// Reads the row whose key <paramref name="keyWriter"/> holds into <paramref name="buffer"/>, with its deleted
    /// state. The writer may be extended past the row key (by one byte, a marker's suffix; the caller keeps the key's
    /// length).
    /// </summary>
    public abstract bool TryReadRow(
        string table,
        StorageEngine engine,
        StorageColumnFamily columnFamily,
        ref KeyWriter keyWriter,
        StorageSnapshot? snapshot,
        ValueBuffer buffer,
        out bool deleted,
        out long deletedUtcTicks);

    /// <summary>
    /// The most entries one cursor step looks at from its position (a row and the entry a feature keeps beside it):
    /// what a <see cref="PagedIterator"/> loads ahead before each step.
    /// </summary>
    public abstract int EntriesPerStep { get; }

    /// <summary>
    /// The byte that, appended to a row key K, gives the exclusive end of the range holding K and only what is stored
    /// beside it: [K, K || byte) is what a point read through pages reads.
    /// </summary>
    public abstract byte RowRangeEnd { get; }

    /// <summary>
    /// Finds the row <paramref name="rowKey"/> in a page read of [K, K || <see cref="RowRangeEnd"/>) (at most
    /// <see cref="EntriesPerStep"/> entries): its value is the page's first entry, with its deleted state. The async form
    /// of <see cref="TryReadRow(string, StorageEngine, StorageColumnFamily, ref KeyWriter, StorageSnapshot?, ValueBuffer, out bool, out long)"/>.
    /// </summary>
    public abstract bool TryReadRow(string table, StoragePage page, ReadOnlySpan<byte> rowKey, out bool deleted, out long deletedUtcTicks);

    /// <summary>A pass over <paramref name="iterator"/> (unpositioned; the cursor takes ownership) yielding rows with their deleted state.</summary>
    public abstract IRowCursor OpenCursor(string table, StorageIterator iterator, bool reverse, bool copyValues);

    /// <summary>Moves a positioned iterator backward until it is on a row (or invalid), past entries that are not rows.</summary>
    public abstract void SkipToRowBackward(StorageIterator iterator);

    private sealed class PlainRowReader : RowReader
    {
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
            deleted = false;
            deletedUtcTicks = 0;
            return engine.TryGet(columnFamily, keyWriter.WrittenSpan, buffer, snapshot);
        }

        public override int EntriesPerStep => 1;

        // [K, K || 0x00) holds K alone: no key sorts between K and K || 0x00.
        public override byte RowRangeEnd => 0x00;

        public override bool TryReadRow(string table, StoragePage page, ReadOnlySpan<byte> rowKey, out bool deleted, out long deletedUtcTicks)
        {
            deleted = false;
            deletedUtcTicks = 0;
            return page.Count > 0 && page.GetKey(0).SequenceEqual(rowKey);
        }

        public override IRowCursor OpenCursor(string table, StorageIterator iterator, bool reverse, bool copyValues)
            => new PlainRowCursor(iterator, reverse, copyValues);

        public override void SkipToRowBackward(StorageIterator iterator)
        {
            // Every entry is a row.
        }
    }
}
