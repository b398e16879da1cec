namespace TypedStore.Runtime.Writes;

/// <summary>
/// A feature's part in a table's writes (soft delete, change feed; later indexes and the row cache). A table holds its
/// interceptors as one array in <see cref="WriteStage"/> order, built once when the table is created; a table
/// without any has no array at all and keeps the one-engine-call write paths.
/// </summary>
/// <remarks>
/// Record time (a put, delete or range delete is added to a <see cref="WriteSet"/>): the interceptor may add ops of its
/// own or notes for its commit step, all of which a save point takes back. Commit time: its <see cref="CommitStep"/>.
/// </remarks>
internal interface IWriteInterceptor
{
    /// <summary>The longest row key the feature can handle (<see cref="Keys.KeyLimits.MaxKeyLength"/> when it does not care).</summary>
    int MaxRowKeyLength { get; }

    /// <summary>What the feature does at commit, or <see langword="null"/>.</summary>
    ICommitStep? CommitStep { get; }

    /// <summary>Throws the feature's refusal of a row key of <paramref name="length"/> bytes (over <see cref="MaxRowKeyLength"/>).</summary>
    void ThrowRowKeyTooLong(WriteTable table, int length);

    /// <summary>
    /// Whether the feature must see each row a range delete removes (a change feed records one change per row): the
    /// table then records a range delete as one removal per row found in it (<see cref="WriteTable.RangeDeletesByRow"/>).
    /// </summary>
    bool NeedsRowsOfRangeDeletes { get; }

    /// <summary>
    /// Lets the feature record a row delete its own way (a soft delete writes a marker instead): returns
    /// <see langword="true"/> and the op it recorded, or <see langword="false"/> to leave the delete to the table.
    /// </summary>
    bool TryRecordDelete(WriteSet writes, WriteTable table, ReadOnlySpan<byte> rowKey, long utcTicks, out int op);

    /// <summary>
    /// Called once per row operation of the table (its op's <see cref="WriteOp.Change"/> says which: a put, delete, soft
    /// delete, restore, purge or user delete), after the op was added.
    /// </summary>
    void OnRecorded(WriteSet writes, int op);
}
