using System.Buffers;
using TypedStore.Storage;

namespace TypedStore.Runtime.Writes;

/// <summary>
/// The writes of one atomic commit, recorded before any of them reaches the engine: ops (put, delete, range delete
/// per column family) with their keys and values copied into one pooled arena, the logical facts interceptors need
/// per op, the notes they left, and the commit steps of the tables touched. <see cref="CommitPipeline"/> turns it
/// into one engine write.
/// </summary>
/// <remarks>
/// A class, so it can be held across an <see langword="await"/> (a batch records over many calls); pooled
/// (<see cref="Rent"/>, <see cref="Return"/>), so recording allocates nothing once the arrays have grown. Save points
/// (<see cref="SetSavePoint"/>, <see cref="RollbackTo"/>) are plain lengths: a batch member that throws takes back
/// exactly what it recorded. Not thread-safe.
/// </remarks>
internal sealed class WriteSet
{
    private const int InitialArenaLength = 4096;
    private const int InitialOpCapacity = 16;

    // Sets that grew past these give their large arrays back when returned, so one huge batch does not pin memory.
    private const int MaxRetainedArenaLength = 1 << 20;
    private const int MaxRetainedOpCapacity = 1 << 14;

    [ThreadStatic]
    private static WriteSet? t_cached;

    private WriteOp[] _ops = new WriteOp[InitialOpCapacity];
    private int _opCount;
    private byte[] _arena = [];
    private int _arenaLength;
    private WriteNote[] _notes = [];
    private int _noteCount;
    private readonly List<ICommitStep> _steps = [];

    // The table of the last op whose steps were collected: consecutive writes to one table skip the search.
    private WriteTable? _lastTouched;

    /// <summary>The number of ops recorded.</summary>
    public int Count => _opCount;

    /// <summary>What the commit must guarantee: synced as soon as one op's table (or a caller) requires it.</summary>
    public WriteDurability Durability { get; private set; }

    /// <summary>The distinct commit steps of the tables touched, in first-touch order (the pipeline sorts them).</summary>
    public List<ICommitStep> CommitSteps => _steps;

    /// <summary>The notes interceptors left, in record order.</summary>
    public ReadOnlySpan<WriteNote> Notes => _notes.AsSpan(0, _noteCount);

    /// <summary>The ops, in record order.</summary>
    public ReadOnlySpan<WriteOp> Ops => _ops.AsSpan(0, _opCount);

    /// <summary>A write set from this thread's pool (a new one when it is empty).</summary>
    public static WriteSet Rent()
    {
        WriteSet? set = t_cached;
        if (set is null)
        {
            return new WriteSet();
        }

        t_cached = null;
        return set;
    }

    /// <summary>Clears <paramref name="set"/> and keeps it for the next <see cref="Rent"/> on this thread.</summary>
    public static void Return(WriteSet set)
    {
        set.Clear();
        if (set._arena.Length > MaxRetainedArenaLength)
        {
            ArrayPool<byte>.Shared.Return(set._arena);
            set._arena = [];
        }

        if (set._ops.Length > MaxRetainedOpCapacity)
        {
            set._ops = new WriteOp[InitialOpCapacity];
        }

        t_cached = set;
    }

    /// <summary>Removes every op, note and step; the arrays are kept.</summary>
    public void Clear()
    {
        // Ops and notes hold references (tables, steps): cleared so a pooled set keeps nothing alive.
        _ops.AsSpan(0, _opCount).Clear();
        _notes.AsSpan(0, _noteCount).Clear();
        _opCount = 0;
        _arenaLength = 0;
        _noteCount = 0;
        _steps.Clear();
        _lastTouched = null;
        Durability = WriteDurability.Default;
    }

    /// <summary>Makes the commit at least as durable as <paramref name="durability"/>.</summary>
    public void RequireDurability(WriteDurability durability)
    {
        if (durability == WriteDurability.Synced)
        {
            Durability = WriteDurability.Synced;
        }
    }

