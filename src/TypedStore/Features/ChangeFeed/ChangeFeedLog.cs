using System.Buffers.Binary;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Features.ChangeFeed;

/// <summary>
/// The store-wide change log of <c>ChangeFeed</c> tables (docs/table-kinds.md, "Change feed"). Every change is
/// written in the same atomic engine write as the change itself, under a store-wide commit sequence.
/// </summary>
/// <remarks>
/// <para>Column family <see cref="LogColumnFamily"/>: key = encoded table name || sequence (uint64 big-endian),
/// value = <see cref="ChangeRecord"/>. One table's changes are one contiguous range in sequence order, so reading
/// a table's feed never reads another table's changes. Key <c>0x00</c> (no table name starts with it) keeps the
/// last sequence given out, written in every commit, so it survives reopening and crashes.</para>
/// <para>Column family <see cref="UserIndexColumnFamily"/>: for user tables, key = encoded table name || user
/// prefix || sequence, empty value: one user's changes are one contiguous range, each pointing at its log entry.</para>
/// <para>The log is the store's change-feed commit step (<see cref="CommitPipeline"/>): it never writes to the engine
/// itself, it adds its entries to the commit's engine batch. A single gate (<see cref="CommitGate"/>, held across an async commit's await) covers "take the next sequence, write": a commit with a higher sequence can never become
/// visible before one with a lower sequence, so a reader that has seen sequence N will never later find a new
/// change below N. Only writes to <c>ChangeFeed</c> tables take it.</para>
/// </remarks>
internal sealed class ChangeFeedLog : ICommitStep
{
    /// <summary>The column family of the change log.</summary>
    public const string LogColumnFamily = "__changes";

    /// <summary>The column family of the per-user index of user tables' changes.</summary>
    public const string UserIndexColumnFamily = "__changes_by_user";

    /// <summary>Length of an encoded sequence.</summary>
    public const int SequenceLength = sizeof(ulong);

    private static readonly byte[] s_lastSequenceKey = [0x00];

    private readonly CommitGate _gate = new();
    private readonly StorageEngine _engine;
    private long _lastSequence = -1;

    // The last sequence of the commit holding the gate, published by AfterCommit.
    private long _committingSequence;

    public ChangeFeedLog(StorageEngine engine, StorageColumnFamily log, StorageColumnFamily userIndex)
    {
        _engine = engine;
        Log = log;
        UserIndex = userIndex;
    }

    /// <summary>The log column family.</summary>
    public StorageColumnFamily Log { get; }

    /// <summary>The per-user index column family.</summary>
    public StorageColumnFamily UserIndex { get; }

    /// <inheritdoc/>
    public WriteStage Stage => WriteStage.ChangeFeed;

    /// <inheritdoc/>
    public long Order => 0;

    /// <summary>
    /// Takes the log's gate when the set holds changes: it is held until the pipeline's <see cref="Release"/>, after
    /// the engine write, so a later sequence can never become visible first.
    /// </summary>
    public void Enter(WriteSet writes)
    {
        if (AddsEntries(writes))
        {
            _gate.Enter();
        }
    }

    /// <inheritdoc/>
    public ValueTask EnterAsync(WriteSet writes, CancellationToken cancellationToken)
        => AddsEntries(writes) ? _gate.EnterAsync(cancellationToken) : default;

    /// <summary>
    /// Under the gate, adds every change the write set's ChangeFeed tables noted to <paramref name="batch"/> under
    /// consecutive sequences, in the order they were recorded, and the last sequence.
    /// </summary>
    public void BeforeCommit(WriteSet writes, StorageWriteBatch? batch)
    {
        if (!AddsEntries(writes))
        {
            return;
        }

        ArgumentNullException.ThrowIfNull(batch);

        ValueBuffer record = ValueBuffer.Rent();
        try
        {
            long sequence = LoadLastSequence(_engine);
            foreach (WriteNote note in writes.Notes)
            {
                if (!ReferenceEquals(note.Step, this))
                {
                    continue;
                }

                sequence++;
                ref readonly WriteOp op = ref writes.Op(note.Op);
                ChangeKind kind = op.Change!.Value;
                ReadOnlySpan<byte> key = writes.RowKey(note.Op);
                record.Clear();
                ChangeRecord.Write(record, kind, op.UtcTicks, key, kind == ChangeKind.Put ? writes.Value(note.Op) : default);
                AddEntries(batch, (ChangeFeedTable)note.State, sequence, key[..note.Value], record.WrittenSpan);
            }

            AddLastSequence(batch, sequence);
            _committingSequence = sequence;
        }
        finally
        {
            ValueBuffer.Return(record);
        }
    }

    /// <summary>
    /// <see cref="BeforeCommit"/> on the async pipeline: the first commit of the store reads the last sequence with the
    /// engine's async read (under the gate, like the synchronous load); every later commit has it in memory.
    /// </summary>
    public ValueTask BeforeCommitAsync(WriteSet writes, StorageWriteBatch batch, CancellationToken cancellationToken)
    {
        if (_lastSequence < 0 && AddsEntries(writes))
        {
            return LoadThenBeforeCommitAsync(writes, batch, cancellationToken);
        }

        BeforeCommit(writes, batch);
        return default;
    }

