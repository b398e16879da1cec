using System.Globalization;
using TypedStore.Catalog;
using TypedStore.Features.Streams;
using TypedStore.Tables;

namespace TypedStore.Features.GeneratedIds;

/// <summary>
/// The generated ids of one table with a <c>[Key(Generated = true)]</c> part (docs/table-kinds.md, "Generated ids"):
/// the catalog sequence behind <c>Insert</c>, or a stream's time-ordered ids behind <c>Append</c> with their durable
/// reservation, and the rule that keeps both ahead of every id a caller writes itself (<see cref="AdvancePast"/>).
/// Only the generated members of such tables call it; built once per table, it touches the catalog on first use.
/// </summary>
/// <remarks>
/// Not a commit step: ids must be ahead before the rows leave the caller (a batch takes its ids when it records, so an
/// uncommitted batch leaves a gap, never a duplicate), and the catalog writes its own synced sequence entries.
/// </remarks>
internal sealed class GeneratedIdSource
{
    private readonly StoreRuntime _store;
    private readonly string _table;
    private readonly TimeOrderedIdGenerator? _timeOrdered;
    private readonly Lock _timeOrderedLoad = new();

    // Loaded on first use; the catalog hands every caller the same instance, so a race only repeats the lookup.
    private IdSequence? _sequence;

    // The durable mark of the time-ordered ids handed out, in milliseconds (TimeOrderedIdReservation); set on first Append.
    private IdSequence? _reservation;
    private volatile bool _timeOrderedLoaded;

    /// <param name="store">The store (its catalog and clock).</param>
    /// <param name="table">The table's name.</param>
    /// <param name="timeOrdered">Whether the ids are a stream's time-ordered ids (an ascending generated <see cref="long"/> part of a Stream table).</param>
    public GeneratedIdSource(StoreRuntime store, string table, bool timeOrdered)
    {
        _store = store;
        _table = table;
        _timeOrdered = timeOrdered ? new TimeOrderedIdGenerator() : null;
    }

    private IdSequence Sequence => _sequence ??= _store.Catalog.GetSequence(_table);

    /// <summary>The next id of the table's catalog sequence (<c>Insert</c>).</summary>
    public long NextSequenceId() => Sequence.Next();

    /// <summary>
    /// The next time-ordered id (<c>Append</c>): greater than every id the table has stored or handed out, and covered
    /// by the durable reservation before it is returned. <paramref name="findLargestStoredId"/> runs once, on first use.
    /// </summary>
    public long NextTimeOrderedId<TState>(TState state, Func<TState, long?> findLargestStoredId)
    {
        TimeOrderedIdGenerator ids = _timeOrdered
            ?? throw new InvalidOperationException($"Table '{_table}' is not a Stream table with a [Key(Generated = true)] long key part; Append needs one.");
        EnsureTimeOrderedLoaded(ids, state, findLargestStoredId);
        long id = ids.Next(_store.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());

        // Durable before the id leaves: a row with it, or a caller holding it, never outlives the mark.
        TimeOrderedIdReservation.Cover(_reservation!, id);
        return id;
    }

    /// <summary>
    /// Keeps the table's generated ids above <paramref name="id"/>, an id about to be written: the catalog sequence
    /// (Insert) moves past it durably, a stream's time-ordered generator (Append) observes it. Without this a later
    /// Insert or Append could hand out the id of a row a caller wrote with its own id, and replace that row.
    /// </summary>
    public void AdvancePast(long id)
    {
        if (_timeOrdered is { } streamIds)
        {
            ThrowIfTooFarAhead(id);
            streamIds.Observe(id);
        }
        else
        {
            Sequence.AdvancePast(id);
        }
    }

    // Runs once (the first Append): opens the reservation and makes the generator start above both the largest
    // stored id and every id a previous session may have handed out.
    private void EnsureTimeOrderedLoaded<TState>(TimeOrderedIdGenerator ids, TState state, Func<TState, long?> findLargestStoredId)
    {
        if (_timeOrderedLoaded)
        {
            return;
        }

        lock (_timeOrderedLoad)
        {
            if (_timeOrderedLoaded)
            {
                return;
            }

            IdSequence reservation = _store.Catalog.GetSequence(TimeOrderedIdReservation.SequenceName(_table));
            ids.Observe(TimeOrderedIdReservation.LastIdBeforeUnreserved(reservation));
            if (findLargestStoredId(state) is { } largest)
            {
                ids.Observe(largest);
            }

            _reservation = reservation;
            _timeOrderedLoaded = true;
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
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToString("O", CultureInfo.InvariantCulture)
                : "after the year 9999";
            throw new ArgumentOutOfRangeException(
                "row",
                id,
                $"Table '{_table}': the stream id {id} is dated {dated}, "
                + $"more than {TimeOrderedId.MaxLeadOverClock.TotalHours:0} hour ahead of the clock ({now.ToString("O", CultureInfo.InvariantCulture)}). Stream ids are times: Append "
                + "would hand out ids after it from then on and rows would never expire. Nothing was written.");
        }
    }
}