    /// <summary>Records a put of <paramref name="key"/> (a row key) with <paramref name="value"/>; returns the op's index.</summary>
    public int AddPut(WriteTable table, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, ChangeKind? change, long utcTicks)
        => Add(table, WriteOpKind.Put, change, utcTicks, key, -1, value);

    /// <summary>Records a put of the key <paramref name="rowKey"/> || <paramref name="keySuffix"/> (e.g. a deletion marker); returns the op's index.</summary>
    public int AddPut(WriteTable table, ReadOnlySpan<byte> rowKey, byte keySuffix, ReadOnlySpan<byte> value, ChangeKind? change, long utcTicks)
        => Add(table, WriteOpKind.Put, change, utcTicks, rowKey, keySuffix, value);

    /// <summary>Records a delete of <paramref name="key"/> (a row key); returns the op's index.</summary>
    public int AddDelete(WriteTable table, ReadOnlySpan<byte> key, ChangeKind? change, long utcTicks)
        => Add(table, WriteOpKind.Delete, change, utcTicks, key, -1, default);

    /// <summary>Records a delete of the key <paramref name="rowKey"/> || <paramref name="keySuffix"/>; returns the op's index.</summary>
    public int AddDelete(WriteTable table, ReadOnlySpan<byte> rowKey, byte keySuffix, ChangeKind? change, long utcTicks)
        => Add(table, WriteOpKind.Delete, change, utcTicks, rowKey, keySuffix, default);

    /// <summary>Records the removal of every key in [<paramref name="lower"/>, <paramref name="upper"/>); returns the op's index.</summary>
    public int AddDeleteRange(WriteTable table, ReadOnlySpan<byte> lower, ReadOnlySpan<byte> upper, ChangeKind? change, long utcTicks)
        => Add(table, WriteOpKind.DeleteRange, change, utcTicks, lower, -1, upper);

    /// <summary>Leaves a note for a commit step (taken back by a save point with the ops).</summary>
    public void AddNote(in WriteNote note)
    {
        if (_noteCount == _notes.Length)
        {
            Array.Resize(ref _notes, Math.Max(InitialOpCapacity, _notes.Length * 2));
        }

        _notes[_noteCount++] = note;
    }

    /// <summary>
    /// Keeps <paramref name="length"/> bytes a feature computed at record time (an index's entry prefixes) in the set's
    /// arena, where a save point takes them back with the ops; returns where they start, for <see cref="Stashed"/>.
    /// </summary>
    public Span<byte> Stash(int length, out int offset) => Reserve(length, out offset);

    /// <summary>Bytes kept by <see cref="Stash"/>.</summary>
    public ReadOnlySpan<byte> Stashed(int offset, int length) => _arena.AsSpan(offset, length);

    /// <summary>The key of op <paramref name="op"/> (of a range delete: its start).</summary>
    public ReadOnlySpan<byte> Key(int op)
    {
        ref readonly WriteOp entry = ref _ops[op];
        return _arena.AsSpan(entry.KeyOffset, entry.KeyLength);
    }

    /// <summary>The row key of op <paramref name="op"/>: its key without a suffix such as a marker's.</summary>
    public ReadOnlySpan<byte> RowKey(int op)
    {
        ref readonly WriteOp entry = ref _ops[op];
        return _arena.AsSpan(entry.KeyOffset, entry.RowKeyLength);
    }

    /// <summary>The value of op <paramref name="op"/> (of a range delete: its exclusive end).</summary>
    public ReadOnlySpan<byte> Value(int op)
    {
        ref readonly WriteOp entry = ref _ops[op];
        return _arena.AsSpan(entry.ValueOffset, entry.ValueLength);
    }

    /// <summary>The op at <paramref name="op"/>.</summary>
    public ref readonly WriteOp Op(int op) => ref _ops[op];

    /// <summary>Marks the current position, to roll back to.</summary>
    public WriteSetSavePoint SetSavePoint() => new(_opCount, _arenaLength, _noteCount, _steps.Count, Durability);

