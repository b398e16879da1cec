using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Keys;
using TypedStore.Runtime.Reads;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The read paths of tables with read modules: each read goes through the table's <see cref="RowReader"/> (rows alone,
/// or merged with the entries a feature keeps beside them) and runs its <see cref="IReadFilter{TKey}"/> array, so no
/// read member asks which features the table has. The plain paths in TableCore.cs hand over here on their first line
/// when <see cref="_plainReads"/> is off (decided once, at construction), so tables without features pay one test.
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    // A point read may extend the row key (a marker's suffix byte), so its stack buffer has room beyond the longest key.
    private const int StackReadKeyLength = StackKeyLength + 1;

    private readonly TableFeatures? _features;

    // The read modules, fixed at construction: how rows are read, the filters that hide rows (null: none) and what
    // those filters need of each row (a count reads headers or decodes keys only when some filter needs them).
    private readonly RowReader _rowReader;
    private readonly IReadFilter<TKey>[]? _readFilters;
    private readonly ReadNeeds _readNeeds;

    // A table without features reads with one engine call per Get and counts keys only (TableCore.cs).
    private readonly bool _plainReads;

    private TableFeatures? CreateFeatures()
        => TableFeatures.Create(_store, Descriptor, _generatedIdKeys is { Descending: false }, _userKeys is null ? null : _userKeys.UserPrefixLength);

    private static ReadNeeds CombineNeeds(IReadFilter<TKey>[]? filters)
    {
        ReadNeeds needs = ReadNeeds.None;
        if (filters is not null)
        {
            foreach (IReadFilter<TKey> filter in filters)
            {
                needs |= filter.Needs;
            }
        }

        return needs;
    }

    private bool TryGetFiltered(in TKey key, StoreSnapshotRuntime? snapshot, [MaybeNullWhen(false)] out TRow row)
    {
        if (TryReadFiltered(key, snapshot, decodeRow: true, out ValueHeader _, out bool deleted, out _, out row) && !deleted)
        {
            return true;
        }

        row = default;
        return false;
    }

    private bool TryGetEntryFiltered(in TKey key, StoreSnapshotRuntime? snapshot, out TableEntry<TRow> entry)
    {
        if (TryReadFiltered(key, snapshot, decodeRow: true, out ValueHeader header, out bool deleted, out long deletedTicks, out TRow? row))
        {
            entry = new TableEntry<TRow>(row, header.Updated, deleted || header.IsDeleted)
            {
                Deleted = deleted ? new DateTimeOffset(deletedTicks, TimeSpan.Zero) : null,
            };
            return true;
        }

        entry = default;
        return false;
    }

    private bool ExistsFiltered(in TKey key, StoreSnapshotRuntime? snapshot)
        => TryReadFiltered(key, snapshot, decodeRow: false, out _, out bool deleted, out _, out _) && !deleted;

    // Reads a row no filter hides, with its deleted state (marked beside it, or flagged in its header); false when
    // there is no such row.
    private bool TryReadFiltered(
        in TKey key,
        StoreSnapshotRuntime? snapshot,
        bool decodeRow,
        out ValueHeader header,
        out bool deleted,
        out long deletedTicks,
        [MaybeNullWhen(false)] out TRow row)
    {
        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        StorageEngine engine = _store.Engine;
        long now = ReadNow();
        KeyWriter keyWriter = new(stackalloc byte[StackReadKeyLength]);
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            EncodeRowKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            bool found = _rowReader.TryReadRow(Descriptor.Name, engine, _columnFamily, ref keyWriter, storageSnapshot, buffer, out deleted, out deletedTicks);
            ReadOnlySpan<byte> encodedKey = keyWriter.WrittenSpan[..keyLength];
            if (!found)
            {
                header = default;
                row = default;
                return false;
            }

            header = ReadHeader(buffer.WrittenSpan, encodedKey);
            if (IsHidden(key, header, now))
            {
                row = default;
                return false;
            }

            deleted |= header.IsDeleted;
            row = decodeRow ? DecodeRow(encodedKey, key, buffer.WrittenMemory) : default!;
            return true;
        }
        finally
        {
            ValueBuffer.Return(buffer);
            keyWriter.Dispose();
        }
    }

    private IEnumerable<TRow> ScanFiltered(ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, StoreSnapshotRuntime? snapshot)
        => new TableEntryScan<TRow, TKey, TCodec>(this, KeyBounds.ForPrefix(prefix), reverse, includeDeleted, snapshot).Rows();

    // Counts rows that are not deleted and no filter hides; the header is read and the key decoded only when a
    // filter needs them.
    private long CountFiltered(ReadOnlySpan<byte> prefix, StoreSnapshotRuntime? snapshot)
    {
        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        long now = ReadNow();
        bool readsHeader = (_readNeeds & ReadNeeds.Header) != 0;
        bool decodesKey = (_readNeeds & ReadNeeds.DecodedKey) != 0;
        StorageIterator iterator = _store.Engine.CreateIterator(_columnFamily, bounds.Lower, bounds.Upper, storageSnapshot);
        using IRowCursor cursor = _rowReader.OpenCursor(Descriptor.Name, iterator, reverse: false, copyValues: false);
        long count = 0;
        while (cursor.MoveNext())
        {
            if (!cursor.HasRow || cursor.IsDeleted)
            {
                continue;
            }

            if (_readFilters is not null)
            {
                ValueHeader header = readsHeader ? ReadHeader(cursor.Value.Span, cursor.Key) : default;
                TKey keyParts = decodesKey ? DecodeKey(cursor.Key) : default;
                if (IsHidden(keyParts, header, now))
                {
                    continue;
                }
            }

            count++;
        }

        return count;
    }

    /// <summary>How the table's rows are read (its <see cref="RowReader"/>), for scans.</summary>
    internal RowReader RowReader => _rowReader;

    /// <summary>The moment a read judges rows by: the clock when a filter needs it, else 0 (the clock is not read).</summary>
    internal long ReadNow() => (_readNeeds & ReadNeeds.Clock) != 0 ? _store.Options.TimeProvider.GetUtcNow().UtcTicks : 0;

    /// <summary>Whether one of the table's read filters hides the row with these key parts and header at <paramref name="nowUtcTicks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsHidden(in TKey key, in ValueHeader header, long nowUtcTicks)
    {
        IReadFilter<TKey>[]? filters = _readFilters;
        if (filters is null)
        {
            return false;
        }

        foreach (IReadFilter<TKey> filter in filters)
        {
            if (filter.Hides(key, header, nowUtcTicks))
            {
                return true;
            }
        }

        return false;
    }
}
