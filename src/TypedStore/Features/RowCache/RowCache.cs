using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using BitFaster.Caching;
using BitFaster.Caching.Counters;
using BitFaster.Caching.Lru;
using TypedStore.Tables;

namespace TypedStore.Features.RowCache;

/// <summary>
/// One table's cache of decoded rows (<c>[Table(CacheSize = ..., CacheTtlSeconds = ...)]</c>, docs/row-cache.md): a
/// bounded concurrent LRU (BitFaster.Caching's <see cref="ConcurrentLru{K, V}"/>) keyed by the encoded row key, or by the
/// key string itself for a table keyed by one string (<typeparamref name="TCacheKey"/>, see <see cref="IRowCacheKeyComparer{TCacheKey}"/>), each row
/// served until the table's TTL after it was read from the engine, judged by the store's clock
/// (<see cref="StoreOptions.TimeProvider"/>). Only point reads of the store itself use it; snapshots and transactions
/// read their own view.
/// </summary>
/// <remarks>
/// <para>
/// <b>The invalidation protocol</b> (why no reader sees a row older than a write acknowledged before its read began).
/// The race it closes: a reader misses, reads the old row from the engine, a writer writes the key and drops it from
/// the cache, and then the reader inserts the old row, which every later read would be served. So the keys are spread
/// over <see cref="StripeCount"/> stripes, each a lock and a version (<see cref="RowCacheStripe"/>):
/// </para>
/// <list type="number">
/// <item>A writer's commit (every write path ends in <c>CommitPipeline</c>; the table's commit step,
/// <see cref="RowCacheInvalidation"/>, runs in its <c>finally</c>) first writes to the engine, then, for each key it
/// wrote, under the key's stripe lock, increments the stripe's version and removes the key. Only then is the write
/// acknowledged (the member returns).</item>
/// <item>A reader that misses reads its stripe's version <i>v</i> before it reads the engine, and afterwards, under the
/// stripe lock, inserts the row only if the version is still <i>v</i>.</item>
/// </list>
/// <para>
/// If the reader read the engine before the writer's engine write, it read <i>v</i> before the writer's locked step.
/// Its locked insert then either comes before that step (which removes the row it inserted) or after it (the version
/// moved on, nothing is inserted). So once a write is acknowledged no row older than it is in the cache, and none can
/// be inserted later. A write that drops an unknown set of keys (a range delete, <c>Clear</c>, <c>DeleteUser</c>, an
/// import) advances every stripe, each under its lock, and then empties the cache: an insert before a stripe's advance
/// is emptied, one after it is refused. Hits take no lock; misses take one uncontended lock briefly; a row that was
/// absent is not cached (a miss every time).
/// </para>
/// <para>
/// <b>What a hit touches.</b> A hit is a chain of dependent loads (the dictionary's bucket, its node, the node's key to
/// compare, BitFaster's LRU item, the value), each a likely cache miss when the cached rows outnumber the CPU cache
/// (docs/benchmarks.md, "The row-cache hit"). So without a TTL the value is the row itself, not a holder of the row and
/// its expiry; and a table keyed by one string is keyed by the string, so a hit encodes nothing and a reader that passes
/// the string object the row was read with compares references.
/// </para>
/// <para>
/// <b>TTL</b> is checked on each hit against the store's clock, not BitFaster's own TLRU clock, so it follows
/// <see cref="StoreOptions.TimeProvider"/> (tests step a manual clock; no sleeps). An expired row is removed when it is
/// read, and counted as a miss and an eviction.
/// </para>
/// </remarks>
internal sealed class RowCache<TRow, TCacheKey> : IRowCache
    where TCacheKey : notnull
{
    /// <summary>How many stripes the keys are spread over (a power of two): enough that misses on different keys rarely share a lock.</summary>
    internal const int StripeCount = 64;

    private readonly StoreRuntime _store;
    private readonly IRowCacheKeyComparer<TCacheKey> _comparer;

    // The value is the row itself without a TTL (one load less on a hit, no holder per insert), and a CachedRow<TRow>
    // (the row and its expiry, replaced together) with one.
    private readonly ConcurrentLru<TCacheKey, object> _lru;
    private readonly IAlternateLookup<ReadOnlySpan<byte>, TCacheKey, object> _encoded;
    private readonly RowCacheStripe[] _stripes;
    private readonly long _ttlTicks;

    // Rows found expired when read: BitFaster counted them as hits; the figures report them as misses and evictions.
    private readonly Counter _expired = new();

    public RowCache(StoreRuntime store, TableDescriptor descriptor, IRowCacheKeyComparer<TCacheKey> comparer)
    {
        _store = store;
        _comparer = comparer;
        Table = descriptor.Name;
        Capacity = descriptor.CacheSize;
        TtlSeconds = descriptor.CacheTtlSeconds;
        _ttlTicks = TtlSeconds == 0 ? 0 : TtlSeconds * TimeSpan.TicksPerSecond;
        _lru = new ConcurrentLru<TCacheKey, object>(Environment.ProcessorCount, Capacity, comparer);
        _encoded = _lru.GetAlternateLookup<ReadOnlySpan<byte>>();
        _stripes = new RowCacheStripe[StripeCount];
        for (int i = 0; i < _stripes.Length; i++)
        {
            _stripes[i] = new RowCacheStripe();
        }
    }

    /// <inheritdoc/>
    public string Table { get; }

    /// <summary>The most rows the cache holds (the table's CacheSize).</summary>
    public int Capacity { get; }

    /// <summary>How long a row is served after it was read, in seconds; 0 for as long as it is not written or evicted.</summary>
    public int TtlSeconds { get; }

    /// <summary>The rows held now (expired ones not yet read included).</summary>
    public int Count => _lru.Count;

    /// <summary>The cached row of <paramref name="key"/>, if there is one that has not expired.</summary>
    public bool TryGet(TCacheKey key, [MaybeNullWhen(false)] out TRow row)
    {
        if (_lru.TryGet(key, out object? value))
        {
            if (TryServeHit(value, out row))
            {
                return true;
            }

            // Unlocked: at worst this drops a fresher row a concurrent miss just inserted, which costs a miss, never
            // a stale read.
            _lru.TryRemove(key);
        }

        row = default;
        return false;
    }

    // A value found under either key: the row itself without a TTL; with one, the row while it has not expired (an
    // expired one is counted, and the caller removes it).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryServeHit(object value, [MaybeNullWhen(false)] out TRow row)
    {
        if (_ttlTicks == 0)
        {
            row = RowOf(value);
            return true;
        }

        if (TryServe(value, out row))
        {
            return true;
        }

        _expired.Increment();
        return false;
    }

    /// <summary>The cached row of the encoded key <paramref name="rowKey"/>, if there is one that has not expired.</summary>
    public bool TryGet(ReadOnlySpan<byte> rowKey, [MaybeNullWhen(false)] out TRow row)
    {
        if (_encoded.TryGet(rowKey, out object? value))
        {
            if (TryServeHit(value, out row))
            {
                return true;
            }

            _encoded.TryRemove(rowKey, out _, out _);
        }

        row = default;
        return false;
    }

    /// <summary>Begins a miss: call before reading <paramref name="key"/> from the engine, and pass the ticket to <see cref="Insert(TCacheKey, in RowCacheTicket, TRow)"/>.</summary>
    public RowCacheTicket BeginMiss(TCacheKey key) => Ticket(_stripes[_comparer.GetHashCode(key) & (StripeCount - 1)]);

    /// <summary>Begins a miss of the encoded key <paramref name="rowKey"/>: call before reading it from the engine.</summary>
    public RowCacheTicket BeginMiss(ReadOnlySpan<byte> rowKey) => Ticket(StripeOf(rowKey));

    /// <summary>Inserts the row a miss read from the engine, unless the key was invalidated since <see cref="BeginMiss(TCacheKey)"/>.</summary>
    public void Insert(TCacheKey key, in RowCacheTicket ticket, TRow row)
    {
        object value = ValueOf(row);
        RowCacheStripe stripe = ticket.Stripe;
        lock (stripe.Lock)
        {
            if (stripe.Version == ticket.Version)
            {
                _lru.AddOrUpdate(key, value);
            }
        }
    }

    /// <summary>Inserts the row a miss of the encoded key <paramref name="rowKey"/> read from the engine, unless the key was invalidated since <see cref="BeginMiss(ReadOnlySpan{byte})"/>.</summary>
    public void Insert(ReadOnlySpan<byte> rowKey, in RowCacheTicket ticket, TRow row)
    {
        object value = ValueOf(row);
        RowCacheStripe stripe = ticket.Stripe;
        lock (stripe.Lock)
        {
            if (stripe.Version == ticket.Version)
            {
                _encoded.AddOrUpdate(rowKey, value);
            }
        }
    }

    /// <inheritdoc/>
    public void Invalidate(ReadOnlySpan<byte> rowKey)
    {
        RowCacheStripe stripe = StripeOf(rowKey);
        lock (stripe.Lock)
        {
            stripe.Advance();
            _encoded.TryRemove(rowKey, out _, out _);
        }
    }

    /// <inheritdoc/>
    public void InvalidateAll()
    {
        foreach (RowCacheStripe stripe in _stripes)
        {
            lock (stripe.Lock)
            {
                stripe.Advance();
            }
        }

        _lru.Clear();
    }

    /// <inheritdoc/>
    public RowCacheStatistics GetStatistics()
    {
        ICacheMetrics metrics = _lru.Metrics.Value!;
        long expired = _expired.Count();
        return new RowCacheStatistics(
            Capacity,
            TtlSeconds,
            _lru.Count,
            Hits: Math.Max(0, metrics.Hits - expired),
            Misses: metrics.Misses + expired,
            Evictions: metrics.Evicted + expired);
    }

    // Without a TTL the value is the row: a reference type is taken as it is (no type check on a hit), a struct unboxed.
    private static TRow RowOf(object value)
        => typeof(TRow).IsValueType ? (TRow)value : Unsafe.As<object, TRow>(ref value);

    private bool TryServe(object value, [MaybeNullWhen(false)] out TRow row)
    {
        CachedRow<TRow> cached = Unsafe.As<CachedRow<TRow>>(value);
        if (_store.GetUtcNowTicks() < cached.ExpiresUtcTicks)
        {
            row = cached.Row;
            return true;
        }

        row = default;
        return false;
    }

    private object ValueOf(TRow row)
        => _ttlTicks == 0 ? row! : new CachedRow<TRow>(row, _store.GetUtcNowTicks() + _ttlTicks);

    private static RowCacheTicket Ticket(RowCacheStripe stripe) => new(stripe, stripe.Version);

    private RowCacheStripe StripeOf(ReadOnlySpan<byte> rowKey)
        => _stripes[_comparer.GetHashCode(rowKey) & (StripeCount - 1)];
}
