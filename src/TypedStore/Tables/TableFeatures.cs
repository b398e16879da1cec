using TypedStore.Catalog;
using TypedStore.Tables.Changes;
using TypedStore.Tables.SoftDelete;
using TypedStore.Tables.Streams;

namespace TypedStore.Tables;

/// <summary>
/// The lifecycle features one table opted into (soft delete, stream expiry and ids, change feed) and the state
/// they need. A table without any has none of this: its <see cref="TableCore{TRow, TKey, TCodec}"/> keeps the
/// plain one-call paths.
/// </summary>
internal sealed class TableFeatures
{
    private readonly Lock _idsLoad = new();
    private volatile bool _idsLoaded;

    private TableFeatures(SoftDeleteGate? softDeleteGate, ChangeFeedTable? changeFeed, int ttlSeconds, bool agesById, TimeOrderedIdGenerator? ids)
    {
        SoftDeleteGate = softDeleteGate;
        ChangeFeed = changeFeed;
        TtlSeconds = ttlSeconds;
        AgesById = agesById;
        Ids = ids;
    }

    /// <summary>The gate of a <c>SoftDelete</c> table; <see langword="null"/> otherwise.</summary>
    public SoftDeleteGate? SoftDeleteGate { get; }

    /// <summary>The table's place in the change log when it has a change feed; <see langword="null"/> otherwise.</summary>
    public ChangeFeedTable? ChangeFeed { get; }

    /// <summary>
    /// Whether writes do more than write the row (clear a deletion marker, record a change). Stream tables without
    /// either keep the plain, allocation-free write paths: only their reads and Append differ.
    /// </summary>
    public bool ChangesWrites => SoftDeleteGate is not null || ChangeFeed is not null;

    /// <summary>A stream table's TtlSeconds; 0 when rows never expire (and for every other kind).</summary>
    public int TtlSeconds { get; }

    /// <summary>Whether a row's age comes from its time-ordered id (a stream table with a generated key part) rather than <c>_updated</c>.</summary>
    public bool AgesById { get; }

    /// <summary>A stream table's id generator, when it has a generated key part.</summary>
    public TimeOrderedIdGenerator? Ids { get; }

    /// <summary>Whether the generator has seen the largest stored id.</summary>
    public bool IdsLoaded => _idsLoaded;

    /// <summary>
    /// The durable mark of a stream table's handed-out ids, in milliseconds (<see cref="TimeOrderedIdReservation"/>);
    /// set by <see cref="EnsureIdsLoaded"/>.
    /// </summary>
    public IdSequence? IdReservation { get; private set; }

    /// <summary>The features of <paramref name="descriptor"/>'s table, or <see langword="null"/> when it uses none.</summary>
    /// <param name="store">The store.</param>
    /// <param name="descriptor">The table.</param>
    /// <param name="hasTimeOrderedKey">Whether the codec has an ascending generated <see cref="long"/> key part.</param>
    public static TableFeatures? Create(StoreRuntime store, TableDescriptor descriptor, bool hasTimeOrderedKey)
    {
        bool stream = descriptor.Kind == TableKind.Stream;
        int ttlSeconds = stream ? descriptor.TtlSeconds : 0;
        bool streamIds = stream && hasTimeOrderedKey;
        if (!descriptor.SoftDelete && !descriptor.ChangeFeed && ttlSeconds == 0 && !streamIds)
        {
            return null;
        }

        return new TableFeatures(
            descriptor.SoftDelete ? new SoftDeleteGate() : null,
            descriptor.ChangeFeed ? new ChangeFeedTable(store.GetChangeFeedLog(), descriptor) : null,
            ttlSeconds,
            streamIds,
            streamIds ? new TimeOrderedIdGenerator() : null);
    }

    /// <summary>
    /// Runs once (the first <c>Append</c>): opens the table's id reservation and makes the generator start above
    /// both the largest stored id and every id a previous session may have handed out.
    /// </summary>
    public void EnsureIdsLoaded<TState>(TState state, Func<TState, long?> findLargestStoredId, Func<TState, IdSequence> openReservation)
    {
        if (_idsLoaded)
        {
            return;
        }

        lock (_idsLoad)
        {
            if (_idsLoaded)
            {
                return;
            }

            IdSequence reservation = openReservation(state);
            Ids!.Observe(TimeOrderedIdReservation.LastIdBeforeUnreserved(reservation));
            if (findLargestStoredId(state) is { } largest)
            {
                Ids.Observe(largest);
            }

            IdReservation = reservation;
            _idsLoaded = true;
        }
    }
}