    /// <summary>The write succeeded: its sequences are given out for good.</summary>
    public void AfterCommit(WriteSet writes)
    {
        if (AddsEntries(writes))
        {
            _lastSequence = _committingSequence;
        }
    }

    /// <summary>Leaves the gate (a failed write's sequences are given to the next commit).</summary>
    public void Release(WriteSet writes)
    {
        if (AddsEntries(writes))
        {
            _gate.Exit();
        }
    }

    /// <summary>The last sequence given out (0 when none), as committed.</summary>
    public long GetLastSequence(StorageEngine engine)
    {
        _gate.Enter();
        try
        {
            return LoadLastSequence(engine);
        }
        finally
        {
            _gate.Exit();
        }
    }

    /// <summary>Writes the log key of a table's change: the table prefix then the sequence.</summary>
    public static int WriteLogKey(Span<byte> destination, ReadOnlySpan<byte> tablePrefix, long sequence)
    {
        tablePrefix.CopyTo(destination);
        BinaryPrimitives.WriteUInt64BigEndian(destination[tablePrefix.Length..], (ulong)sequence);
        return tablePrefix.Length + SequenceLength;
    }

    /// <summary>Reads the sequence at the end of a log or index key.</summary>
    public static long ReadSequence(ReadOnlySpan<byte> key)
        => key.Length < SequenceLength ? -1 : (long)BinaryPrimitives.ReadUInt64BigEndian(key[^SequenceLength..]);

    private void AddEntries(StorageWriteBatch batch, ChangeFeedTable table, long sequence, ReadOnlySpan<byte> userPrefix, ReadOnlySpan<byte> record)
    {
        int prefixLength = table.Prefix.Length;
        Span<byte> logKey = stackalloc byte[prefixLength + SequenceLength];
        WriteLogKey(logKey, table.Prefix, sequence);
        batch.Put(Log, logKey, record);

        if (table.IsUserTable)
        {
            int length = prefixLength + userPrefix.Length + SequenceLength;
            Span<byte> indexKey = length <= 512 ? stackalloc byte[length] : new byte[length];
            table.Prefix.CopyTo(indexKey);
            userPrefix.CopyTo(indexKey[prefixLength..]);
            BinaryPrimitives.WriteUInt64BigEndian(indexKey[(prefixLength + userPrefix.Length)..], (ulong)sequence);
            batch.Put(UserIndex, indexKey, ReadOnlySpan<byte>.Empty);
        }
    }

    /// <summary>Whether the set holds changes of this log's tables.</summary>
    public bool AddsEntries(WriteSet writes)
    {
        foreach (WriteNote note in writes.Notes)
        {
            if (ReferenceEquals(note.Step, this))
            {
                return true;
            }
        }

        return false;
    }

    private void AddLastSequence(StorageWriteBatch batch, long sequence)
    {
        Span<byte> value = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(value, sequence);
        batch.Put(Log, s_lastSequenceKey, value);
    }

    private async ValueTask LoadThenBeforeCommitAsync(WriteSet writes, StorageWriteBatch batch, CancellationToken cancellationToken)
    {
        ValueBuffer value = new();
        try
        {
            bool found = await _engine.TryGetAsync(Log, s_lastSequenceKey, value, snapshot: null, cancellationToken).ConfigureAwait(false);

            // Another commit cannot have loaded it meanwhile: the gate is held (a synchronous GetLastSequence waits for it too).
            _lastSequence = Parse(found ? value.WrittenCount : -1, value.WrittenSpan);
        }
        finally
        {
            value.Dispose();
        }

        BeforeCommit(writes, batch);
    }

    // Called under the gate. The stored value is read once per store; from then on the field is the truth,
    // because every sequence is given out here.
    private long LoadLastSequence(StorageEngine engine)
    {
        if (_lastSequence >= 0)
        {
            return _lastSequence;
        }

        Span<byte> value = stackalloc byte[sizeof(long) + 1];
        int length = engine.Get(Log, s_lastSequenceKey, value);
        _lastSequence = Parse(length, value);
        return _lastSequence;
    }

    // The stored last sequence (`length` bytes of `value`, -1 when absent: none given out yet).
    private static long Parse(int length, ReadOnlySpan<byte> value)
    {
        if (length < 0)
        {
            return 0;
        }

        if (length == sizeof(long) && BinaryPrimitives.ReadInt64LittleEndian(value) is >= 0 and var stored)
        {
            return stored;
        }

        throw new CorruptDataException($"The change log's last sequence (column family '{LogColumnFamily}', key 0x00) is corrupt: {length} bytes, expected {sizeof(long)}.")
        {
            Table = LogColumnFamily,
        };
    }
}
