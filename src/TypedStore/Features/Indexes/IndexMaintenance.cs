using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using TypedStore.Features.SoftDelete;
using TypedStore.Keys;
using TypedStore.Runtime.Transactions;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Values;

namespace TypedStore.Features.Indexes;

/// <summary>
/// The write side of a table's indexes: an interceptor that only makes the table's commits run its commit step, and
/// that step, which keeps every index entry in the same atomic engine write as the rows. At commit, under the table's
/// index gate (<see cref="CommitGate"/>) (so two commits cannot interleave their read-check-write), it replays the set's ops on the table in record
/// order over the rows' current values (read from the engine, latest state), so a set that touches one key several
/// times ends where the engine will; a range delete enumerates the rows it covers. Then per touched row and index: the
/// old entry goes, the new one comes (nothing when they are equal), and each new entry of a unique index is checked
/// against the index and the rest of the commit. A violation throws <see cref="UniqueConstraintException"/> before
/// the engine write, so nothing of the set is applied.
/// </summary>
/// <remarks>
/// A put recorded from a row object (<see cref="OnPut"/>) carries its entry prefixes, computed from the object then, so
/// the commit decodes only the stored (old) version of a row, never the value it was just given.
/// A row is live when its value is stored, it is not marked deleted (SoftDelete) and its header is not flagged deleted:
/// only live rows have entries, so a soft delete takes them away and a restore brings them back (and may then violate).
/// The gate is taken by every commit that touches the table; commit steps of one stage run in <see cref="Order"/>
/// (process-wide, increasing), so commits touching several indexed tables take their gates in one order.
/// </remarks>
internal sealed partial class IndexMaintenance<TRow, TKey, TCodec> : IWriteInterceptor, ICommitStep, IRowWriteObserver<TRow>, IDerivedEntries
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    private static long s_nextOrder;

    // A stashed entry prefix (OnPut): [1: 1 when a part is null][4: prefix length, little-endian][prefix], one per index.
    private const int StashHeaderLength = 5;

    private readonly TableCore<TRow, TKey, TCodec> _table;
    private readonly TableIndex<TRow>[] _indexes;
    private readonly StorageColumnFamily[] _columnFamilies;
    private readonly bool[] _unique;
    private readonly bool _softDelete;
    private readonly CommitGate _gate = new();

    // Scratch of the commit in progress; used only while _gate is held, cleared on Release.
    private readonly Dictionary<byte[], int> _rowIndex = new(ByteArrayComparer.Instance);
    private readonly List<TouchedRow> _rows = [];
    private readonly List<PendingEntry> _puts = [];
    private readonly List<(int Index, byte[] Entry)> _removed = [];

    // The users a commit deletes (DeleteUser on a User table): [lower, upper) of the user prefix, which bounds that
    // user's entries in every index too (each entry starts with the user id). Their entries go with one range delete
    // per index; the rows are not read.
    private readonly List<(byte[] Lower, byte[] Upper)> _userRanges = [];
    private readonly bool _userTable;
    private readonly ValueBuffer _buffer = new();

    public IndexMaintenance(TableCore<TRow, TKey, TCodec> table, TableIndex<TRow>[] indexes, StorageColumnFamily[] columnFamilies)
    {
        _table = table;
        _indexes = indexes;
        _columnFamilies = columnFamilies;
        _softDelete = table.Descriptor.SoftDelete;
        _userTable = table.Descriptor.Kind == TableKind.User;
        _unique = new bool[indexes.Length];
        for (int i = 0; i < indexes.Length; i++)
        {
            _unique[i] = table.Descriptor.Indexes[i].Unique;
        }

        Order = Interlocked.Increment(ref s_nextOrder);
    }

    /// <summary>The table's index gate: held by each commit touching the table (across an async commit's await), and by <c>Verify</c> and an index build while they read.</summary>
    internal CommitGate Gate => _gate;

    /// <inheritdoc/>
    public int MaxRowKeyLength => KeyLimits.MaxKeyLength;

    /// <inheritdoc/>
    public ICommitStep? CommitStep => this;

    /// <inheritdoc/>
    public WriteStage Stage => WriteStage.Indexes;

    /// <inheritdoc/>
    public long Order { get; }

    /// <inheritdoc/>
    public void ThrowRowKeyTooLong(WriteTable table, int length)
    {
        // MaxRowKeyLength is the key writer's own limit: never below it, so never called.
    }

    /// <inheritdoc/>
    /// <remarks>
    /// No: a range delete stays one range op, and this step finds the rows in it at commit, under the table's gate
    /// (<c>DeleteRange</c> below), so rows another writer committed into the range after it was recorded lose their
    /// entries too. Reading them at record time would miss those.
    /// </remarks>
    public bool NeedsRowsOfRangeDeletes => false;

    /// <inheritdoc/>
    public bool TryRecordDelete(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks, out int op)
    {
        op = -1;
        return false;
    }

    /// <inheritdoc/>
    public void OnRecorded(WriteSet writes, int op)
    {
        // Nothing at record time: entries depend on the rows' values at commit, read under the gate.
    }

    /// <summary>
    /// Keeps the entry prefixes of a put's row beside its op (stashed in the write set, noted for this step), so the
    /// commit builds the new entries without decoding the value. A row whose indexed values cannot be encoded is refused
    /// here, while its member is recorded (the member then takes back its op), rather than at commit.
    /// </summary>
    public void OnPut(WriteSet writes, int op, TRow row)
    {
        string table = _table.Descriptor.Name;
        Span<byte> scratch = stackalloc byte[256];
        int first = -1;
        for (int i = 0; i < _indexes.Length; i++)
        {
            KeyWriter writer = new(scratch);
            try
            {
                bool hasNull = IndexEntry.WritePrefix(table, _indexes[i], ref writer, row);
                ReadOnlySpan<byte> prefix = writer.WrittenSpan;
                Span<byte> stash = writes.Stash(StashHeaderLength + prefix.Length, out int offset);
                stash[0] = hasNull ? (byte)1 : (byte)0;
                BinaryPrimitives.WriteInt32LittleEndian(stash[1..], prefix.Length);
                prefix.CopyTo(stash[StashHeaderLength..]);
                if (first < 0)
                {
                    // The prefixes of one put are stashed back to back: the note needs where the first starts.
                    first = offset;
                }
            }
            finally
            {
                writer.Dispose();
            }
        }

        writes.AddNote(new WriteNote(this, this, op, first));
    }

    /// <summary>The set touches the table (it is among the set's steps only then), so entries may change: always a batch.</summary>
    public bool AddsEntries(WriteSet writes) => true;

    /// <inheritdoc/>
    public void Enter(WriteSet writes) => _gate.Enter();

    /// <inheritdoc/>
    public ValueTask EnterAsync(WriteSet writes, CancellationToken cancellationToken) => _gate.EnterAsync(cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// The rows' current values are read here with the engine's synchronous reads; the async pipeline reads them ahead
    /// with the async ones instead (<see cref="BeforeCommitAsync"/>, IndexMaintenance.Async.cs).
    /// </remarks>
    public void BeforeCommit(WriteSet writes, StorageWriteBatch? batch)
    {
        StorageEngine engine = _table.Store.Engine;
        Replay(engine, writes, reads: null);
        AddEntries(writes, batch!);
        CheckUnique(engine, _puts, _removed, reads: null);
    }

    /// <inheritdoc/>
    public void AfterCommit(WriteSet writes)
    {
    }

    /// <inheritdoc/>
    public void Release(WriteSet writes)
    {
        _rowIndex.Clear();
        _rows.Clear();
        _puts.Clear();
        _removed.Clear();
        _userRanges.Clear();
        _buffer.Clear();
        _commitReads?.Clear();
        _gate.Exit();
    }

    // Replays the set's ops on this table, in record order, over the rows' current state: read from the engine, or
    // from what the async commit read ahead (`reads`, in the same order).
    private void Replay(StorageEngine engine, WriteSet writes, IndexCommitReads? reads)
    {
        WriteTable table = _table.WriteTable;
        ReadOnlySpan<WriteOp> ops = writes.Ops;
        ReadOnlySpan<WriteNote> notes = writes.Notes;
        int note = 0;
        for (int i = 0; i < ops.Length; i++)
        {
            ref readonly WriteOp op = ref ops[i];
            if (!ReferenceEquals(op.Table, table))
            {
                continue;
            }

            bool marker = op.KeyLength != op.RowKeyLength;
            switch (op.Kind)
            {
                case WriteOpKind.Put:
                    {
                        TouchedRow row = Touch(engine, writes.RowKey(i), reads, reads?.Points, reads?.NextPoint() ?? -1);
                        if (marker)
                        {
                            row.FinalMarked = true;
                        }
                        else
                        {
                            row.FinalValue = writes.Value(i).ToArray();
                            row.FinalEntries = StashedEntries(notes, ref note, i);
                        }

                        break;
                    }

                case WriteOpKind.Delete:
                    {
                        TouchedRow row = Touch(engine, writes.RowKey(i), reads, reads?.Points, reads?.NextPoint() ?? -1);
                        if (marker)
                        {
                            row.FinalMarked = false;
                        }
                        else
                        {
                            row.FinalValue = null;
                            row.FinalEntries = -1;
                        }

                        break;
                    }

                default:
                    if (_userTable && op.Change == ChangeKind.DeleteUser)
                    {
                        DeleteUser(writes.Key(i), writes.Value(i));
                    }
                    else
                    {
                        DeleteRange(engine, writes.Key(i), writes.Value(i), reads);
                    }

                    break;
            }
        }
    }

    // Where the entry prefixes of put op `op` are stashed, or -1 when it was recorded without (not from a row object).
    // This step's notes are in op order, so one cursor walks them along the ops.
    private int StashedEntries(ReadOnlySpan<WriteNote> notes, ref int cursor, int op)
    {
        while (cursor < notes.Length && (!ReferenceEquals(notes[cursor].Step, this) || notes[cursor].Op < op))
        {
            cursor++;
        }

        return cursor < notes.Length && notes[cursor].Op == op ? notes[cursor].Value : -1;
    }

    // The stashed entry prefix of index `index` among the prefixes stashed at `offset`, and whether a part is null.
    private static ReadOnlySpan<byte> StashedPrefix(WriteSet writes, int offset, int index, out bool hasNull)
    {
        for (int i = 0; ; i++)
        {
            ReadOnlySpan<byte> header = writes.Stashed(offset, StashHeaderLength);
            int length = BinaryPrimitives.ReadInt32LittleEndian(header[1..]);
            if (i == index)
            {
                hasNull = header[0] != 0;
                return writes.Stashed(offset + StashHeaderLength, length);
            }

            offset += StashHeaderLength + length;
        }
    }

    // A range delete removes every row (and marker) in [lower, upper): the stored ones are enumerated (so their
    // entries can go), and rows this commit touched before in the range are gone too.
    private void DeleteRange(StorageEngine engine, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, IndexCommitReads? reads)
    {
        if (reads is not null)
        {
            (int first, int count) = reads.NextRange();
            for (int slot = first; slot < first + count; slot++)
            {
                Touch(engine, reads.RowKey(reads.Ranged, slot), reads, reads.Ranged, slot);
            }
        }
        else
        {
            TouchStoredInRange(engine, lower, upper);
        }

        foreach (TouchedRow row in _rows)
        {
            if (InRange(row.Key, lower, upper))
            {
                row.FinalValue = null;
                row.FinalMarked = false;
                row.FinalEntries = -1;
            }
        }
    }

    private void TouchStoredInRange(StorageEngine engine, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper)
    {
        List<byte[]> stored = [];
        using (StorageIterator iterator = engine.CreateIterator(_table.ColumnFamily, lower, upper))
        {
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                ReadOnlySpan<byte> key = iterator.Key;
                bool isMarker = _softDelete && key.Length > 0 && DeletionMarker.IsMarkerValue(iterator.Value);
                stored.Add((isMarker ? key[..^1] : key).ToArray());
            }
        }

        foreach (byte[] key in stored)
        {
            Touch(engine, key, reads: null, source: null, slot: -1);
        }
    }

    // One user's rows go: the rows this commit touched before are gone; rows it touches later start gone (Touch).
    private void DeleteUser(ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper)
    {
        _userRanges.Add((lower.ToArray(), upper.ToArray()));
        foreach (TouchedRow row in _rows)
        {
            if (InRange(row.Key, lower, upper))
            {
                row.FinalValue = null;
                row.FinalMarked = false;
                row.FinalEntries = -1;
                row.EntriesCleared = true;
            }
        }
    }

    private static bool InRange(ReadOnlySpan<byte> key, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper)
        => key.SequenceCompareTo(lower) >= 0 && (upper.IsEmpty || key.SequenceCompareTo(upper) < 0);

    private bool InUserRange(ReadOnlySpan<byte> key)
    {
        foreach ((byte[] lower, byte[] upper) in _userRanges)
        {
            if (InRange(key, lower, upper))
            {
                return true;
            }
        }

        return false;
    }

    // The row's state before this commit: read from the engine, or taken from `slot` of `source` (read ahead).
    private TouchedRow Touch(StorageEngine engine, ReadOnlySpan<byte> rowKey, IndexCommitReads? reads, PackedReads? source, int slot)
    {
        byte[] key = rowKey.ToArray();
        if (_rowIndex.TryGetValue(key, out int index))
        {
            return _rows[index];
        }

        byte[]? value;
        bool marked = false;
        if (reads is not null)
        {
            value = reads.RowValue(source!, slot);
            marked = value is not null && reads.RowMarked(source!, slot);
        }
        else
        {
            _buffer.Clear();
            value = engine.TryGet(_table.ColumnFamily, rowKey, _buffer) ? _buffer.WrittenSpan.ToArray() : null;
        }

        if (reads is null && _softDelete && value is not null)
        {
            byte[] markerKey = new byte[key.Length + 1];
            key.CopyTo(markerKey, 0);
            markerKey[^1] = DeletionMarker.KeySuffix;
            marked = engine.Contains(_table.ColumnFamily, markerKey);
        }

        TouchedRow row = new(key, value, marked);
        if (InUserRange(key))
        {
            // Its user was deleted earlier in this commit: the row starts this commit's later ops gone.
            row.FinalValue = null;
            row.FinalMarked = false;
            row.FinalEntries = -1;
            row.EntriesCleared = true;
        }

        _rowIndex.Add(key, _rows.Count);
        _rows.Add(row);
        return row;
    }

    // Per touched row and index: delete the old entry, put the new one; all into the commit's batch (uniqueness is
    // checked next, CheckUnique). Every delete goes before every put: an entry keyed by its value alone (unique) may
    // leave one row and reach another in the same commit (values swapped, a row deleted and its value taken).
    private void AddEntries(WriteSet writes, StorageWriteBatch batch)
    {
        List<PendingEntry> puts = _puts;
        List<(int Index, byte[] Entry)> removed = _removed;
        string table = _table.Descriptor.Name;
        foreach (TouchedRow row in _rows)
        {
            bool wasLive = IsLive(row.Key, row.InitialValue, row.InitialMarked);
            bool isLive = IsLive(row.Key, row.FinalValue, row.FinalMarked);
            if (!wasLive && !isLive)
            {
                continue;
            }

            // A row whose user this commit deletes has lost its old entries to the range delete: only the new are put.
            // Only what has no stashed prefixes is decoded (the key once for both versions of the row).
            bool hasOld = wasLive && !row.EntriesCleared;
            bool stashed = isLive && row.FinalEntries >= 0;
            TKey key = hasOld || (isLive && !stashed) ? _table.DecodeKey(row.Key) : default;
            TRow? before = hasOld ? _table.DecodeRow(row.Key, key, row.InitialValue) : default;
            TRow? after = isLive && !stashed ? _table.DecodeRow(row.Key, key, row.FinalValue) : default;
            for (int i = 0; i < _indexes.Length; i++)
            {
                byte[]? oldEntry = hasOld ? IndexEntry.Create(table, _indexes[i], _unique[i], before!, row.Key, out _, out _) : null;
                byte[]? newEntry = null;
                bool keyedByValue = false;
                if (stashed)
                {
                    ReadOnlySpan<byte> prefix = StashedPrefix(writes, row.FinalEntries, i, out bool hasNull);
                    keyedByValue = _unique[i] && !hasNull;
                    newEntry = IndexEntry.Create(prefix, keyedByValue, row.Key);
                }
                else if (isLive)
                {
                    newEntry = IndexEntry.Create(table, _indexes[i], _unique[i], after!, row.Key, out _, out keyedByValue);
                }

                // Same row, same entry key: the same entry (its value is the row's key either way).
                if (oldEntry is not null && newEntry is not null && oldEntry.AsSpan().SequenceEqual(newEntry))
                {
                    continue;
                }

                if (oldEntry is not null)
                {
                    batch.Delete(_columnFamilies[i], oldEntry);
                    removed.Add((i, oldEntry));
                }

                if (newEntry is not null)
                {
                    puts.Add(new PendingEntry(i, newEntry, IndexEntry.Value(keyedByValue, row.Key), keyedByValue, row));
                }
            }
        }

        foreach ((byte[] lower, byte[] upper) in _userRanges)
        {
            foreach (StorageColumnFamily columnFamily in _columnFamilies)
            {
                batch.DeleteRange(columnFamily, lower, upper);
            }
        }

        foreach (PendingEntry put in puts)
        {
            batch.Put(_columnFamilies[put.Index], put.Entry, put.Value);
        }
    }

    // A row is live when stored, not marked deleted beside it, and not flagged deleted in its header.
    private bool IsLive(byte[] rowKey, [NotNullWhen(true)] byte[]? value, bool marked)
        => value is not null && !marked && !_table.ReadHeader(value, rowKey).IsDeleted;

    // A new entry keyed by its value (a unique index, no null part) violates when that key is taken by another row:
    // by another new entry of this commit, or by a stored entry this commit does not remove. One point lookup each, or
    // the answer the async commit read ahead (`reads`: per index, the keyed-by-value entries in this order).
    private void CheckUnique(StorageEngine engine, List<PendingEntry> puts, List<(int Index, byte[] Entry)> removed, IndexCommitReads? reads)
    {
        Span<int> nextRead = reads is null ? default : stackalloc int[_indexes.Length];
        for (int p = 0; p < puts.Count; p++)
        {
            PendingEntry entry = puts[p];
            if (!entry.KeyedByValue)
            {
                continue;
            }

            for (int q = 0; q < p; q++)
            {
                if (puts[q].KeyedByValue && puts[q].Index == entry.Index && puts[q].Entry.AsSpan().SequenceEqual(entry.Entry))
                {
                    throw Violation(entry);
                }
            }

            _buffer.Clear();
            bool stored;
            if (reads is null)
            {
                stored = engine.TryGet(_columnFamilies[entry.Index], entry.Entry, _buffer);
            }
            else
            {
                PackedReads read = reads.Entries[entry.Index];
                int slot = nextRead[entry.Index]++;
                stored = read.Found(slot);
                ReadOnlySpan<byte> holderValue = read.Value(slot);
                holderValue.CopyTo(_buffer.GetSpan(holderValue.Length));
                _buffer.Advance(holderValue.Length);
            }

            if (stored
                && !IsRemoved(removed, entry.Index, entry.Entry)
                && !InUserRange(entry.Entry)
                && !(IndexEntry.TryGetRowKey(entry.Entry, _buffer.WrittenSpan, out ReadOnlySpan<byte> holder) && holder.SequenceEqual(entry.Row.Key)))
            {
                throw Violation(entry);
            }
        }
    }

    // A commit removes a handful of entries: a linear search beats hashing (and allocates nothing).
    private static bool IsRemoved(List<(int Index, byte[] Entry)> removed, int index, ReadOnlySpan<byte> key)
    {
        foreach ((int removedIndex, byte[] entry) in removed)
        {
            if (removedIndex == index && key.SequenceEqual(entry))
            {
                return true;
            }
        }

        return false;
    }

    private UniqueConstraintException Violation(PendingEntry entry)
    {
        string table = _table.Descriptor.Name;
        string index = _indexes[entry.Index].Name;
        // The row is decoded only for the message: its new entries came from the stash or from a decode already.
        TouchedRow row = entry.Row;
        string value = _indexes[entry.Index].Render(_table.DecodeRow(row.Key, _table.DecodeKey(row.Key), row.FinalValue));
        return new UniqueConstraintException(
            $"Table '{table}': unique index '{index}' already holds the value {value} for another row. Nothing of the write was applied.")
        {
            Table = table,
            Index = index,
            Value = value,
        };
    }

    private sealed class TouchedRow(byte[] key, byte[]? initialValue, bool initialMarked)
    {
        public byte[] Key { get; } = key;

        public byte[]? InitialValue { get; } = initialValue;

        public bool InitialMarked { get; } = initialMarked;

        public byte[]? FinalValue { get; set; } = initialValue;

        public bool FinalMarked { get; set; } = initialMarked;

        /// <summary>Where the entry prefixes of the row's final put are stashed in the write set; -1 when there are none.</summary>
        public int FinalEntries { get; set; } = -1;

        /// <summary>Whether a user range delete of this commit removes the row's stored entries.</summary>
        public bool EntriesCleared { get; set; }
    }

    private readonly record struct PendingEntry(int Index, byte[] Entry, byte[] Value, bool KeyedByValue, TouchedRow Row);
}
