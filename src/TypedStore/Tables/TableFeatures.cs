using TypedStore.Features.ChangeFeed;
using TypedStore.Features.SoftDelete;
using TypedStore.Features.Streams;
using TypedStore.Runtime.Reads;
using TypedStore.Runtime.Writes;

namespace TypedStore.Tables;

/// <summary>
/// The lifecycle features one table opted into (soft delete, stream expiry, change feed), composed once when the table
/// is created, in the fixed module order: on the write side, the table's ordered interceptor array
/// (<see cref="WriteInterceptors"/>); on the read side, how its rows are read (<see cref="RowReader"/>) and the filters
/// that hide rows (<see cref="CreateReadFilters{TRow, TKey, TCodec}"/>). A table without any has none of this: its
/// <see cref="TableCore{TRow, TKey, TCodec}"/> keeps the plain one-call paths. This is the one place that knows which
/// feature brings which module; the table core only runs them.
/// </summary>
internal sealed class TableFeatures
{
    private TableFeatures(SoftDeleteInterceptor? softDelete, ChangeFeedTable? changeFeed, IWriteInterceptor[]? writeInterceptors, int ttlSeconds, bool agesById)
    {
        SoftDelete = softDelete;
        ChangeFeed = changeFeed;
        WriteInterceptors = writeInterceptors;
        TtlSeconds = ttlSeconds;
        AgesById = agesById;
    }

    /// <summary>The write side of a <c>SoftDelete</c> table; <see langword="null"/> otherwise.</summary>
    public SoftDeleteInterceptor? SoftDelete { get; }

    /// <summary>The gate of a <c>SoftDelete</c> table; <see langword="null"/> otherwise.</summary>
    public SoftDeleteGate? SoftDeleteGate => SoftDelete?.Gate;

    /// <summary>The table's place in the change log when it has a change feed; <see langword="null"/> otherwise.</summary>
    public ChangeFeedTable? ChangeFeed { get; }

    /// <summary>
    /// The table's write interceptors in <see cref="WriteStage"/> order, or <see langword="null"/> when writes do no more
    /// than write the row: stream tables without soft delete or a change feed keep the plain, allocation-free write
    /// paths (only their reads and Append differ).
    /// </summary>
    public IWriteInterceptor[]? WriteInterceptors { get; }

    /// <summary>
    /// How the table's rows are read: merged with their deletion markers on a <c>SoftDelete</c> table
    /// (<see cref="SoftDeleteRowReader"/>), alone otherwise.
    /// </summary>
    public RowReader RowReader => SoftDelete is null ? RowReader.Plain : SoftDeleteRowReader.Instance;

    /// <summary>A stream table's TtlSeconds; 0 when rows never expire (and for every other kind).</summary>
    public int TtlSeconds { get; }

    /// <summary>Whether a row's age comes from its time-ordered id (a stream table with a generated key part) rather than <c>_updated</c>.</summary>
    public bool AgesById { get; }

    /// <summary>
    /// The table's read filters in module order (today: stream expiry), or <see langword="null"/> when no row is ever
    /// hidden by one.
    /// </summary>
    /// <param name="generatedIdKeys">The generated id part of the table's keys (a stream's expiry reads ages from it); <see langword="null"/> when it has none.</param>
    public IReadFilter<TKey>[]? CreateReadFilters<TRow, TKey, TCodec>(GeneratedIdKeys<TKey>? generatedIdKeys)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => TtlSeconds > 0 ? [new StreamExpiryFilter<TRow, TKey, TCodec>(TtlSeconds, AgesById ? generatedIdKeys : null)] : null;

    /// <summary>The table's eviction job when it is a stream with a TTL; <see langword="null"/> otherwise.</summary>
    public StreamEviction<TRow, TKey, TCodec>? CreateEviction<TRow, TKey, TCodec>(TableCore<TRow, TKey, TCodec> table)
        where TKey : struct
        where TCodec : struct, IRowCodec<TRow, TKey>
        => TtlSeconds > 0 ? new StreamEviction<TRow, TKey, TCodec>(table, TtlSeconds, AgesById, SoftDelete is not null) : null;

    /// <summary>The features of <paramref name="descriptor"/>'s table, or <see langword="null"/> when it uses none.</summary>
    /// <param name="store">The store.</param>
    /// <param name="descriptor">The table.</param>
    /// <param name="hasTimeOrderedKey">Whether the codec has an ascending generated <see cref="long"/> key part.</param>
    /// <param name="userPrefixLength">The user prefix of a row key (the codec's), for a user table's change feed; <see langword="null"/> for other tables.</param>
    /// <param name="indexes">The write side of the table's indexes; <see langword="null"/> for a table without.</param>
    /// <param name="rowCache">The write side of the table's row cache; <see langword="null"/> for a table without.</param>
    public static TableFeatures? Create(StoreRuntime store, TableDescriptor descriptor, bool hasTimeOrderedKey, UserPrefixLength? userPrefixLength, IWriteInterceptor? indexes = null, IWriteInterceptor? rowCache = null)
    {
        bool stream = descriptor.Kind == TableKind.Stream;
        int ttlSeconds = stream ? descriptor.TtlSeconds : 0;
        bool streamIds = stream && hasTimeOrderedKey;
        if (!descriptor.SoftDelete && !descriptor.ChangeFeed && ttlSeconds == 0 && !streamIds && indexes is null && rowCache is null)
        {
            return null;
        }

        SoftDeleteInterceptor? softDelete = descriptor.SoftDelete ? new SoftDeleteInterceptor(new SoftDeleteGate()) : null;
        ChangeFeedTable? changeFeed = descriptor.ChangeFeed ? new ChangeFeedTable(store.GetChangeFeedLog(), descriptor) : null;

        // The fixed order of WriteStage: soft delete before the change feed, so the feed sees the marker a delete became;
        // indexes between them.
        List<IWriteInterceptor> interceptors = [];
        if (softDelete is not null)
        {
            interceptors.Add(softDelete);
        }

        if (indexes is not null)
        {
            interceptors.Add(indexes);
        }

        if (changeFeed is not null)
        {
            interceptors.Add(new ChangeFeedInterceptor(changeFeed, userPrefixLength));
        }

        // Last (WriteStage.RowCache): its step invalidates after the engine write, whatever the others added.
        if (rowCache is not null)
        {
            interceptors.Add(rowCache);
        }

        return new TableFeatures(
            softDelete,
            changeFeed,
            interceptors.Count > 0 ? interceptors.ToArray() : null,
            ttlSeconds,
            streamIds)
        {
            OnlyRowCache = rowCache is not null && interceptors.Count == 1 && ttlSeconds == 0 && !streamIds,
        };
    }

    /// <summary>
    /// Whether the table's only feature is a row cache: its rows sit and read exactly as a plain table's, so its reads
    /// keep the one-call paths (only its writes go through the write set, whose commit step invalidates the cache).
    /// </summary>
    public bool OnlyRowCache { get; private init; }
}
