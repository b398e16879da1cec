using TypedStore.Tests.Async;

namespace TypedStore.Etcd.Tests;

/// <summary>
/// The async-commit suite (indexes' reads at commit, generated ids, reads inside transactions, a batch's conditional
/// writes; docs/async.md) on etcd, whose async members are network calls: the same results as on RocksDB and memory.
/// </summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdAsyncCommitTests(EtcdCluster cluster) : AsyncCommitTests
{
    internal override AsyncCommitStore Open(StoreOptions? options = null) => Track(AsyncCommitStore.Open(EtcdEngine.Connect(cluster.Options()), options));
}

/// <summary>An indexed table's async commits and a <c>TransactAsync</c> on etcd, read back through a second connection.</summary>
[Collection(EtcdCollection.Name)]
public sealed class EtcdAsyncCommitEndToEndTests(EtcdCluster cluster)
{
    [Fact]
    public async Task An_indexed_tables_async_commits_and_TransactAsync_work_end_to_end()
    {
        EtcdEngineOptions options = cluster.Options();
        using (AsyncCommitStore store = AsyncCommitStore.Open(EtcdEngine.Connect(options)))
        {
            await store.AcTags.PutManyAsync(Enumerable.Range(0, 6).Select(n => new AcTag("g", n, "s" + n, "c" + (n % 2))));
            await store.AcCodes.PutAsync(new AcCode("k1", "one"));
            await store.AcCodes.DeleteAsync("k1");   // soft delete: its entry goes
            await store.AcCodes.PutAsync(new AcCode("k2", "one"));   // the value is free again

            using (AsyncCommitStoreBatch batch = store.CreateBatch())
            {
                batch.AcTags.Delete(store.AcTags.Scan("g").From(1).Before(4));   // rows read a page at a time at commit
                batch.AcTags.Put(new AcTag("g", 9, "s2", "moved"));              // takes a value the range delete frees
                ConditionalAdd added = batch.AcTags.TryAdd(new AcTag("h", 0, "h0", "c0"));
                await batch.CommitAsync();
                Assert.True(added.Added);
            }

            UniqueConstraintException refused = await Assert.ThrowsAsync<UniqueConstraintException>(() => store.AcTags.PutAsync(new AcTag("x", 0, "s0", "c0")).AsTask());
            Assert.Equal("by_slug", refused.Index);

            await store.AcAccounts.PutManyAsync([new AcAccount("a", 100), new AcAccount("b", 0)]);
            await store.TransactAsync(async (tx, ct) =>
            {
                AcAccount a = (await tx.AcAccounts.GetAsync("a", ct))!;
                AcAccount b = (await tx.AcAccounts.GetAsync("b", ct))!;
                await tx.AcAccounts.PutAsync(a with { Balance = a.Balance - 30 }, ct);
                await tx.AcAccounts.PutAsync(b with { Balance = b.Balance + 30 }, ct);
                Assert.Equal(70, (await tx.AcAccounts.GetAsync("a", ct))!.Balance);
                Assert.True(await tx.AcAccounts.TryAddAsync(new AcAccount("c", 1), ct));
            });
            Assert.Equal(2, (await store.AcAccounts.UpdateAsync("c", c => c with { Balance = 2 }))!.Balance);
            Assert.Equal(1, (await store.AcTickets.InsertAsync(new AcTicket(0, "first"))).Id);
        }

        // Everything, as another connection reads it.
        using AsyncCommitStore reader = AsyncCommitStore.Open(EtcdEngine.Connect(options));
        Assert.Equal([0, 4, 5, 9], reader.AcTags.Scan("g").Select(t => t.Number));
        Assert.Equal(["h0", "s0", "s2", "s4", "s5"], reader.AcTags.BySlug.Scan().Select(t => t.Slug));
        Assert.Equal(9, reader.AcTags.BySlug.Get("s2")!.Number);
        Assert.Equal("k2", reader.AcCodes.ByCode.Get("one")!.Id);
        Assert.True(reader.AcTags.Verify().IsConsistent);
        Assert.True(reader.AcCodes.Verify().IsConsistent);
        Assert.Equal([70L, 30L, 2L], reader.AcAccounts.GetMany(["a", "b", "c"]).Select(a => a!.Balance));
        Assert.Equal("first", reader.AcTickets.Get(1)!.Text);
    }
}