    /// <summary>Removes everything recorded since <paramref name="savePoint"/>.</summary>
    public void RollbackTo(in WriteSetSavePoint savePoint)
    {
        if (savePoint.OpCount > _opCount || savePoint.NoteCount > _noteCount || savePoint.StepCount > _steps.Count)
        {
            throw new InvalidOperationException("The save point is not in this write set.");
        }

        _ops.AsSpan(savePoint.OpCount, _opCount - savePoint.OpCount).Clear();
        _notes.AsSpan(savePoint.NoteCount, _noteCount - savePoint.NoteCount).Clear();
        _opCount = savePoint.OpCount;
        _arenaLength = savePoint.ArenaLength;
        _noteCount = savePoint.NoteCount;
        _steps.RemoveRange(savePoint.StepCount, _steps.Count - savePoint.StepCount);
        _lastTouched = null;
        Durability = savePoint.Durability;
    }

    /// <summary>Adds every op to <paramref name="batch"/>, in record order.</summary>
    public void CopyTo(StorageWriteBatch batch)
    {
        foreach (ref readonly WriteOp op in Ops)
        {
            ReadOnlySpan<byte> key = _arena.AsSpan(op.KeyOffset, op.KeyLength);
            ReadOnlySpan<byte> value = _arena.AsSpan(op.ValueOffset, op.ValueLength);
            switch (op.Kind)
            {
                case WriteOpKind.Put:
                    batch.Put(op.ColumnFamily, key, value);
                    break;
                case WriteOpKind.Delete:
                    batch.Delete(op.ColumnFamily, key);
                    break;
                default:
                    batch.DeleteRange(op.ColumnFamily, key, value);
                    break;
            }
        }
    }

    // keySuffix: -1 for none, else one byte appended to the key after the row key.
    private int Add(WriteTable table, WriteOpKind kind, ChangeKind? change, long utcTicks, ReadOnlySpan<byte> rowKey, int keySuffix, ReadOnlySpan<byte> value)
    {
        int keyLength = rowKey.Length + (keySuffix < 0 ? 0 : 1);
        Span<byte> bytes = Reserve(keyLength + value.Length, out int keyOffset);
        rowKey.CopyTo(bytes);
        if (keySuffix >= 0)
        {
            bytes[rowKey.Length] = (byte)keySuffix;
        }

        value.CopyTo(bytes[keyLength..]);
        if (_opCount == _ops.Length)
        {
            Array.Resize(ref _ops, _ops.Length * 2);
        }

        int index = _opCount;
        _ops[index] = new WriteOp(table, kind, change, utcTicks, keyOffset, keyLength, rowKey.Length, keyOffset + keyLength, value.Length);
        _opCount++;
        if (table.Durability == WriteDurability.Synced)
        {
            Durability = WriteDurability.Synced;
        }

        if (!ReferenceEquals(table, _lastTouched))
        {
            Touch(table);
        }

        return index;
    }

    private void Touch(WriteTable table)
    {
        foreach (ICommitStep step in table.CommitSteps)
        {
            if (!ContainsStep(step))
            {
                _steps.Add(step);
            }
        }

        _lastTouched = table;
    }

    private bool ContainsStep(ICommitStep step)
    {
        foreach (ICommitStep existing in _steps)
        {
            if (ReferenceEquals(existing, step))
            {
                return true;
            }
        }

        return false;
    }

    private Span<byte> Reserve(int length, out int offset)
    {
        int required = _arenaLength + length;
        if (required > _arena.Length)
        {
            Grow(required);
        }

        offset = _arenaLength;
        _arenaLength = required;
        return _arena.AsSpan(offset, length);
    }

    private void Grow(int required)
    {
        int length = Math.Max(InitialArenaLength, _arena.Length * 2);
        while (length < required)
        {
            length = checked(length * 2);
        }

        byte[] arena = ArrayPool<byte>.Shared.Rent(length);
        _arena.AsSpan(0, _arenaLength).CopyTo(arena);
        if (_arena.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_arena);
        }

        _arena = arena;
    }
}
