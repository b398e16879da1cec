using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Features.ChangeFeed;
using TypedStore.Features.SoftDelete;
using TypedStore.Features.Streams;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The read paths of tables that opted into a lifecycle feature (soft delete, stream expiry, change feed). The plain
/// paths in TableCore.cs hand over here on their first line when <see cref="_features"/> is set, so tables without
/// features pay one null check and nothing else. (Writes run the features' interceptors instead: Runtime/Writes.
/// The reads become read filters in plan step 3.)
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    // A deletion marker's key is the row key plus one byte.
    private const int StackMarkerKeyLength = StackKeyLength + 1;

    private readonly TableFeatures? _features;

    private TableFeatures? CreateFeatures()
        => TableFeatures.Create(_store, Descriptor, TCodec.GeneratedKeyPart >= 0 && !TCodec.GeneratedKeyDescending, UserPrefixLength);

    private bool TryGetWithFeatures(in TKey key, StoreSnapshotRuntime? snapshot, [MaybeNullWhen(false)] out TRow row)
    {
        if (TryReadWithFeatures(key, snapshot, decodeRow: true, out ValueHeader _, out bool deleted, out _, out row) && !deleted)
        {
            return true;
        }

        row = default;
        return false;
    }

    private bool TryGetEntryWithFeatures(in TKey key, StoreSnapshotRuntime? snapshot, out TableEntry<TRow> entry)
    {
        if (TryReadWithFeatures(key, snapshot, decodeRow: true, out ValueHeader header, out bool deleted, out long deletedTicks, out TRow? row))
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

    private bool ExistsWithFeatures(in TKey key, StoreSnapshotRuntime? snapshot)
        => TryReadWithFeatures(key, snapshot, decodeRow: false, out _, out bool deleted, out _, out _) && !deleted;

    // Reads a row that is not expired, with its deleted state; false when there is no such row.
    private bool TryReadWithFeatures(
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
        StreamExpiry expiry = CurrentExpiry();
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            EncodeRowKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            bool found;
            if (_features!.SoftDeleteGate is null)
            {
                found = engine.TryGet(_columnFamily, keyWriter.WrittenSpan, buffer, storageSnapshot);
                deleted = false;
                deletedTicks = 0;
            }
            else
            {
                found = ReadRowAndMarker(engine, ref keyWriter, storageSnapshot, buffer, out deleted, out deletedTicks);
            }

            ReadOnlySpan<byte> encodedKey = keyWriter.WrittenSpan[..keyLength];
            if (!found)
            {
                header = default;
                row = default;
                return false;
            }

            header = ReadHeader(buffer.WrittenSpan, encodedKey);
            if (IsExpired(expiry, key, header.UpdatedUtcTicks))
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

    // The row and its marker are adjacent keys (K, K || 0x00): one iterator bounded to [K, K || 0x01) reads both
    // from one consistent view, so a concurrent Put or Delete is seen entirely or not at all (two point reads
    // could mix them). The writer holds K on entry and the bound K || 0x01 on return (the caller kept K's length).
    private bool ReadRowAndMarker(StorageEngine engine, ref KeyWriter keyWriter, StorageSnapshot? snapshot, ValueBuffer buffer, out bool deleted, out long deletedTicks)
    {
        int keyLength = keyWriter.Length;
        keyWriter.WriteByte((byte)(DeletionMarker.KeySuffix + 1));
        ReadOnlySpan<byte> bound = keyWriter.WrittenSpan;
        ReadOnlySpan<byte> rowKey = bound[..keyLength];
        deleted = false;
        deletedTicks = 0;
        using StorageIterator iterator = engine.CreateIterator(_columnFamily, rowKey, bound, snapshot);
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
            if (!DeletionMarker.TryReadDeletedTicks(iterator.Value, out deletedTicks))
            {
                throw Corrupt(iterator.Key, $"its deletion marker is not a valid marker ({iterator.Value.Length} bytes)", null);
            }

            deleted = true;
        }

        return true;
    }

    private IEnumerable<TRow> ScanWithFeatures(ReadOnlySpan<byte> prefix, bool reverse, bool includeDeleted, StoreSnapshotRuntime? snapshot)
        => new TableEntryScan<TRow, TKey, TCodec>(this, KeyBounds.ForPrefix(prefix), reverse, includeDeleted, snapshot).Rows();

    private long CountWithFeatures(ReadOnlySpan<byte> prefix, StoreSnapshotRuntime? snapshot)
    {
        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        StreamExpiry expiry = CurrentExpiry();
        StorageIterator iterator = _store.Engine.CreateIterator(_columnFamily, bounds.Lower, bounds.Upper, storageSnapshot);
        using SoftDeleteCursor cursor = new(Descriptor.Name, iterator, reverse: false, copyValues: false);
        long count = 0;
        while (cursor.MoveNext())
        {
            if (!cursor.HasRow || cursor.IsDeleted)
            {
                continue;
            }

            if (expiry.IsActive)
            {
                ValueHeader header = ReadHeader(cursor.Value.Span, cursor.Key);
                if (IsExpired(expiry, cursor.Key, header.UpdatedUtcTicks))
                {
                    continue;
                }
            }

            count++;
        }

        return count;
    }

    /// <summary>The expiry in force now: inactive unless the table is a stream with a TTL.</summary>
    internal StreamExpiry CurrentExpiry()
        => _features is { TtlSeconds: > 0 } features ? StreamExpiry.At(_store.Options.TimeProvider.GetUtcNow(), features.TtlSeconds) : default;

    /// <summary>Whether the row with these key parts and <c>_updated</c> is expired under <paramref name="expiry"/>.</summary>
    internal bool IsExpired(in StreamExpiry expiry, in TKey key, long updatedUtcTicks)
    {
        if (!expiry.IsActive)
        {
            return false;
        }

        return _features!.AgesById ? expiry.IsExpiredById(TCodec.GetGeneratedId(key)) : expiry.IsExpiredByUpdated(updatedUtcTicks);
    }

    // The same, from the encoded key: the time-ordered id needs the key decoded, _updated does not.
    private bool IsExpired(in StreamExpiry expiry, ReadOnlySpan<byte> encodedKey, long updatedUtcTicks)
    {
        if (!expiry.IsActive)
        {
            return false;
        }

        return _features!.AgesById ? expiry.IsExpiredById(TCodec.GetGeneratedId(DecodeKey(encodedKey))) : expiry.IsExpiredByUpdated(updatedUtcTicks);
    }

    // For a user table's change feed: the user prefix (the first key part) of a row key.
    private static int UserPrefixLength(ReadOnlySpan<byte> rowKey) => TCodec.GetPrefixLength(rowKey, 1);
}
