using TypedStore.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using MessagePack;
using TypedStore.Features.ChangeFeed;
using TypedStore.Features.GeneratedIds;
using TypedStore.Features.Indexes;
using TypedStore.Features.RowCache;
using TypedStore.Features.SoftDelete;
using TypedStore.Features.Streams;
using TypedStore.Keys;
using TypedStore.Queries;
using TypedStore.Runtime.Reads;
using TypedStore.Runtime.Writes;
using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tables;

/// <summary>
/// One table of an open store: its description, column family and modules, composed once at construction, and the
/// objects that work on it. <see cref="Reader"/> (point reads, scans, counts in any <see cref="Runtime.Contexts.IReadContext"/>)
/// and <see cref="Writer"/> (puts, deletes in any <see cref="Runtime.Contexts.IWriteContext"/>) serve every table; the
/// feature objects (<see cref="SoftDelete"/>, <see cref="ChangeFeed"/>, <see cref="GeneratedIds"/>,
/// <see cref="Eviction"/>) carry the members only tables with that feature have, and generated code reaches them only
/// for such tables. The row's key and value encoding through <typeparamref name="TCodec"/>'s static members is here,
/// shared by all of them. <typeparamref name="TCodec"/> is a struct, so the JIT compiles a specialised copy per table
/// and the codec calls are direct.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
/// <typeparam name="TKey">The struct of key parts.</typeparam>
/// <typeparam name="TCodec">The generated codec.</typeparam>
/// <remarks>
/// Thread-safe: the only mutable state is per-thread pooled buffers. Keys are encoded into a stack buffer
/// that spills into <see cref="System.Buffers.ArrayPool{T}"/> only for keys longer than it; values likewise.
/// Stack buffers are not zeroed (<see cref="SkipLocalsInitAttribute"/>): the key and value writers only read
/// bytes they wrote, and clearing 768 bytes per write was a measurable share of a Put.
/// </remarks>
[SkipLocalsInit]
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public sealed partial class TableCore<TRow, TKey, TCodec>
    where TKey : struct
    where TCodec : struct, IRowCodec<TRow, TKey>
{
    /// <summary>Size of the stack buffer keys are encoded into; longer keys spill into a pooled array.</summary>
    public const int StackKeyLength = 256;

    /// <summary>Size of the stack buffer values are encoded into; larger values spill into a pooled array.</summary>
    public const int StackValueLength = 512;

    /// <summary>How many partitions one eviction write covers; larger tables are evicted in several atomic writes.</summary>
    internal const int EvictionPartitionsPerWrite = 1024;

    /// <summary>The most marker entries (rows or orphans) <see cref="SoftDeleteTable{TRow, TKey, TCodec}.PurgeDeleted"/> examines while keeping writers out.</summary>
    internal const int PurgeChunkSize = 1024;

    // The read filters, fixed at construction (null: none), and what they need of each row (a count reads headers or
    // decodes keys only when some filter needs them).
    private readonly IReadFilter<TKey>[]? _readFilters;
    private readonly ReadNeeds _readNeeds;

    // The codec roles of the table's features (null when it has none): the generated id part of its keys, the
    // partition prefixes of a stream's keys, the user keys of a user table's change feed.
    private readonly GeneratedIdKeys<TKey>? _generatedIdKeys;
    private readonly KeyPrefixLengths? _keyPrefixes;
    private readonly UserKeys<TKey>? _userKeys;

    /// <summary>Binds the table described by <paramref name="descriptor"/> to its column family in <paramref name="store"/>.</summary>
    /// <param name="store">The store.</param>
    /// <param name="descriptor">The table.</param>
    /// <param name="generatedIdKeys">For a table with a <c>[Key(Generated = true)]</c> part, that part of its keys.</param>
    /// <param name="keyPrefixes">For a stream whose time-ordered id follows partition parts, the measure of its partitions.</param>
    /// <param name="userKeys">For a user table with a change feed, the user part of its keys.</param>
    /// <param name="indexes">For a table with indexes, one per declared index, in the descriptor's order.</param>
    public TableCore(StoreRuntime store, TableDescriptor descriptor, GeneratedIdKeys<TKey>? generatedIdKeys = null, KeyPrefixLengths? keyPrefixes = null, UserKeys<TKey>? userKeys = null, TableIndex<TRow>[]? indexes = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(descriptor);
        CodecRoles.Check(descriptor, generatedIdKeys, keyPrefixes, userKeys);
        Store = store;
        Descriptor = descriptor;
        ColumnFamily = store.GetColumnFamily(descriptor);
        _generatedIdKeys = generatedIdKeys;
        _keyPrefixes = keyPrefixes;
        _userKeys = userKeys;

        // System tables hold the store's own metadata: losing an acknowledged write there is never acceptable.
        Durability = descriptor.Kind == TableKind.System ? WriteDurability.Synced : WriteDurability.Default;

        Metrics = new TableMetrics(store.Name, descriptor.Name);

        // Indexes first: their write side is one of the modules the features compose.
        Indexes = CreateIndexes(indexes);
        RowCache = CreateRowCache();

        // The one place the table's features are looked at: each brings its modules, composed here once.
        TableFeatures? features = CreateFeatures();
        RowObservers = Indexes is { } tableIndexes ? [tableIndexes.Maintenance] : null;
        WriteTable = new WriteTable(descriptor.Name, ColumnFamily, Durability, features?.WriteInterceptors);
        RowReader = features?.RowReader ?? RowReader.Plain;
        _readFilters = features?.CreateReadFilters<TRow, TKey, TCodec>(_generatedIdKeys);
        _readNeeds = CombineNeeds(_readFilters);
        GeneratedIdSource ids = new(store, descriptor.Name, timeOrdered: features?.AgesById == true);

        // Any module at all (a change feed too) takes the module read path, which reads each row's header; only a
        // table without features keeps the one-call reads. A table without write interceptors keeps the one-call
        // direct Put and Delete.
        // A row cache alone changes no read (rows sit as in a plain table); it only takes writes through the write set.
        bool plainReads = features is null || features.OnlyRowCache;
        Reader = new TableReader<TRow, TKey, TCodec>(this, plainReads);
        Writer = new TableWriter<TRow, TKey, TCodec>(this, plainWrites: WriteTable.Interceptors is null, ids);
        Queries = new TableQueryReader<TRow, TKey, TCodec>(this, plainReads);
        GeneratedIds = new GeneratedIdTable<TRow, TKey, TCodec>(this, ids);
        SoftDelete = features?.SoftDelete is { } softDelete ? new SoftDeleteTable<TRow, TKey, TCodec>(this, softDelete.Gate) : null;
        ChangeFeed = features?.ChangeFeed is { } changeFeed ? new ChangeFeedReader<TRow, TKey, TCodec>(this, changeFeed) : null;
        Eviction = features?.CreateEviction(this);
        if (Eviction is not null)
        {
            store.RegisterExpiringTable(Eviction);
        }

        if (Indexes is not null)
        {
            store.RegisterIndexedTable(Indexes);
        }

        if (RowCache is not null)
        {
            store.RegisterRowCache(RowCache);
        }
    }

    /// <summary>
    /// The row cache of a table that declares one (<c>CacheSize</c>); <see langword="null"/> for other tables. A
    /// <see cref="RowCache{TRow, TCacheKey}"/> keyed by the key string when the codec says the key is one string
    /// (<see cref="IRowCodec{TRow, TKey}.KeyIsOneString"/>), by the encoded key otherwise.
    /// </summary>
    internal IRowCache? RowCache { get; }

    /// <summary>The indexes of a table that declares some (scans, counts, unique lookups, Verify); <see langword="null"/> for other tables.</summary>
    public TableIndexes<TRow, TKey, TCodec>? Indexes { get; }

    /// <summary>The table's description.</summary>
    public TableDescriptor Descriptor { get; }

    /// <summary>The table's side of the store's metrics (counts and durations of its operations).</summary>
    internal TableMetrics Metrics { get; }

    /// <summary>The features that see each recorded put's row object (an index computes its entries from it); <see langword="null"/> when none.</summary>
    internal IRowWriteObserver<TRow>[]? RowObservers { get; }

    /// <summary>The table's reads (point reads, scans, counts), in any read context.</summary>
    public TableReader<TRow, TKey, TCodec> Reader { get; }

    /// <summary>The table's writes (puts, deletes, prefix deletes), in any write context.</summary>
    public TableWriter<TRow, TKey, TCodec> Writer { get; }

    /// <summary>The table's queries (ranges: rows, first/last, any, count, keys, pages, range delete), in any context.</summary>
    public QueryReader<TRow> Queries { get; }

    /// <summary>
    /// Insert, Append and the puts that keep generated ids ahead of the ids written. Present on every table (the id
    /// source is cheap and lazy); generated code reaches it only for tables with a <c>[Key(Generated = true)]</c> part.
    /// </summary>
    public GeneratedIdTable<TRow, TKey, TCodec> GeneratedIds { get; }

    /// <summary>Restore, Purge and PurgeDeleted of a <c>SoftDelete</c> table; <see langword="null"/> for other tables.</summary>
    public SoftDeleteTable<TRow, TKey, TCodec>? SoftDelete { get; }

    /// <summary>The change feed of a <c>ChangeFeed</c> table; <see langword="null"/> for other tables.</summary>
    public ChangeFeedReader<TRow, TKey, TCodec>? ChangeFeed { get; }

    /// <summary>The eviction job of a stream table with a TTL; <see langword="null"/> for other tables (nothing ever expires).</summary>
    public StreamEviction<TRow, TKey, TCodec>? Eviction { get; }

    internal StoreRuntime Store { get; }

    internal StorageColumnFamily ColumnFamily { get; }

    internal WriteDurability Durability { get; }

    /// <summary>The table as the write path sees it: column family, durability, ordered interceptors (null for a plain table).</summary>
    internal WriteTable WriteTable { get; }

    /// <summary>How the table's rows are read: alone, or merged with what a feature keeps beside them (soft-delete markers).</summary>
    internal RowReader RowReader { get; }

    /// <summary>The moment a read judges rows by: the clock when a filter needs it, else 0 (the clock is not read).</summary>
    internal long ReadNow() => (_readNeeds & ReadNeeds.Clock) != 0 ? Store.Options.TimeProvider.GetUtcNow().UtcTicks : 0;

    /// <summary>Whether a count must read each row's header (some filter needs it).</summary>
    internal bool FiltersNeedHeader => (_readNeeds & ReadNeeds.Header) != 0;

    /// <summary>Whether a count must decode each row's key (some filter needs it).</summary>
    internal bool FiltersNeedKey => (_readNeeds & ReadNeeds.DecodedKey) != 0;

    /// <summary>Whether the table has read filters at all.</summary>
    internal bool HasReadFilters => _readFilters is not null;

    /// <summary>Whether one of the table's read filters hides the row with these key parts and header at <paramref name="nowUtcTicks"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsHidden(in TKey key, in ValueHeader header, long nowUtcTicks)
    {
        IReadFilter<TKey>[]? filters = _readFilters;
        if (filters is null)
        {
            return false;
        }

        foreach (IReadFilter<TKey> filter in filters)
        {
            if (filter.Hides(key, header, nowUtcTicks))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes one stored row, turning any decoding failure into a <see cref="CorruptDataException"/> naming the table and key.</summary>
    internal TRow DecodeRow(ReadOnlySpan<byte> encodedKey, in TKey key, ReadOnlyMemory<byte> value)
    {
        try
        {
            MessagePackReader reader = new(value[ValueEnvelope.HeaderLength..]);
            TRow row = TCodec.ReadValue(ref reader, key);
            if (!reader.End)
            {
                throw new MessagePackSerializationException($"{reader.Sequence.Length - reader.Consumed} unexpected bytes follow the row's members.");
            }

            return row;
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Corrupt(encodedKey, "its value cannot be decoded", ex);
        }
    }

    /// <summary>Decodes the key parts of a stored key, turning any failure into a <see cref="CorruptDataException"/>.</summary>
    internal TKey DecodeKey(ReadOnlySpan<byte> encodedKey)
    {
        try
        {
            KeyReader reader = new(encodedKey);
            TKey key = TCodec.ReadKey(ref reader);
            if (!reader.IsAtEnd)
            {
                throw new FormatException($"{encodedKey.Length - reader.Position} unexpected bytes follow the key's parts.");
            }

            return key;
        }
        catch (Exception ex) when (IsDecodingFailure(ex))
        {
            throw Corrupt(encodedKey, "the key cannot be decoded", ex);
        }
    }

    /// <summary>Reads a stored value's header, or throws <see cref="CorruptDataException"/>.</summary>
    internal ValueHeader ReadHeader(ReadOnlySpan<byte> value, ReadOnlySpan<byte> encodedKey)
    {
        if (!ValueEnvelope.TryReadHeader(value, out ValueHeader header))
        {
            throw Corrupt(encodedKey, $"its value header is invalid ({value.Length} bytes, format version {(value.IsEmpty ? "missing" : value[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}, expected {ValueEnvelope.FormatVersion})", null);
        }

        return header;
    }

    // Every row key is encoded here, so every refusal names the table, by every operation alike. The key writer's own
    // refusals (a null part, a key over KeyLimits.MaxKeyLength, an unpaired surrogate, an Unspecified or unconvertible
    // DateTime) do not know the table. A table whose features limit keys (a SoftDelete table's must leave room for its
    // deletion marker's suffix byte, KeyLimits.MaxSoftDeleteKeyLength, or the row could be written but never read,
    // deleted, restored or purged) is checked here too, before anything is recorded.
    internal void EncodeRowKey(ref KeyWriter writer, in TKey key)
    {
        try
        {
            TCodec.WriteKey(ref writer, key);
        }
        catch (ArgumentException ex)
        {
            throw KeyRefused(ex);
        }

        if (WriteTable.LimitsRowKeys)
        {
            WriteTable.ThrowIfRowKeyTooLong(writer.Length);
        }
    }

    /// <summary>A key writer's refusal, told again with the table's name (same exception type, the original inside).</summary>
    internal ArgumentException KeyRefused(ArgumentException refusal)
    {
        string message = $"Table '{Descriptor.Name}' refuses the key: {refusal.Message}";
        return refusal switch
        {
            ArgumentNullException => new ArgumentNullException(message, refusal),
            ArgumentOutOfRangeException => new ArgumentOutOfRangeException(message, refusal),
            _ => new ArgumentException(message, refusal.ParamName, refusal),
        };
    }

    internal void EncodeValue(ref ValueWriter value, TRow row, ValueFlags flags, long updatedUtcTicks)
    {
        ValueEnvelope.WriteHeader(value.GetSpan(ValueEnvelope.HeaderLength), flags, updatedUtcTicks);
        value.Advance(ValueEnvelope.HeaderLength);
        try
        {
            TCodec.WriteValue(ref value, row);
        }
        catch (ValueTooLargeException ex) when (ex.Table is null)
        {
            throw ValueTooLarge(ex, value.WrittenSpan); // TableCore.ValueLimits.cs: names the table and the member
        }
    }

    /// <summary>The generated id part of the table's keys; <see langword="null"/> when it has none.</summary>
    internal GeneratedIdKeys<TKey>? GeneratedIdKeys => _generatedIdKeys;

    /// <summary>The user part of a user table's keys (its change feed decodes it); <see langword="null"/> for other tables.</summary>
    internal UserKeys<TKey>? UserKeys => _userKeys;

    /// <summary>The length of a stored key's partition prefix: the key parts before the generated one.</summary>
    internal int PartitionPrefixLength(ReadOnlySpan<byte> key)
    {
        try
        {
            return _keyPrefixes!.Measure(key, _generatedIdKeys!.Part);
        }
        catch (KeyFormatException ex)
        {
            throw Corrupt(key, "the key cannot be decoded", ex);
        }
    }

    internal CorruptDataException Corrupt(ReadOnlySpan<byte> encodedKey, string reason, Exception? inner)
    {
        string renderedKey = KeyDisplay.Render(encodedKey);
        string detail = inner is null ? string.Empty : $": {inner.Message}";
        return new CorruptDataException($"Table '{Descriptor.Name}': the stored row with key {renderedKey} is corrupt ({reason}){detail}", inner)
        {
            Table = Descriptor.Name,
            Key = renderedKey,
        };
    }

    internal static void ThrowIfNull([NotNull] TRow row)
    {
        // For value-type rows this test is false at JIT time and disappears; no boxing either way.
        if (row is null)
        {
            throw new ArgumentNullException(nameof(row));
        }
    }

    private TableFeatures? CreateFeatures()
        => TableFeatures.Create(
            Store,
            Descriptor,
            _generatedIdKeys is { Descending: false },
            _userKeys is null ? null : _userKeys.UserPrefixLength,
            Indexes?.Maintenance,
            RowCache is null ? null : new RowCacheInterceptor(new RowCacheInvalidation(RowCache, ColumnFamily)));

    // The descriptor's CacheSize and CacheTtlSeconds were each checked when set; a TTL needs a size (TS0022).
    private IRowCache? CreateRowCache()
    {
        if (Descriptor.CacheSize == 0)
        {
            return Descriptor.CacheTtlSeconds == 0
                ? null
                : throw new ArgumentException($"Table '{Descriptor.Name}' sets CacheTtlSeconds = {Descriptor.CacheTtlSeconds} without a CacheSize; a TTL applies to cached rows, so set CacheSize too or remove CacheTtlSeconds (TS0022).", "descriptor");
        }

        return TCodec.KeyIsOneString
            ? new RowCache<TRow, string>(Store, Descriptor, StringKeyComparer.Instance)
            : new RowCache<TRow, byte[]>(Store, Descriptor, EncodedKeyComparer.Instance);
    }

    // A descriptor's indexes and the generated index codecs come together, or the table is refused.
    private TableIndexes<TRow, TKey, TCodec>? CreateIndexes(TableIndex<TRow>[]? indexes)
    {
        if (indexes is not { Length: > 0 })
        {
            return Descriptor.Indexes.Count == 0
                ? null
                : throw new ArgumentException($"Table '{Descriptor.Name}' declares {Descriptor.Indexes.Count} indexes but no index codecs were given.", nameof(indexes));
        }

        return new TableIndexes<TRow, TKey, TCodec>(this, indexes);
    }

    private static ReadNeeds CombineNeeds(IReadFilter<TKey>[]? filters)
    {
        ReadNeeds needs = ReadNeeds.None;
        if (filters is not null)
        {
            foreach (IReadFilter<TKey> filter in filters)
            {
                needs |= filter.Needs;
            }
        }

        return needs;
    }

    // What decoding bad bytes can throw, from MessagePackReader, KeyReader, the value helpers and the row's
    // own constructor validating what it was given. Anything else (e.g. OutOfMemoryException) propagates.
    private static bool IsDecodingFailure(Exception ex) =>
        ex is MessagePackSerializationException or EndOfStreamException or FormatException or OverflowException
            or ArgumentException or InvalidOperationException or InvalidCastException;
}
