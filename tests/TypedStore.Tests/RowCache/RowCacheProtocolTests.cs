using TypedStore.Features.RowCache;
using TypedStore.Keys;
using TypedStore.Tables;

namespace TypedStore.Tests.RowCache;

/// <summary>
/// The invalidation protocol of <see cref="RowCache{TRow, TCacheKey}"/> step by step, in the interleavings a scheduler can
/// produce (docs/row-cache.md, "Invalidation"): a reader that read the engine before a writer's invalidation must not
/// insert what it read, whenever its insert lands.
/// </summary>
public sealed class RowCacheProtocolTests : IDisposable
{
    private static readonly byte[] Key = [1, 2, 3];
    private static readonly byte[] OtherKey = [1, 2, 4];

    private readonly RowCacheStore _store = RowCacheStore.OpenInMemory();

    public void Dispose() => _store.Dispose();

    private RowCache<VersionedRow, byte[]> NewCache() => new(StoreRuntimeOf(_store), new TableDescriptor("versions", TableKind.Shared) { CacheSize = 100 }, EncodedKeyComparer.Instance);

    private RowCache<NamedRow, string> NewStringCache() => new(StoreRuntimeOf(_store), new TableDescriptor("named", TableKind.Shared) { CacheSize = 100 }, StringKeyComparer.Instance);

    // The encoded key a write of the string key hands the cache.
    private static byte[] Encoded(string name)
    {
        var writer = new KeyWriter(stackalloc byte[64]);
        try
        {
            writer.WriteString(name);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static StoreRuntime StoreRuntimeOf(RowCacheStore store) => store.Versions.Core.Store;

    [Fact]
    public void ReaderInsertsAfterTheWritersInvalidation_NothingIsCached()
    {
        RowCache<VersionedRow, byte[]> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);       // reader: misses, takes the version, reads v1 from the engine
        cache.Invalidate(Key);                              // writer: wrote v2 to the engine, invalidates, acknowledges
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "stale")); // reader: inserts what it read

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ReaderInsertsBeforeTheWritersInvalidation_TheInvalidationRemovesIt()
    {
        RowCache<VersionedRow, byte[]> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "stale"));
        Assert.True(cache.TryGet(Key, out _));

        cache.Invalidate(Key);

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ReaderInsertsAfterARangeInvalidation_NothingIsCached()
    {
        RowCache<VersionedRow, byte[]> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);
        cache.InvalidateAll();
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "stale"));

        Assert.False(cache.TryGet(Key, out _));
    }

    [Fact]
    public void ReaderStartedAfterTheInvalidation_Inserts()
    {
        RowCache<VersionedRow, byte[]> cache = NewCache();
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
        RowCache<VersionedRow, byte[]> cache = NewCache();
        RowCacheTicket ticket = cache.BeginMiss(Key);
        cache.Invalidate(OtherKey);
        cache.Insert(Key, ticket, new VersionedRow(1, 1, "current"));

        Assert.False(cache.TryGet(OtherKey, out _));
        if (cache.TryGet(Key, out VersionedRow? row))
        {
            Assert.Equal(1, row.Version);
        }
    }

    [Theory]
    [InlineData("user1")]
    [InlineData("zero\0inside")]
    [InlineData("naïve-🙂")]
    public void StringKeys_ReaderInsertsAfterTheWritersInvalidationByEncodedKey_NothingIsCached(string name)
    {
        RowCache<NamedRow, string> cache = NewStringCache();
        RowCacheTicket ticket = cache.BeginMiss(name);
        cache.Invalidate(Encoded(name));
        cache.Insert(name, ticket, new NamedRow(name, 1, "stale"));

        Assert.False(cache.TryGet(name, out _));
    }

    [Theory]
    [InlineData("user1")]
    [InlineData("zero\0inside")]
    [InlineData("naïve-🙂")]
    public void StringKeys_InvalidationByEncodedKey_RemovesTheRowCachedUnderTheString(string name)
    {
        RowCache<NamedRow, string> cache = NewStringCache();
        RowCacheTicket ticket = cache.BeginMiss(name);
        var row = new NamedRow(name, 1, "current");
        cache.Insert(name, ticket, row);
        Assert.True(cache.TryGet(new string(name.AsSpan()), out NamedRow? cached));
        Assert.Same(row, cached);
        Assert.True(cache.TryGet(Encoded(name), out _));

        cache.Invalidate(Encoded(name + "x"));
        Assert.True(cache.TryGet(name, out _));
        cache.Invalidate(Encoded(name));

        Assert.False(cache.TryGet(name, out _));
    }

    [Fact]
    public void StringKeys_AKeyAndItsEncodingHashAlike()
    {
        foreach (string name in (string[])["", "a", "zero\0inside", "naïve-🙂", new string('k', 300) + "\0"])
        {
            Assert.Equal(StringKeyComparer.Instance.GetHashCode(name), StringKeyComparer.Instance.GetHashCode(Encoded(name).AsSpan()));
            Assert.True(StringKeyComparer.Instance.Equals(Encoded(name).AsSpan(), name));
            Assert.False(StringKeyComparer.Instance.Equals(Encoded(name).AsSpan(), name + "x"));
            Assert.Equal(name, StringKeyComparer.Instance.Create(Encoded(name)));
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
