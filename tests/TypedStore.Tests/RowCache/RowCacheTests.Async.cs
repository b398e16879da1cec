namespace TypedStore.Tests.RowCache;

/// <summary>
/// The async write members reach the cache's invalidation like the synchronous ones (they go through the same commit
/// pipeline), and the async reads answer what the synchronous ones answer.
/// </summary>
public abstract partial class RowCacheTests
{
    [Fact]
    public async Task AsyncWrites_ReplaceAndDropCachedRows()
    {
        RowCacheStore store = Open();
        store.Versions.PutMany([new VersionedRow(1, 1, "a"), new VersionedRow(2, 1, "a"), new VersionedRow(3, 1, "a")]);
        Cache(store, 1, 1);
        Cache(store, 2, 1);
        Cache(store, 3, 1);

        await store.Versions.PutAsync(new VersionedRow(1, 2, "b"));
        await store.Versions.DeleteAsync(2);
        using (RowCacheStoreBatch batch = store.CreateBatch())
        {
            batch.Versions.Put(new VersionedRow(3, 2, "b"));
            await batch.CommitAsync();
        }

        Assert.Equal(2, store.Versions.Get(1)?.Version);
        Assert.Null(store.Versions.Get(2));
        Assert.Equal(2, store.Versions.Get(3)?.Version);
        Assert.Equal(2, (await store.Versions.GetAsync(1))?.Version);
        Assert.Null(await store.Versions.GetAsync(2));
    }
}
