using TypedStore.Features.GeneratedIds;

namespace TypedStore.Tables;

/// <summary>
/// Tables with a <c>[Key(Generated = true)]</c> part: <c>Insert</c> assigns the next id of the table's sequence
/// (kept in the catalog, docs/table-kinds.md#catalog), and every Put keeps the generated ids (the sequence, or a stream's time-ordered ids) ahead of the ids it writes,
/// so an id a caller chose is never handed out by a later Insert. The ids themselves are the table's
/// <see cref="GeneratedIdSource"/> (Tables/GeneratedIds). Generated accessors of other tables never call these
/// members, so their Put pays nothing for them; they cannot: each member takes the table's codec again as
/// <c>TIdCodec</c>, constrained to <see cref="IGeneratedIdCodec{TRow, TKey}"/>, which only the codecs of tables with a
/// generated key part implement (a call for any other table does not compile).
/// </summary>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    /// <summary>Writes <paramref name="row"/> with the next id of the table's sequence as its generated key part and returns it as stored.</summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec.</typeparam>
    public TRow Insert<TIdCodec>(TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
    {
        ThrowIfNull(row);
        TRow stored = TIdCodec.WithGeneratedId(row, _generatedIds.NextSequenceId());
        Put(stored);
        return stored;
    }

    /// <summary>
    /// Records in <paramref name="batch"/> the write of <paramref name="row"/> with the next id of the table's
    /// sequence, taken now (an uncommitted batch leaves a gap, never a duplicate), and returns the row as it will be stored.
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec.</typeparam>
    public TRow Insert<TIdCodec>(StoreBatchRuntime batch, TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNull(row);
        TRow stored = TIdCodec.WithGeneratedId(row, _generatedIds.NextSequenceId());
        Put(batch, stored);
        return stored;
    }

    /// <summary>Keeps the table's generated ids above <paramref name="id"/>, an id about to be written (<see cref="GeneratedIdSource.AdvancePast"/>).</summary>
    private void AdvanceGeneratedIdsPast(long id) => _generatedIds.AdvancePast(id);

    /// <summary><see cref="Put(TRow)"/> for a table with a generated key part: the generated ids first move past the row's id.</summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec.</typeparam>
    public void PutAdvancingIds<TIdCodec>(TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
    {
        ThrowIfNull(row);
        AdvanceGeneratedIdsPast(TIdCodec.GetGeneratedId(TCodec.GetKey(row)));
        Put(row);
    }

    /// <summary><see cref="Put(StoreBatchRuntime, TRow)"/> for a table with a generated key part: the generated ids first move past the row's id.</summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec.</typeparam>
    public void PutAdvancingIds<TIdCodec>(StoreBatchRuntime batch, TRow row)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
    {
        ArgumentNullException.ThrowIfNull(batch);
        ThrowIfNull(row);
        AdvanceGeneratedIdsPast(TIdCodec.GetGeneratedId(TCodec.GetKey(row)));
        Put(batch, row);
    }

    /// <summary>
    /// <see cref="PutMany(StoreBatchRuntime, IEnumerable{TRow})"/> for a table with a generated key part: the generated
    /// ids move past the highest id once every row is recorded (a refused row records none and moves nothing).
    /// </summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec; the ids are read through the table's <see cref="GeneratedIdKeys{TKey}"/>.</typeparam>
    public void PutManyAdvancingIds<TIdCodec>(StoreBatchRuntime batch, IEnumerable<TRow> rows)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        => PutMany(batch, rows, advanceIds: true);

    /// <summary><see cref="PutMany(IEnumerable{TRow})"/> for a table with a generated key part: the generated ids move past the highest id before the rows are written.</summary>
    /// <typeparam name="TIdCodec">The table's codec (<typeparamref name="TCodec"/>), as a generated-id codec; the ids are read through the table's <see cref="GeneratedIdKeys{TKey}"/>.</typeparam>
    public void PutManyAdvancingIds<TIdCodec>(IEnumerable<TRow> rows)
        where TIdCodec : struct, IGeneratedIdCodec<TRow, TKey>
        => PutMany(rows, advanceIds: true);
}
