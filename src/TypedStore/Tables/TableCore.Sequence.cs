using TypedStore.Catalog;
using TypedStore.Storage;
using TypedStore.Tables.Streams;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// Tables with a <c>[Key(Generated = true)]</c> part: <c>Insert</c> assigns the next id of the table's sequence
/// (kept in the catalog, docs/table-kinds.md#catalog), and every Put keeps the generated ids (the sequence, or a stream's time-ordered ids) ahead of the ids it writes,
/// so an id a caller chose is never handed out by a later Insert. Generated accessors of other tables never
/// call these members, so their Put pays nothing for them.
/// </summary>
public sealed partial class TableCore<TRow, TKey, TCodec>
{
    // Loaded on first use; the catalog hands every caller the same instance, so a race only repeats the lookup.
    private IdSequence? _sequence;

    private IdSequence Sequence => _sequence ??= _store.Catalog.GetSequence(Descriptor.Name);

    /// <summary>Writes <paramref name="row"/> with the next id of the table's sequence as its generated key part and returns it as stored.</summary>
    public TRow Insert(TRow row)
    {
        ThrowIfNull(row);
        TRow stored = TCodec.WithGeneratedId(row, Sequence.Next());
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
        TRow stored = TCodec.WithGeneratedId(row, Sequence.Next());
        Put(batch, stored);
        return stored;
    }

    /// <summary>
    /// Keeps the table's generated ids above <paramref name="id"/>, an id about to be written: the catalog sequence
    /// (Insert) moves past it durably, a stream's time-ordered generator (Append) observes it. Without this a later
    /// Insert or Append could hand out the id of a row a caller wrote with its own id, and replace that row.
    /// </summary>
    private void AdvanceGeneratedIdsPast(long id)
    {
        if (_features?.Ids is { } streamIds)
        {
            ThrowIfTooFarAhead(id);
            streamIds.Observe(id);
        }
        else
        {
            Sequence.AdvancePast(id);
        }
    }

    // A stream row's id is its time: one dated far ahead would move the generator (and its durable reservation) there
    // for good, and every later row would age from that date (TimeOrderedId.MaxLeadOverClock).
    private void ThrowIfTooFarAhead(long id)
    {
        DateTimeOffset now = _store.Options.TimeProvider.GetUtcNow();
        long limit = TimeOrderedId.FirstOf((now + TimeOrderedId.MaxLeadOverClock).ToUnixTimeMilliseconds() + 1) - 1;
        if (id > limit)
        {
            long milliseconds = TimeOrderedId.MillisecondsOf(id);
            string dated = milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToString("O", System.Globalization.CultureInfo.InvariantCulture)
                : "after the year 9999";
            throw new ArgumentOutOfRangeException(
                "row",
                id,
                $"Table '{Descriptor.Name}': the stream id {id} is dated {dated}, "
                + $"more than {TimeOrderedId.MaxLeadOverClock.TotalHours:0} hour ahead of the clock ({now.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}). Stream ids are times: Append "
                + "would hand out ids after it from then on and rows would never expire. Nothing was written.");
        }
    }

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

    /// <summary><see cref="PutMany(IEnumerable{TRow})"/> for a table with a generated key part: the generated ids move past the highest id before the batch is written.</summary>
    public void PutManyAdvancingIds(IEnumerable<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (_features is { ChangesWrites: true })
        {
            PutManyWithFeatures(rows, advanceIds: true);
            return;
        }

        StorageEngine engine = _store.Engine;
        long updatedTicks = _store.GetUtcNowTicks();
        using StorageWriteBatch batch = engine.CreateWriteBatch();
        long highest = long.MinValue;
        ValueWriter value = new(stackalloc byte[StackValueLength]);
        try
        {
            foreach (TRow row in rows)
            {
                AddPut(batch, row, ref value, updatedTicks);
                highest = Math.Max(highest, TCodec.GetGeneratedId(TCodec.GetKey(row)));
            }
        }
        finally
        {
            value.Dispose();
        }

        if (batch.Count > 0)
        {
            AdvanceGeneratedIdsPast(highest);
            engine.Write(batch, _durability);
        }
    }
}
