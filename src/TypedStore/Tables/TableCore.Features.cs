using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables.Changes;
using TypedStore.Tables.SoftDelete;
using TypedStore.Tables.Streams;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <content>
/// The write and read paths of tables that opted into a lifecycle feature (soft delete, stream expiry, change
/// feed). The plain paths in TableCore.cs hand over here on their first line when <see cref="_features"/> is set
/// (writes: only when they carry more than the row), so tables without features pay one null check and nothing else.
/// </content>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    // A deletion marker's key is the row key plus one byte.
    private const int StackMarkerKeyLength = StackKeyLength + 1;

    private readonly TableFeatures? _features;

    private TableFeatures? CreateFeatures()
        => TableFeatures.Create(_store, Descriptor, TCodec.GeneratedKeyPart >= 0 && !TCodec.GeneratedKeyDescending);

    private void PutWithFeatures(TRow row)
    {
        ThrowIfNull(row);
        StorageEngine engine = _store.Engine;
        KeyWriter key = new(stackalloc byte[StackMarkerKeyLength]);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            using StorageWriteBatch batch = engine.CreateWriteBatch();
            long ticks = _store.GetUtcNowTicks();
            int keyLength = AddPutWithMarkerClear(batch, ref key, ref value, row, ticks);
            Commit(engine, batch, ChangeKind.Put, ticks, key.WrittenSpan[..keyLength], value.WrittenSpan);
        }
        finally
        {
            value.Dispose();
            key.Dispose();
        }
    }

    // advanceIds: the table generates ids (a catalog sequence or a stream's), which must move past the largest id written
    // (durably) before the rows are.
    private void PutManyWithFeatures(IEnumerable<TRow> rows, bool advanceIds = false)
    {
        StorageEngine engine = _store.Engine;
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        List<PendingChange>? changes = _features!.ChangeFeed is null ? null : [];
        long highest = long.MinValue;
        foreach (TRow row in rows)
        {
            AddPut(batch, changes, row);
            if (advanceIds)
            {
                highest = Math.Max(highest, TCodec.GetGeneratedId(TCodec.GetKey(row)));
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        if (advanceIds)
        {
            AdvanceGeneratedIdsPast(highest);
        }

        EnterWrite();
        try
        {
            if (changes is not null)
            {
                _features.ChangeFeed!.Log.CommitMany(engine, batch, _durability, changes);
            }
            else
            {
                engine.Write(batch, _durability);
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    private void PutWithFeatures(StoreBatchRuntime batch, TRow row)
    {
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        List<PendingChange>? changes = _features!.ChangeFeed is null ? null : [];
        AddPut(member.Batch, changes, row);
        Track(member, changes);
        member.Complete();
    }

    private void PutManyWithFeatures(StoreBatchRuntime batch, IEnumerable<TRow> rows, bool advanceIds)
    {
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        List<PendingChange>? changes = _features!.ChangeFeed is null ? null : [];
        long highest = long.MinValue;
        foreach (TRow row in rows)
        {
            AddPut(member.Batch, changes, row);
            if (advanceIds)
            {
                highest = Math.Max(highest, TCodec.GetGeneratedId(TCodec.GetKey(row)));
            }
        }

        if (advanceIds && highest != long.MinValue)
        {
            AdvanceGeneratedIdsPast(highest);
        }

        Track(member, changes);
        member.Complete();
    }

    // Records a put (and the clearing of its deletion marker) in a batch; a change too, when the table has a feed.
    private void AddPut(StorageWriteBatch batch, List<PendingChange>? changes, TRow row)
    {
        ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackMarkerKeyLength]);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            long ticks = _store.GetUtcNowTicks();
            int keyLength = AddPutWithMarkerClear(batch, ref key, ref value, row, ticks);
            changes?.Add(NewPendingChange(ChangeKind.Put, ticks, key.WrittenSpan[..keyLength], value.WrittenSpan));
        }
        finally
        {
            value.Dispose();
            key.Dispose();
        }
    }

    // Encodes the row into key and value, records the put, and for SoftDelete tables the removal of the row's
    // marker in the same batch: a put always leaves a live row, whatever it races with. Returns the row key's
    // length (the writer may hold the marker key after it).
    private int AddPutWithMarkerClear(StorageWriteBatch batch, ref KeyWriter key, ref ValueWriter value, TRow row, long ticks)
    {
        WriteFeatureKey(ref key, TCodec.GetKey(row));
        EncodeValue(ref value, row, ValueFlags.None, ticks);
        int keyLength = key.Length;
        batch.Put(_columnFamily, key.WrittenSpan, value.WrittenSpan);
        if (_features!.SoftDeleteGate is not null)
        {
            key.WriteByte(DeletionMarker.KeySuffix);
            batch.Delete(_columnFamily, key.WrittenSpan);
        }

        return keyLength;
    }

    private void DeleteWithFeatures(in TKey key)
    {
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        try
        {
            WriteFeatureKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            long ticks = _store.GetUtcNowTicks();
            if (_features!.SoftDeleteGate is null && _features.ChangeFeed is null)
            {
                engine.Delete(_columnFamily, keyWriter.WrittenSpan, _durability);
                return;
            }

            if (_features.SoftDeleteGate is null)
            {
                using StorageWriteBatch hardDelete = engine.CreateWriteBatch();
                hardDelete.Delete(_columnFamily, keyWriter.WrittenSpan);
                Commit(engine, hardDelete, ChangeKind.Delete, ticks, keyWriter.WrittenSpan, default);
                return;
            }

            // Soft delete: ONE write of the marker beside the row; the row is neither read nor rewritten.
            Span<byte> marker = stackalloc byte[DeletionMarker.ValueLength];
            DeletionMarker.WriteValue(marker, ticks);
            keyWriter.WriteByte(DeletionMarker.KeySuffix);
            if (_features.ChangeFeed is null)
            {
                EnterWrite();
                try
                {
                    engine.Put(_columnFamily, keyWriter.WrittenSpan, marker, _durability);
                }
                finally
                {
                    ExitWrite();
                }

                return;
            }

            using StorageWriteBatch batch = engine.CreateWriteBatch();
            batch.Put(_columnFamily, keyWriter.WrittenSpan, marker);
            Commit(engine, batch, ChangeKind.SoftDelete, ticks, keyWriter.WrittenSpan[..keyLength], default);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    private void DeleteWithFeatures(StoreBatchRuntime batch, in TKey key)
    {
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        StorageWriteBatch writeBatch = member.Batch;
        KeyWriter keyWriter = new(stackalloc byte[StackMarkerKeyLength]);
        try
        {
            WriteFeatureKey(ref keyWriter, key);
            int keyLength = keyWriter.Length;
            long ticks = _store.GetUtcNowTicks();
            ChangeKind kind;
            if (_features!.SoftDeleteGate is null)
            {
                writeBatch.Delete(_columnFamily, keyWriter.WrittenSpan);
                kind = ChangeKind.Delete;
            }
            else
            {
                Span<byte> marker = stackalloc byte[DeletionMarker.ValueLength];
                DeletionMarker.WriteValue(marker, ticks);
                keyWriter.WriteByte(DeletionMarker.KeySuffix);
                writeBatch.Put(_columnFamily, keyWriter.WrittenSpan, marker);
                kind = ChangeKind.SoftDelete;
            }

            Track(member, kind, ticks, keyWriter.WrittenSpan[..keyLength]);
        }
        finally
        {
            keyWriter.Dispose();
        }

        member.Complete();
    }

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
            WriteFeatureKey(ref keyWriter, key);
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

    // Writes a single-operation batch: inside the soft-delete gate, and with its change when the table has a feed.
    private void Commit(StorageEngine engine, StorageWriteBatch batch, ChangeKind kind, long ticks, ReadOnlySpan<byte> key, ReadOnlySpan<byte> rowValue)
    {
        EnterWrite();
        try
        {
            if (_features!.ChangeFeed is { } feed)
            {
                feed.Log.CommitOne(engine, batch, _durability, feed, kind, ticks, key, UserPrefixLength(key, kind), rowValue);
            }
            else
            {
                engine.Write(batch, _durability);
            }
        }
        finally
        {
            ExitWrite();
        }
    }

    private void EnterWrite() => _features!.SoftDeleteGate?.EnterWrite();

    private void ExitWrite() => _features!.SoftDeleteGate?.ExitWrite();

    // Lets a store batch take this table's gate and changes along to its commit (undone with the member's writes).
    private void Track(in StoreBatchRuntime.BatchMember member, List<PendingChange>? changes)
    {
        if (_features!.SoftDeleteGate is { } gate)
        {
            member.Track(gate);
        }

        if (changes is not null)
        {
            foreach (PendingChange change in changes)
            {
                member.Track(change);
            }
        }
    }

    private void Track(in StoreBatchRuntime.BatchMember member, ChangeKind kind, long ticks, ReadOnlySpan<byte> key)
    {
        if (_features!.SoftDeleteGate is { } gate)
        {
            member.Track(gate);
        }

        if (_features.ChangeFeed is not null)
        {
            member.Track(NewPendingChange(kind, ticks, key, default));
        }
    }

    // Every row key of a table with features is encoded here. A SoftDelete table's row key must leave room for its
    // deletion marker's suffix byte (KeyLimits.MaxSoftDeleteKeyLength), or the row could be written but never read,
    // deleted, restored or purged: each of those builds the marker key. Checked before anything is recorded, by
    // every operation alike; a refusal names the table. Plain tables never come here: their limit is the writer's own.
    private void WriteFeatureKey(ref KeyWriter writer, in TKey key)
    {
        if (_features!.SoftDeleteGate is null)
        {
            TCodec.WriteKey(ref writer, key);
            return;
        }

        try
        {
            TCodec.WriteKey(ref writer, key);
        }
        catch (ArgumentException ex) when (ex is not ArgumentNullException)
        {
            // The key writer's own refusals (a key over KeyLimits.MaxKeyLength, an unpaired surrogate) do not know the table.
            throw new ArgumentException($"Table '{Descriptor.Name}' refuses the key: {ex.Message}", ex);
        }

        if (writer.Length > KeyLimits.MaxSoftDeleteKeyLength)
        {
            ThrowSoftDeleteKeyTooLong(writer.Length);
        }
    }

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowSoftDeleteKeyTooLong(int length)
        => throw new ArgumentException(
            $"Table '{Descriptor.Name}' is a SoftDelete table: its row keys may be at most {KeyLimits.MaxSoftDeleteKeyLength} bytes " +
            $"(KeyLimits.MaxSoftDeleteKeyLength: the deletion marker's key is the row key plus one byte), and this key encodes to {length}. " +
            "Keep long strings and byte arrays in the row's value, not its key.",
            "key");

    private PendingChange NewPendingChange(ChangeKind kind, long ticks, ReadOnlySpan<byte> key, ReadOnlySpan<byte> rowValue)
        => new(_features!.ChangeFeed!, kind, ticks, key.ToArray(), UserPrefixLength(key, kind), rowValue.ToArray());

    // For user tables, the user prefix (the first key part) of a change's key: its per-user index entry's key.
    private int UserPrefixLength(ReadOnlySpan<byte> key, ChangeKind kind)
    {
        if (Descriptor.Kind != TableKind.User)
        {
            return 0;
        }

        return kind == ChangeKind.DeleteUser ? key.Length : TCodec.GetPrefixLength(key, 1);
    }
}
