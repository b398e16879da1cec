using TypedStore.Keys;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;

namespace TypedStore.Features.SoftDelete;

/// <summary>
/// The write side of a <c>SoftDelete</c> table (docs/table-kinds.md, "Soft delete"): a put clears the row's deletion
/// marker in the same write, a delete writes the marker instead of removing the row, restore and purge remove the
/// marker (purge the row too); row keys leave room for the marker's suffix byte. At commit, the table's
/// <see cref="SoftDeleteGate"/> is held as a writer, so <c>PurgeDeleted</c> never removes a row written meanwhile.
/// </summary>
internal sealed class SoftDeleteInterceptor : IWriteInterceptor, ICommitStep
{
    public SoftDeleteInterceptor(SoftDeleteGate gate) => Gate = gate;

    /// <summary>The table's gate against <c>PurgeDeleted</c>.</summary>
    public SoftDeleteGate Gate { get; }

    /// <inheritdoc/>
    public int MaxRowKeyLength => KeyLimits.MaxSoftDeleteKeyLength;

    /// <inheritdoc/>
    public ICommitStep? CommitStep => this;

    /// <inheritdoc/>
    public WriteStage Stage => WriteStage.SoftDelete;

    /// <inheritdoc/>
    public long Order => Gate.Order;

    /// <summary>No: a row's marker is its immediate successor, so a range holds both or neither and one range delete removes both.</summary>
    public bool NeedsRowsOfRangeDeletes => false;

    /// <inheritdoc/>
    public void ThrowRowKeyTooLong(WriteTable table, int length)
        => throw new ArgumentException(
            $"Table '{table.Name}' is a SoftDelete table: its row keys may be at most {KeyLimits.MaxSoftDeleteKeyLength} bytes " +
            $"(KeyLimits.MaxSoftDeleteKeyLength: the deletion marker's key is the row key plus one byte), and this key encodes to {length}. " +
            "Keep long strings and byte arrays in the row's value, not its key.",
            "key");

    /// <summary>A soft delete: ONE write of the marker beside the row; the row is neither read nor rewritten.</summary>
    public bool TryRecordDelete(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks, out int op)
    {
        Span<byte> marker = stackalloc byte[DeletionMarker.ValueLength];
        DeletionMarker.WriteValue(marker, utcTicks);
        op = writes.AddPut(table, rowKey, DeletionMarker.KeySuffix, marker, ChangeKind.SoftDelete, utcTicks);
        return true;
    }

    /// <summary>A put always leaves a live row, whatever it races with: its marker is removed in the same write.</summary>
    public void OnRecorded(WriteSet writes, int op)
    {
        ref readonly WriteOp put = ref writes.Op(op);
        if (put.Change == ChangeKind.Put)
        {
            writes.AddDelete(put.Table, writes.RowKey(op), DeletionMarker.KeySuffix, change: null, put.UtcTicks);
        }
    }

    /// <summary>Records the restore of a row: the removal of its marker.</summary>
    public static void RecordRestore(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks)
        => table.Recorded(writes, writes.AddDelete(table, rowKey, DeletionMarker.KeySuffix, ChangeKind.Restore, utcTicks));

    /// <summary>Records the purge of a row: the row and its marker removed together.</summary>
    public static void RecordPurge(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks)
    {
        int op = writes.AddDelete(table, rowKey, ChangeKind.Purge, utcTicks);
        writes.AddDelete(table, rowKey, DeletionMarker.KeySuffix, change: null, utcTicks);
        table.Recorded(writes, op);
    }

    /// <summary>
    /// Records what <c>PurgeDeleted</c> removes for one marker it found: the marker, and the row when there is one
    /// (a marker may be an orphan: deleting a key without a row leaves one).
    /// </summary>
    public static void RecordPurgeFound(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, bool hasRow, long utcTicks)
    {
        writes.AddDelete(table, rowKey, DeletionMarker.KeySuffix, change: null, utcTicks);
        if (hasRow)
        {
            table.Recorded(writes, writes.AddDelete(table, rowKey, ChangeKind.Purge, utcTicks));
        }
    }

    /// <inheritdoc/>
    public bool AddsEntries(WriteSet writes) => false;

    /// <summary>Holds the gate as a writer, unless the set is the purger's own chunk (it holds the gate alone already).</summary>
    public void Enter(WriteSet writes)
    {
        if (!Gate.IsPurgeChunk(writes))
        {
            Gate.EnterWrite();
        }
    }

    /// <inheritdoc/>
    public ValueTask EnterAsync(WriteSet writes, CancellationToken cancellationToken)
        => Gate.IsPurgeChunk(writes) ? default : Gate.EnterWriteAsync(cancellationToken);

    /// <inheritdoc/>
    public void BeforeCommit(WriteSet writes, StorageWriteBatch? batch)
    {
    }

    /// <inheritdoc/>
    public void AfterCommit(WriteSet writes)
    {
    }

    /// <inheritdoc/>
    public void Release(WriteSet writes)
    {
        if (!Gate.IsPurgeChunk(writes))
        {
            Gate.ExitWrite();
        }
    }
}
