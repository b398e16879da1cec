using TypedStore.Features.RowCache;
using TypedStore.Tables;

namespace TypedStore.Tests.RowCache;

/// <summary>
/// The invalidation protocol of <see cref="RowCache{TRow}"/> step by step, in the interleavings a scheduler can
/// produce (docs/row-cache.md, "Invalidation"): a reader that read the engine before a writer's invalidation must not
/// insert what it read, whenever its insert lands.
/// </summary>
public sealed class RowCacheProtocolTests : IDisposable
{
    private static readonly byte[] Key = [1, 2, 3];
    private static readonly byte[] OtherKey = [1, 2, 4];

    private readonly RowCacheStore _store = RowCacheStore.OpenInMemory();

    public void Dispose() => _store.Dispose();

    private RowCache<VersionedRow> NewCache() => new(StoreRuntimeOf(_store), new TableDescriptor("versions", TableKind.Shared) { CacheSize = 100 });

    private static StoreRuntime StoreRuntimeOf(RowCacheStore store) => store.Versions.Core.Store;

    [Fact]
    public void ReaderInsertsAfterTheWritersInvalidation_NothingIsCached()
    {
        RowCache<VersionedRow> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);       // reader: misses, takes the version, reads v1 from the engine
        cache.Invalidate(Key);                              // writer: wrote v2 to the engine, invalidates, acknowledges
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "stale")); // reader: inserts what it read

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ReaderInsertsBeforeTheWritersInvalidation_TheInvalidationRemovesIt()
    {
        RowCache<VersionedRow> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "stale"));
        Assert.True(cache.TryGet(Key, out _));

        cache.Invalidate(Key);

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ReaderInsertsAfterARangeInvalidation_NothingIsCached()
    {
        RowCache<VersionedRow> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);
        cache.InvalidateAll();
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "stale"));

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ReaderStartedAfterTheInvalidation_Inserts()
    {
        RowCache<VersionedRow> cache = NewCache();
        cache.Invalidate(Key);
        RowCacheTicket ticket = cache.BeginMiss(Key);
        var row = new VersionedRow(1, 2, "fresh");
        cache.Insert(Key, ticket, row);

        Assert.True(cache.TryGet(Key, out VersionedRow? cached));
        Assert.Same(row, cached);
    }

    [Fact]
    public void InvalidatingAnotherKey_InTheSameOrAnotherStripe_NeverLetsAStaleRowIn()
    {
        // Another key's invalidation may share the stripe (then this insert is refused: a miss, never a stale row) or
        // not (then it is inserted); either way the row inserted is the one read after no write of its own key.
        RowCache<VersionedRow> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);
        cache.Invalidate(OtherKey);
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "current"));

        Assert.False(cache.TryGet(OtherKey, out _));
        if (cache.TryGet(Key, out VersionedRow? row))
        {
            Assert.Equal(1, row.Version);
        }
    }

    [Fact]
    public void TtlWithoutCacheSize_IsRefusedWhenTheTableIsBuilt_NamingTheTable()
    {
        var descriptor = new TableDescriptor("versions", TableKind.Shared) { CacheTtlSeconds = 5 };

        var error = Assert.Throws<ArgumentException>(() => new TableCore<VersionedRow, RowCacheStore.VersionsKey, RowCacheStore.VersionsCodec>(StoreRuntimeOf(_store), descriptor));

        Assert.Contains("'versions'", error.Message, StringComparison.Ordinal);
        Assert.Contains("CacheTtlSeconds = 5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadCacheOptions_AreRefusedByTheDescriptor_NamingTheTable()
    {
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new TableDescriptor("versions", TableKind.Shared) { CacheSize = -1 });
        var tooSmall = Assert.Throws<ArgumentOutOfRangeException>(() => new TableDescriptor("versions", TableKind.Shared) { CacheSize = 2 });
        var negativeTtl = Assert.Throws<ArgumentOutOfRangeException>(() => new TableDescriptor("versions", TableKind.Shared) { CacheTtlSeconds = -1 });
        var stream = Assert.Throws<ArgumentOutOfRangeException>(() => new TableDescriptor("events", TableKind.Stream) { CacheSize = 10 });

        Assert.Contains("'versions'", negative.Message, StringComparison.Ordinal);
        Assert.Contains("'versions'", negativeTtl.Message, StringComparison.Ordinal);
        Assert.Contains("at least 3 rows", tooSmall.Message, StringComparison.Ordinal);
        Assert.Contains("'events'", stream.Message, StringComparison.Ordinal);
    }
}
