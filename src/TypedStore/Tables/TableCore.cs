using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MessagePack;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// Everything a generated table accessor does, written once: key and value encoding through
/// <typeparamref name="TCodec"/>'s static members, one engine call per operation, pooled buffers, bounded scans.
/// <typeparamref name="TCodec"/> is a struct, so the JIT compiles a specialised copy of this class per table
/// and the codec calls are direct.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
/// <remarks>
/// Thread-safe: the only mutable state is per-thread pooled buffers. Keys are encoded into a stack buffer
/// that spills into <see cref="System.Buffers.ArrayPool{T}"/> only for keys longer than it; values likewise.
/// Stack buffers are not zeroed (<see cref="SkipLocalsInitAttribute"/>): the key and value writers only read
/// bytes they wrote, and clearing 768 bytes per write was a measurable share of a Put.
/// </remarks>
[SkipLocalsInit]
public sealed partial class TableCore<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    /// <summary>Size of the stack buffer keys are encoded into; longer keys spill into a pooled array.</summary>
    public const int StackKeyLength = 256;

    /// <summary>Size of the stack buffer values are encoded into; larger values spill into a pooled array.</summary>
    public const int StackValueLength = 512;

    private readonly StoreRuntime _store;
    private readonly StorageColumnFamily _columnFamily;
    private readonly WriteDurability _durability;

    /// <summary>Binds the table described by <paramref name="descriptor"/> to its column family in <paramref name="store"/>.</summary>
    public TableCore(StoreRuntime store, TableDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(descriptor);
        _store = store;
        Descriptor = descriptor;
        _columnFamily = store.GetColumnFamily(descriptor);

        // System tables hold the store's own metadata: losing an acknowledged write there is never acceptable.
        _durability = descriptor.Kind == TableKind.System ? WriteDurability.Synced : WriteDurability.Default;

        _features = CreateFeatures();
        RegisterForEviction();
    }

    /// <summary>The table's description.</summary>
    public TableDescriptor Descriptor { get; }

    internal StoreRuntime Store => _store;

    internal StorageColumnFamily ColumnFamily => _columnFamily;

    /// <summary>Inserts or replaces <paramref name="row"/> with one engine write; allocates nothing.</summary>
    /// <remarks>Key and value are encoded into stack buffers; only a row larger than them rents pooled arrays.</remarks>
    public void Put(TRow row)
    {
        if (_features is { ChangesWrites: true })
        {
            PutWithFeatures(row);
            return;
        }

        ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            TCodec.WriteKey(ref key, TCodec.GetKey(row));
            EncodeValue(ref value, row, ValueFlags.None, _store.GetUtcNowTicks());
            _store.Engine.Put(_columnFamily, key.WrittenSpan, value.WrittenSpan, _durability);
        }
        finally
        {
            value.Dispose();
            key.Dispose();
        }
    }

    /// <summary>Inserts or replaces every row of <paramref name="rows"/> in one atomic engine write.</summary>
    /// <remarks>
    /// The rows of one atomic write share one <c>_updated</c> time, read once: one commit has one time. One value
    /// buffer serves every row.
    /// </remarks>
    public void PutMany(IEnumerable<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_features is { ChangesWrites: true })
        {
            PutManyWithFeatures(rows);
            return;
        }

        StorageEngine engine = _store.Engine;
        long updatedTicks = _store.GetUtcNowTicks();
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                AddPut(batch, row, ref value, updatedTicks);
            }
        }
        finally
        {
            value.Dispose();
        }

        if (batch.Count > 0)
        {
            engine.Write(batch, _durability);
        }
    }

    /// <summary>Records an insert-or-replace of <paramref name="row"/> in <paramref name="batch"/>.</summary>
    public void Put(StoreBatchRuntime batch, TRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_features is { ChangesWrites: true })
        {
            PutWithFeatures(batch, row);
            return;
        }

        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            AddPut(member.Batch, row, ref value, _store.GetUtcNowTicks());
        }
        finally
        {
            value.Dispose();
        }

        member.Complete();
    }

    /// <summary>
    /// Records an insert-or-replace of every row of <paramref name="rows"/> in <paramref name="batch"/>: all of them,
    /// or none when one is refused (the batch is left as it was).
    /// </summary>
    public void PutMany(StoreBatchRuntime batch, IEnumerable<TRow> rows) => PutMany(batch, rows, advanceIds: false);

    /// <summary>Reads the row with <paramref name="key"/>; soft-deleted rows count as absent.</summary>
    public bool TryGet(in TKey key, StoreSnapshotRuntime? snapshot, [MaybeNullWhen(false)] out TRow row)
    {
        if (_features is not null)
        {
            return TryGetWithFeatures(key, snapshot, out row);
        }

        if (TryRead(key, snapshot, out ValueHeader header, out row) && !header.IsDeleted)
        {
            return true;
        }

        row = default;
        return false;
    }

    /// <summary>Reads the row with <paramref name="key"/> and its system columns, soft-deleted or not.</summary>
    public bool TryGetEntry(in TKey key, StoreSnapshotRuntime? snapshot, out TableEntry<TRow> entry)
    {
        if (_features is not null)
        {
            return TryGetEntryWithFeatures(key, snapshot, out entry);
        }

        if (TryRead(key, snapshot, out ValueHeader header, out TRow? row))
        {
            entry = new TableEntry<TRow>(row, header.Updated, header.IsDeleted);
            return true;
        }

        entry = default;
        return false;
    }

    /// <summary>Whether a (not soft-deleted) row with <paramref name="key"/> exists.</summary>
    public bool Exists(in TKey key, StoreSnapshotRuntime? snapshot)
    {
        if (_features is not null)
        {
            return ExistsWithFeatures(key, snapshot);
        }

        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            TCodec.WriteKey(ref keyWriter, key);
            return engine.Contains(_columnFamily, keyWriter.WrittenSpan, storageSnapshot);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    /// <summary>Removes the row with <paramref name="key"/> (no error when absent).</summary>
    public void Delete(in TKey key)
    {
        if (_features is { ChangesWrites: true })
        {
            DeleteWithFeatures(key);
            return;
        }

        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            TCodec.WriteKey(ref keyWriter, key);
            engine.Delete(_columnFamily, keyWriter.WrittenSpan, _durability);
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    /// <summary>Records a delete of the row with <paramref name="key"/> in <paramref name="batch"/>.</summary>
    public void Delete(StoreBatchRuntime batch, in TKey key)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_features is { ChangesWrites: true })
        {
            DeleteWithFeatures(batch, key);
            return;
        }

        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            TCodec.WriteKey(ref keyWriter, key);
            member.Batch.Delete(_columnFamily, keyWriter.WrittenSpan);
        }
        finally
        {
            keyWriter.Dispose();
        }

        member.Complete();
    }

    /// <summary>
    /// The rows whose encoded key starts with <paramref name="prefix"/> (every row when empty), in key order or
    /// reversed. The engine iterator is bounded to the prefix, so no other key is ever read.
    /// </summary>
    public IEnumerable<TRow> Scan(ReadOnlySpan<byte> prefix, bool reverse, StoreSnapshotRuntime? snapshot)
    {
        _store.ThrowIfDisposed();
        if (_features is not null)
        {
            return ScanWithFeatures(prefix, reverse, includeDeleted: false, snapshot);
        }

        return new TableScan<TRow, TKey, TCodec>(this, KeyBounds.ForPrefix(prefix), reverse, snapshot);
    }

    /// <summary>Counts the (not soft-deleted) rows whose encoded key starts with <paramref name="prefix"/>, without decoding them.</summary>
    public long Count(ReadOnlySpan<byte> prefix, StoreSnapshotRuntime? snapshot)
    {
        if (_features is not null)
        {
            return CountWithFeatures(prefix, snapshot);
        }

        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        using StorageIterator iterator = _store.Engine.CreateIterator(_columnFamily, bounds.Lower, bounds.Upper, storageSnapshot);
        long count = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            count++;
        }

        return count;
    }

    /// <summary>Removes every row whose encoded key starts with <paramref name="prefix"/>, with one range delete.</summary>
    public void DeletePrefix(ReadOnlySpan<byte> prefix)
    {
        RequireNonEmptyPrefix(prefix);
        if (_features?.ChangeFeed is not null)
        {
            DeletePrefixWithChange(prefix);
            return;
        }

        StorageEngine engine = _store.Engine;
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        if (bounds.Upper.Length > 0)
        {
            engine.DeleteRange(_columnFamily, bounds.Lower, bounds.Upper, _durability);
            return;
        }

        // The prefix is all 0xFF bytes, so no key bounds it from above; no key is longer than the limit, though.
        engine.DeleteRange(_columnFamily, bounds.Lower, KeyBounds.BeyondLongestKey, _durability);
    }

    /// <summary>Records, in <paramref name="batch"/>, the removal of every row whose encoded key starts with <paramref name="prefix"/>.</summary>
    public void DeletePrefix(StoreBatchRuntime batch, ReadOnlySpan<byte> prefix)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireNonEmptyPrefix(prefix);
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        RecordPrefixDeleteChange(member, prefix);
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        if (bounds.Upper.Length > 0)
        {
            member.Batch.DeleteRange(_columnFamily, bounds.Lower, bounds.Upper);
        }
        else
        {
            AddDeletesFrom(member.Batch, bounds);
        }

        member.Complete();
    }

    /// <summary>Decodes one stored row, turning any decoding failure into a <see cref="CorruptDataException"/> naming the table and key.</summary>
    internal TRow DecodeRow(ReadOnlySpan<byte> encodedKey, in TKey key, ReadOnlyMemory<byte> value)
    {
        try
        {
            MessagePackReader reader = new(value[ValueEnvelope.HeaderLength..]);
            TRow row = TCodec.ReadValue(ref reader, key);
            if (!reader.End)
            {
                throw new MessagePackSerializationException($"{reader.Sequence.Length - reader.Consumed} unexpected bytes follow the row's members.");
            }

            return row;
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Corrupt(encodedKey, "its value cannot be decoded", ex);
        }
    }

    /// <summary>Decodes the key parts of a stored key, turning any failure into a <see cref="CorruptDataException"/>.</summary>
    internal TKey DecodeKey(ReadOnlySpan<byte> encodedKey)
    {
        try
        {
            KeyReader reader = new(encodedKey);
            TKey key = TCodec.ReadKey(ref reader);
            if (!reader.IsAtEnd)
            {
                throw new FormatException($"{encodedKey.Length - reader.Position} unexpected bytes follow the key's parts.");
            }

            return key;
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Corrupt(encodedKey, "the key cannot be decoded", ex);
        }
    }

    /// <summary>Reads a stored value's header, or throws <see cref="CorruptDataException"/>.</summary>
    internal ValueHeader ReadHeader(ReadOnlySpan<byte> value, ReadOnlySpan<byte> encodedKey)
    {
        if (!ValueEnvelope.TryReadHeader(value, out ValueHeader header))
        {
            throw Corrupt(encodedKey, $"its value header is invalid ({value.Length} bytes, format version {(value.IsEmpty ? "missing" : value[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}, expected {ValueEnvelope.FormatVersion})", null);
        }

        return header;
    }

    private bool TryRead(in TKey key, StoreSnapshotRuntime? snapshot, out ValueHeader header, [MaybeNullWhen(false)] out TRow row)
    {
        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        ValueBuffer buffer = ValueBuffer.Rent();
        try
        {
            TCodec.WriteKey(ref keyWriter, key);
            ReadOnlySpan<byte> encodedKey = keyWriter.WrittenSpan;

            if (!engine.TryGet(_columnFamily, encodedKey, buffer, storageSnapshot))
            {
                header = default;
                row = default;
                return false;
            }

            header = ReadHeader(buffer.WrittenSpan, encodedKey);
            row = DecodeRow(encodedKey, key, buffer.WrittenMemory);
            return true;
        }
        finally
        {
            ValueBuffer.Return(buffer);
            keyWriter.Dispose();
        }
    }

    // Encodes one row (reusing the caller's value writer) and records it in the batch.
    private void AddPut(StorageWriteBatch batch, TRow row, ref ValueWriter value, long updatedTicks)
    {
        ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        try
        {
            TCodec.WriteKey(ref key, TCodec.GetKey(row));
            value.Reset();
            EncodeValue(ref value, row, ValueFlags.None, updatedTicks);
            batch.Put(_columnFamily, key.WrittenSpan, value.WrittenSpan);
        }
        finally
        {
            key.Dispose();
        }
    }

    // Records every row as one batch member: a refused row (or a failing enumerator) undoes the rows before it.
    // advanceIds: the table has a generated key part, and its generated ids move past each row's id first.
    private void PutMany(StoreBatchRuntime batch, IEnumerable<TRow> rows, bool advanceIds)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        if (_features is { ChangesWrites: true })
        {
            PutManyWithFeatures(batch, rows, advanceIds);
            return;
        }

        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        long updatedTicks = _store.GetUtcNowTicks();
        long highest = long.MinValue;
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                AddPut(member.Batch, row, ref value, updatedTicks);
                if (advanceIds)
                {
                    highest = Math.Max(highest, TCodec.GetGeneratedId(TCodec.GetKey(row)));
                }
            }
        }
        finally
        {
            value.Dispose();
        }

        if (advanceIds && highest != long.MinValue)
        {
            AdvanceGeneratedIdsPast(highest);
        }

        member.Complete();
    }

    // Records the removal of every key within bounds that have no upper end (a prefix of only 0xFF bytes, such as
    // the user id Guid.AllBitsSet or long.MaxValue) as one range delete up to KeyBounds.BeyondLongestKey. Deleting the
    // keys an iterator finds instead would miss rows written earlier in the same batch, and rows written between
    // recording and commit: DeleteUser in a batch then left those rows behind.
    private void AddDeletesFrom(StorageWriteBatch batch, KeyBounds bounds)
        => batch.DeleteRange(_columnFamily, bounds.Lower, bounds.Upper.Length > 0 ? bounds.Upper : KeyBounds.BeyondLongestKey);

    private void EncodeValue(ref ValueWriter value, TRow row, ValueFlags flags, long updatedUtcTicks)
    {
        ValueEnvelope.WriteHeader(value.GetSpan(ValueEnvelope.HeaderLength), flags, updatedUtcTicks);
        value.Advance(ValueEnvelope.HeaderLength);
        try
        {
            TCodec.WriteValue(ref value, row);
        }
        catch (ValueTooLargeException ex) when (ex.Table is null)
        {
            throw ValueTooLarge(ex, value.WrittenSpan); // TableCore.ValueLimits.cs: names the table and the member
        }
    }

    private CorruptDataException Corrupt(ReadOnlySpan<byte> encodedKey, string reason, Exception? inner)
    {
        string renderedKey = KeyDisplay.Render(encodedKey);
        string detail = inner is null ? string.Empty : $": {inner.Message}";
        return new CorruptDataException($"Table '{Descriptor.Name}': the stored row with key {renderedKey} is corrupt ({reason}){detail}", inner)
        {
            Table = Descriptor.Name,
            Key = renderedKey,
        };
    }

    // What decoding bad bytes can throw, from MessagePackReader, KeyReader, the value helpers and the row's
    // own constructor validating what it was given. Anything else (e.g. OutOfMemoryException) propagates.
    private static bool IsDecodingFailure(Exception ex) =>
        ex is MessagePackSerializationException or EndOfStreamException or FormatException or OverflowException
            or ArgumentException or InvalidOperationException or InvalidCastException;

    private static void RequireNonEmptyPrefix(ReadOnlySpan<byte> prefix)
    {
        if (prefix.IsEmpty)
        {
            throw new ArgumentException("A prefix delete needs a non-empty prefix.", nameof(prefix));
        }
    }

    private static void ThrowIfNull(TRow row)
    {
        // For value-type rows this test is false at JIT time and disappears; no boxing either way.
        if (row is null)
        {
            throw new ArgumentNullException(nameof(row));
        }
    }
}
