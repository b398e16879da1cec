using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MessagePack;
using TypedStore.Features.GeneratedIds;
using TypedStore.Keys;
using TypedStore.Runtime.Reads;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// Everything a generated table accessor does, written once: key and value encoding through
/// <typeparamref name="TCodec"/>'s static members, one engine call per operation, pooled buffers, bounded scans.
/// Writes of a table without write interceptors are one engine call each; every other write is recorded into a
/// <see cref="WriteSet"/> through the table's <see cref="WriteTable"/> (which runs the features' interceptors) and
/// committed by the <see cref="CommitPipeline"/>: no write member tests a feature.
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
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
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

    // The table as the write path sees it; its interceptor array is null for a plain table, which keeps the
    // one-engine-call Put and Delete (decided here, once, not per feature per write).
    private readonly WriteTable _writeTable;
    private readonly bool _plainWrites;

    // Insert's sequence, Append's time-ordered ids; touched only by the members of tables with a generated key part.
    private readonly GeneratedIdSource _generatedIds;

    // The codec roles of the table's features (null when it has none): the generated id part of its keys, the
    // partition prefixes of a stream's keys, the user keys of a user table's change feed.
    private readonly GeneratedIdKeys<TKey>? _generatedIdKeys;
    private readonly KeyPrefixLengths? _keyPrefixes;
    private readonly UserKeys<TKey>? _userKeys;

    /// <summary>Binds the table described by <paramref name="descriptor"/> to its column family in <paramref name="store"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="descriptor">The table.</param>
    /// <param name="generatedIdKeys">For a table with a <c>[Key(Generated = true)]</c> part, that part of its keys.</param>
    /// <param name="keyPrefixes">For a stream whose time-ordered id follows partition parts, the measure of its partitions.</param>
    /// <param name="userKeys">For a user table with a change feed, the user part of its keys.</param>
    public TableCore(StoreRuntime store, TableDescriptor descriptor, GeneratedIdKeys<TKey>? generatedIdKeys = null, KeyPrefixLengths? keyPrefixes = null, UserKeys<TKey>? userKeys = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(descriptor);
        CodecRoles.Check<TRow, TKey, TCodec>(descriptor, generatedIdKeys, keyPrefixes, userKeys);
        _store = store;
        Descriptor = descriptor;
        _generatedIdKeys = generatedIdKeys;
        _keyPrefixes = keyPrefixes;
        _userKeys = userKeys;
        _columnFamily = store.GetColumnFamily(descriptor);

        // System tables hold the store's own metadata: losing an acknowledged write there is never acceptable.
        _durability = descriptor.Kind == TableKind.System ? WriteDurability.Synced : WriteDurability.Default;

        _features = CreateFeatures();
        _writeTable = new WriteTable(descriptor.Name, _columnFamily, _durability, _features?.WriteInterceptors);
        _plainWrites = _writeTable.Interceptors is null;
        _rowReader = _features?.RowReader ?? RowReader.Plain;
        _readFilters = _features?.CreateReadFilters<TRow, TKey, TCodec>(_generatedIdKeys);
        _readNeeds = CombineNeeds(_readFilters);

        // Any module at all (a change feed too) takes the module read path, which reads each row's header; only a
        // table without features keeps the one-call reads, as before the modules.
        _plainReads = _features is null;
        _eviction = _features?.CreateEviction(this);
        _generatedIds = new GeneratedIdSource(store, descriptor.Name, timeOrdered: _features?.AgesById == true);
        RegisterForEviction();
    }

    /// <summary>The table's description.</summary>
    public TableDescriptor Descriptor { get; }

    internal StoreRuntime Store => _store;

    internal StorageColumnFamily ColumnFamily => _columnFamily;

    internal WriteTable WriteTable => _writeTable;

    /// <summary>Inserts or replaces <paramref name="row"/> with one engine write; allocates nothing.</summary>
    /// <remarks>Key and value are encoded into stack buffers; only a row larger than them rents pooled arrays.</remarks>
    public void Put(TRow row)
    {
        if (!_plainWrites)
        {
            PutThroughPipeline(row);
            return;
        }

        ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            EncodeRowKey(ref key, TCodec.GetKey(row));
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
    public void PutMany(IEnumerable<TRow> rows) => PutMany(rows, advanceIds: false);

    /// <summary>Records an insert-or-replace of <paramref name="row"/> in <paramref name="batch"/>.</summary>
    public void Put(StoreBatchRuntime batch, TRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            RecordPut(member.Writes, row, ref value, _store.GetUtcNowTicks());
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
        if (!_plainReads)
        {
            return TryGetFiltered(key, snapshot, out row);
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
        if (!_plainReads)
        {
            return TryGetEntryFiltered(key, snapshot, out entry);
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
        if (!_plainReads)
        {
            return ExistsFiltered(key, snapshot);
        }

        StorageSnapshot? storageSnapshot = snapshot?.Snapshot;
        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref keyWriter, key);
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
        if (!_plainWrites)
        {
            DeleteThroughPipeline(key);
            return;
        }

        StorageEngine engine = _store.Engine;
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref keyWriter, key);
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
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        RecordDelete(member.Writes, key);
        member.Complete();
    }

    /// <summary>
    /// The rows whose encoded key starts with <paramref name="prefix"/> (every row when empty), in key order or
    /// reversed. The engine iterator is bounded to the prefix, so no other key is ever read.
    /// </summary>
    public IEnumerable<TRow> Scan(ReadOnlySpan<byte> prefix, bool reverse, StoreSnapshotRuntime? snapshot)
    {
        _store.ThrowIfDisposed();
        if (!_plainReads)
        {
            return ScanFiltered(prefix, reverse, includeDeleted: false, snapshot);
        }

        return new TableScan<TRow, TKey, TCodec>(this, KeyBounds.ForPrefix(prefix), reverse, snapshot);
    }

    /// <summary>Counts the (not soft-deleted) rows whose encoded key starts with <paramref name="prefix"/>, without decoding them.</summary>
    public long Count(ReadOnlySpan<byte> prefix, StoreSnapshotRuntime? snapshot)
    {
        if (!_plainReads)
        {
            return CountFiltered(prefix, snapshot);
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
        StorageEngine engine = _store.Engine;
        WriteSet writes = WriteSet.Rent();
        try
        {
            RecordDeletePrefix(writes, prefix);
            CommitPipeline.Commit(engine, writes);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    /// <summary>Records, in <paramref name="batch"/>, the removal of every row whose encoded key starts with <paramref name="prefix"/>.</summary>
    public void DeletePrefix(StoreBatchRuntime batch, ReadOnlySpan<byte> prefix)
    {
        ArgumentNullException.ThrowIfNull(batch);
        RequireNonEmptyPrefix(prefix);
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        RecordDeletePrefix(member.Writes, prefix);
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
            EncodeRowKey(ref keyWriter, key);
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

    // Encodes one row (reusing the caller's value writer) and records its put, with what the table's features add.
    private void RecordPut(WriteSet writes, TRow row, ref ValueWriter value, long updatedTicks)
    {
        ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref key, TCodec.GetKey(row));
            value.Reset();
            EncodeValue(ref value, row, ValueFlags.None, updatedTicks);
            _writeTable.RecordPut(writes, key.WrittenSpan, value.WrittenSpan, updatedTicks);
        }
        finally
        {
            key.Dispose();
        }
    }

    // Records every row, all with one _updated (one commit has one time), reusing one value buffer. Returns the
    // highest generated id written when advanceIds (the table has a generated key part), else long.MinValue.
    private long RecordPutMany(WriteSet writes, IEnumerable<TRow> rows, bool advanceIds)
    {
        long updatedTicks = _store.GetUtcNowTicks();
        long highest = long.MinValue;
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                RecordPut(writes, row, ref value, updatedTicks);
                if (advanceIds)
                {
                    highest = Math.Max(highest, _generatedIdKeys!.IdOf(TCodec.GetKey(row)));
                }
            }
        }
        finally
        {
            value.Dispose();
        }

        return highest;
    }

    private void RecordDelete(WriteSet writes, in TKey key)
    {
        KeyWriter keyWriter = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref keyWriter, key);
            _writeTable.RecordDelete(writes, keyWriter.WrittenSpan, _store.GetUtcNowTicks());
        }
        finally
        {
            keyWriter.Dispose();
        }
    }

    // One range delete of the prefix's range. A prefix of only 0xFF bytes (the user id Guid.AllBitsSet or
    // long.MaxValue) has no upper bound: the range then ends at KeyBounds.BeyondLongestKey. Deleting the keys an
    // iterator finds instead would miss rows written earlier in the same batch, and rows written between recording
    // and commit: DeleteUser in a batch then left those rows behind.
    private void RecordDeletePrefix(WriteSet writes, ReadOnlySpan<byte> prefix)
    {
        KeyBounds bounds = KeyBounds.ForPrefix(prefix);
        byte[] upper = bounds.Upper.Length > 0 ? bounds.Upper : KeyBounds.BeyondLongestKey;
        _writeTable.RecordDeleteUser(writes, bounds.Lower, upper, _store.GetUtcNowTicks());
    }

    // A featured table's direct Put: a one-op write set (plus what the features add), committed at once.
    private void PutThroughPipeline(TRow row)
    {
        ThrowIfNull(row);
        StorageEngine engine = _store.Engine;
        WriteSet writes = WriteSet.Rent();
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            RecordPut(writes, row, ref value, _store.GetUtcNowTicks());
            CommitPipeline.Commit(engine, writes);
        }
        finally
        {
            value.Dispose();
            WriteSet.Return(writes);
        }
    }

    private void DeleteThroughPipeline(in TKey key)
    {
        StorageEngine engine = _store.Engine;
        WriteSet writes = WriteSet.Rent();
        try
        {
            RecordDelete(writes, key);
            CommitPipeline.Commit(engine, writes);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    // One write set for every row, one atomic commit. advanceIds: the table generates ids (a catalog sequence or a
    // stream's), which move past the largest id written (durably) before the rows are written.
    private void PutMany(IEnumerable<TRow> rows, bool advanceIds)
    {
        ArgumentNullException.ThrowIfNull(rows);
        StorageEngine engine = _store.Engine;
        if (_plainWrites)
        {
            PutManyPlain(engine, rows, advanceIds);
            return;
        }

        WriteSet writes = WriteSet.Rent();
        try
        {
            long highest = RecordPutMany(writes, rows, advanceIds);
            if (writes.Count == 0)
            {
                return;
            }

            if (advanceIds)
            {
                AdvanceGeneratedIdsPast(highest);
            }

            CommitPipeline.Commit(engine, writes);
        }
        finally
        {
            WriteSet.Return(writes);
        }
    }

    // A plain table's PutMany, the bulk-load path: nothing intercepts its rows, so they are encoded straight into
    // the engine batch instead of being copied through a write set first (that copy cost batch100 ~8%).
    private void PutManyPlain(StorageEngine engine, IEnumerable<TRow> rows, bool advanceIds)
    {
        long updatedTicks = _store.GetUtcNowTicks();
        long highest = long.MinValue;
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                AddPlainPut(batch, row, ref value, updatedTicks);
                if (advanceIds)
                {
                    highest = Math.Max(highest, _generatedIdKeys!.IdOf(TCodec.GetKey(row)));
                }
            }
        }
        finally
        {
            value.Dispose();
        }

        if (batch.Count == 0)
        {
            return;
        }

        if (advanceIds)
        {
            AdvanceGeneratedIdsPast(highest);
        }

        engine.Write(batch, _durability);
    }

    private void AddPlainPut(StorageWriteBatch batch, TRow row, ref ValueWriter value, long updatedTicks)
    {
        ThrowIfNull(row);
        KeyWriter key = new(stackalloc byte[StackKeyLength]);
        try
        {
            EncodeRowKey(ref key, TCodec.GetKey(row));
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
    // advanceIds: the table has a generated key part, and its generated ids move past the highest id written.
    private void PutMany(StoreBatchRuntime batch, IEnumerable<TRow> rows, bool advanceIds)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(rows);
        using StoreBatchRuntime.BatchMember member = batch.BeginMember(_durability);
        long highest = RecordPutMany(member.Writes, rows, advanceIds);
        if (advanceIds && highest != long.MinValue)
        {
            AdvanceGeneratedIdsPast(highest);
        }

        member.Complete();
    }

    // Every row key is encoded here, so every refusal names the table, by every operation alike. The key writer's own
    // refusals (a null part, a key over KeyLimits.MaxKeyLength, an unpaired surrogate, an Unspecified or unconvertible
    // DateTime) do not know the table. A table whose features limit keys (a SoftDelete table's must leave room for its
    // deletion marker's suffix byte, KeyLimits.MaxSoftDeleteKeyLength, or the row could be written but never read,
    // deleted, restored or purged) is checked here too, before anything is recorded.
    private void EncodeRowKey(ref KeyWriter writer, in TKey key)
    {
        try
        {
            TCodec.WriteKey(ref writer, key);
        }
        catch (ArgumentException ex)
        {
            throw KeyRefused(ex);
        }

        if (_writeTable.LimitsRowKeys)
        {
            _writeTable.ThrowIfRowKeyTooLong(writer.Length);
        }
    }

    /// <summary>A key writer's refusal, told again with the table's name (same exception type, the original inside).</summary>
    internal ArgumentException KeyRefused(ArgumentException refusal)
    {
        string message = $"Table '{Descriptor.Name}' refuses the key: {refusal.Message}";
        return refusal switch
        {
            ArgumentNullException => new ArgumentNullException(message, refusal),
            ArgumentOutOfRangeException => new ArgumentOutOfRangeException(message, refusal),
            _ => new ArgumentException(message, refusal.ParamName, refusal),
        };
    }

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
