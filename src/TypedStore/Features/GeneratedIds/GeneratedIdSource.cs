using System.Globalization;
using TypedStore.Catalog;
using TypedStore.Features.Streams;
using TypedStore.Runtime.Writes;
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

    // Held while the time-ordered ids load (the first Append): not owned by a thread, so the async load may await the
    // catalog while holding it.
    private readonly CommitGate _timeOrderedLoad = new();

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
    /// The async form of <see cref="NextSequenceId"/> (<c>InsertAsync</c>): the sequence is loaded with the catalog's
    /// async read on first use, and a new block of ids is reserved with its async write, so no thread blocks on an
    /// async engine; an id of the reserved block is a completed task.
    /// </summary>
    public ValueTask<long> NextSequenceIdAsync(CancellationToken cancellationToken)
        => _sequence is { } sequence ? sequence.NextAsync(cancellationToken) : LoadThenNextSequenceIdAsync(cancellationToken);

    /// <summary>
    /// The async form of <see cref="NextTimeOrderedId"/> (<c>AppendAsync</c>): the durable reservation covers the id
    /// with the catalog's async write when it must move (once per reserved second). The first Append of a session
    /// loads the reservation and finds the largest stored id (<paramref name="findLargestStoredId"/>, over async pages)
    /// under the same load gate as the synchronous member, which no thread owns: concurrent first calls wait for one load
    /// and then take distinct, increasing ids.
    /// </summary>
    public ValueTask<long> NextTimeOrderedIdAsync<TState>(TState state, Func<TState, CancellationToken, ValueTask<long?>> findLargestStoredId, CancellationToken cancellationToken)
    {
        try
        {
            TimeOrderedIdGenerator ids = _timeOrdered
                ?? throw new InvalidOperationException($"Table '{_table}' is not a Stream table with a [Key(Generated = true)] long key part; Append needs one.");
            if (!_timeOrderedLoaded)
            {
                return LoadThenNextTimeOrderedIdAsync(ids, state, findLargestStoredId, cancellationToken);
            }

            return CoveredAsync(ids.Next(_store.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException<long>(error);
        }
    }

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

        _timeOrderedLoad.Enter();
        try
        {
            if (_timeOrderedLoaded)
            {
                return;
            }

            IdSequence reservation = _store.Catalog.GetSequence(TimeOrderedIdReservation.SequenceName(_table));
            ids.Observe(TimeOrderedIdReservation.LastIdBeforeUnreserved(reservation));
            LoadedTimeOrdered(ids, reservation, findLargestStoredId(state));
        }
        finally
        {
            _timeOrderedLoad.Exit();
        }
    }

    private async ValueTask<long> LoadThenNextTimeOrderedIdAsync<TState>(
        TimeOrderedIdGenerator ids, TState state, Func<TState, CancellationToken, ValueTask<long?>> findLargestStoredId, CancellationToken cancellationToken)
    {
        await _timeOrderedLoad.EnterAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_timeOrderedLoaded)
            {
                IdSequence reservation = await _store.Catalog.GetSequenceAsync(TimeOrderedIdReservation.SequenceName(_table), cancellationToken).ConfigureAwait(false);
                ids.Observe(TimeOrderedId.FirstOf(await reservation.NextAsync(cancellationToken).ConfigureAwait(false)) - 1);
                LoadedTimeOrdered(ids, reservation, await findLargestStoredId(state, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            _timeOrderedLoad.Exit();
        }

        return await CoveredAsync(ids.Next(_store.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds()), cancellationToken).ConfigureAwait(false);
    }

    private void LoadedTimeOrdered(TimeOrderedIdGenerator ids, IdSequence reservation, long? largestStored)
    {
        if (largestStored is { } largest)
        {
            ids.Observe(largest);
        }

        _reservation = reservation;
        _timeOrderedLoaded = true;
    }

    // Durable before the id leaves: a row with it, or a caller holding it, never outlives the mark.
    private ValueTask<long> CoveredAsync(long id, CancellationToken cancellationToken)
    {
        ValueTask cover = TimeOrderedIdReservation.CoverAsync(_reservation!, id, cancellationToken);
        return cover.IsCompletedSuccessfully ? new ValueTask<long>(id) : AfterCover(cover, id);

        static async ValueTask<long> AfterCover(ValueTask cover, long id)
        {
            await cover.ConfigureAwait(false);
            return id;
        }
    }

    private async ValueTask<long> LoadThenNextSequenceIdAsync(CancellationToken cancellationToken)
    {
        IdSequence sequence = await _store.Catalog.GetSequenceAsync(_table, cancellationToken).ConfigureAwait(false);
        _sequence = sequence;
        return await sequence.NextAsync(cancellationToken).ConfigureAwait(false);
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
