using TypedStore.Features.GeneratedIds;

namespace TypedStore.Tables;

/// <summary>
/// Tables with a <c>[Key(Generated = true)]</c> part: <c>Insert</c> assigns the next id of the table's sequence
/// (kept in the catalog, docs/table-kinds.md#catalog), and every Put keeps the generated ids (the sequence, or a stream's time-ordered ids) ahead of the ids it writes,
/// so an id a caller chose is never handed out by a later Insert. The ids themselves are the table's
/// <see cref="GeneratedIdSource"/> (Tables/GeneratedIds). Generated accessors of other tables never call these
/// members, so their Put pays nothing for them.
/// </summary>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    /// <summary>Writes <paramref name="row"/> with the next id of the table's sequence as its generated key part and returns it as stored.</summary>
    public TRow Insert(TRow row)
    {
        ThrowIfNull(row);
        TRow stored = TCodec.WithGeneratedId(row, _generatedIds.NextSequenceId());
        Put(stored);
        return stored;
    }

    /// <summary>
    /// Records in <paramref name="batch"/> the write of <paramref name="row"/> with the next id of the table's
    /// sequence, taken now (an uncommitted batch leaves a gap, never a duplicate), and returns the row as it will be stored.
    /// </summary>
    public TRow Insert(StoreBatchRuntime batch, TRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNull(row);
        TRow stored = TCodec.WithGeneratedId(row, _generatedIds.NextSequenceId());
        Put(batch, stored);
        return stored;
    }

    /// <summary>Keeps the table's generated ids above <paramref name="id"/>, an id about to be written (<see cref="GeneratedIdSource.AdvancePast"/>).</summary>
    private void AdvanceGeneratedIdsPast(long id) => _generatedIds.AdvancePast(id);

    /// <summary><see cref="Put(TRow)"/> for a table with a generated key part: the generated ids first move past the row's id.</summary>
    public void PutAdvancingIds(TRow row)
    {
        ThrowIfNull(row);
        AdvanceGeneratedIdsPast(TCodec.GetGeneratedId(TCodec.GetKey(row)));
        Put(row);
    }

    /// <summary><see cref="Put(StoreBatchRuntime, TRow)"/> for a table with a generated key part: the generated ids first move past the row's id.</summary>
    public void PutAdvancingIds(StoreBatchRuntime batch, TRow row)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNull(row);
        AdvanceGeneratedIdsPast(TCodec.GetGeneratedId(TCodec.GetKey(row)));
        Put(batch, row);
    }

    /// <summary>
    /// <see cref="PutMany(StoreBatchRuntime, IEnumerable{TRow})"/> for a table with a generated key part: the generated
    /// ids move past the highest id once every row is recorded (a refused row records none and moves nothing).
    /// </summary>
    public void PutManyAdvancingIds(StoreBatchRuntime batch, IEnumerable<TRow> rows) => PutMany(batch, rows, advanceIds: true);

    /// <summary><see cref="PutMany(IEnumerable{TRow})"/> for a table with a generated key part: the generated ids move past the highest id before the rows are written.</summary>
    public void PutManyAdvancingIds(IEnumerable<TRow> rows) => PutMany(rows, advanceIds: true);
}
