namespace TypedStore.Tests.Async;

/// <summary>
/// The upkeep of a transaction's view on the async path (docs/async.md, docs/transactions.md "Index reads in a
/// transaction"): after a transaction writes an indexed table, its next async read lays the written rows' index entries
/// over its view, reading the rows' previous state (and the holders of their unique values) with the engine's async
/// members at its snapshot. So an async point read or a unique index's <c>GetAsync</c> after writes in
/// <c>TransactAsync</c> makes no blocking call, and sees what the synchronous reads see.
/// </summary>
public abstract partial class AsyncCommitTests
{
    // The same writes to the indexed tables (a replacement that moves a unique value, a delete, a new row, a soft delete,
    // a unique value taken from a row the transaction deleted), then the reads the test compares.
    private static readonly string[] SlugsRead = ["s0-1", "moved-1", "s0-2", "s0-4", "new", "s1-1"];

    private static void FillIndexed(AsyncCommitStore store)
    {
        Fill(store);
        store.AcAccounts.Put(new AcAccount("a", 1));
    }

    [Fact]
    public async Task An_async_read_after_writes_to_an_indexed_table_in_a_transaction_makes_no_blocking_call()
    {
        AsyncCommitStore sync = Open();
        FillIndexed(sync);
        List<string?> expected = [];
        sync.Transact(tx =>
        {
            tx.AcTags.Put(new AcTag("g0", 1, "moved-1", "c9"));
            tx.AcTags.Delete("g0", 2);
            tx.AcTags.Put(new AcTag("g0", 40, "new", "c1"));
            tx.AcTags.Delete("g0", 4);
            tx.AcTags.Put(new AcTag("g0", 41, "s0-4", "c1"));
            tx.AcCodes.Delete("k1");
            tx.AcCodes.Put(new AcCode("k9", "code-new"));
            expected.Add(tx.AcAccounts.Get("a")?.Id);
            expected.Add(tx.AcTags.Get("g0", 1)?.Slug);
            expected.Add(tx.AcTags.Get("g0", 2)?.Slug);
            foreach (string slug in SlugsRead)
            {
                expected.Add(tx.AcTags.BySlug.Get(slug) is { } tag ? $"{tag.Group}/{tag.Number}" : null);
            }
        });

        AsyncCommitStore async = Open();
        FillIndexed(async);
        List<string?> actual = [];
        await NoBlockingCall("TransactAsync (writes to indexed tables, then GetAsync and a unique index's GetAsync)", () => async.TransactAsync(async (tx, ct) =>
        {
            actual.Clear();
            await tx.AcTags.PutAsync(new AcTag("g0", 1, "moved-1", "c9"), ct);
            await tx.AcTags.DeleteAsync("g0", 2, ct);
            await tx.AcTags.PutAsync(new AcTag("g0", 40, "new", "c1"), ct);
            await tx.AcTags.DeleteAsync("g0", 4, ct);
            await tx.AcTags.PutAsync(new AcTag("g0", 41, "s0-4", "c1"), ct);
            await tx.AcCodes.DeleteAsync("k1", ct);
            await tx.AcCodes.PutAsync(new AcCode("k9", "code-new"), ct);

            // The first read lays every write above over the view; the later ones find it laid.
            actual.Add((await tx.AcAccounts.GetAsync("a", ct))?.Id);
            actual.Add((await tx.AcTags.GetAsync("g0", 1, ct))?.Slug);
            actual.Add((await tx.AcTags.GetAsync("g0", 2, ct))?.Slug);
            foreach (string slug in SlugsRead)
            {
                actual.Add(await tx.AcTags.BySlug.GetAsync(slug, ct) is { } tag ? $"{tag.Group}/{tag.Number}" : null);
            }
        }));

        Assert.Equal(expected, actual);
        Assert.Equal(["a", "moved-1", null, null, "g0/1", null, "g0/41", "g0/40", "g1/1"], actual);
        Assert.Equal(sync.AcTags.BySlug.Scan(), async.AcTags.BySlug.Scan());
        Assert.Equal(sync.AcTags.ByColor.Scan(), async.AcTags.ByColor.Scan());
        Assert.Equal(sync.AcCodes.ByCode.Scan(), async.AcCodes.ByCode.Scan());
    }

    [Fact]
    public async Task The_view_laid_by_an_async_read_holds_the_same_index_entries_as_the_synchronous_upkeep()
    {
        AsyncCommitStore store = Open();
        FillIndexed(store);
        using AsyncCommitStoreTransaction laidSync = store.BeginTransaction();
        using AsyncCommitStoreTransaction laidAsync = store.BeginTransaction();
        foreach (AsyncCommitStoreTransaction tx in new[] { laidSync, laidAsync })
        {
            tx.AcTags.Put(new AcTag("g2", 3, "s2-5", "c0"));   // takes a unique value another stored row holds
            tx.AcTags.Delete("g2", 5); // then that row goes: the entry stays with g2/3
            tx.AcTags.Put(new AcTag("g2", 6, "fresh", "c7"));
            tx.AcCodes.Delete("k2");
            tx.AcCodes.Put(new AcCode("k4", "code-2"));         // takes the value of the row marked deleted above
        }

        // One view is laid by a synchronous read, the other by an async one; then both are read synchronously.
        _ = laidSync.AcAccounts.Get("a");
        _ = await laidAsync.AcAccounts.GetAsync("a");
        Assert.Equal(laidSync.AcTags.BySlug.Scan(), laidAsync.AcTags.BySlug.Scan());
        Assert.Equal(laidSync.AcTags.ByColor.Scan(), laidAsync.AcTags.ByColor.Scan());
        Assert.Equal(laidSync.AcCodes.ByCode.Scan(), laidAsync.AcCodes.ByCode.Scan());
        Assert.Equal("g2/3", laidAsync.AcTags.BySlug.Get("s2-5") is { } t ? $"{t.Group}/{t.Number}" : null);
        Assert.Equal("k4", laidAsync.AcCodes.ByCode.Get("code-2")?.Id);
        Assert.Null(laidAsync.AcCodes.ByCode.Get("code-4"));
    }

    [Fact]
    public async Task Index_queries_in_a_transaction_read_its_own_writes_asynchronously_and_equal_the_synchronous_reads()
    {
        // Writes that move rows between colours and slugs, then every index read member, forward and reversed.
        static void Write(AsyncCommitStoreTransaction tx)
        {
            tx.AcTags.Put(new AcTag("g0", 1, "moved-1", "c2"));
            tx.AcTags.Delete("g0", 3);
            tx.AcTags.Put(new AcTag("g0", 40, "new", "c1"));
            tx.AcTags.Put(new AcTag("g1", 5, "s1-5", "c0"));
        }

        AsyncCommitStore sync = Open();
        FillIndexed(sync);
        List<string> expected = [];
        sync.Transact(tx =>
        {
            Write(tx);
            foreach (string color in new[] { "c0", "c1", "c2", "c9" })
            {
                expected.Add(string.Join(",", tx.AcTags.ByColor.Scan(color).Select(t => $"{t.Group}/{t.Number}")));
                expected.Add(string.Join(",", tx.AcTags.ByColor.Scan(color).Reverse().Select(t => $"{t.Group}/{t.Number}")));
                expected.Add(tx.AcTags.ByColor.Scan(color).Count().ToString(System.Globalization.CultureInfo.InvariantCulture));
                expected.Add(tx.AcTags.ByColor.Scan(color).Any().ToString());
                expected.Add(string.Join(",", tx.AcTags.ByColor.Scan(color).Page(4).Rows.Select(t => $"{t.Group}/{t.Number}")));
            }

            expected.Add(string.Join(",", tx.AcTags.BySlug.Scan().Select(t => t.Slug)));
        });

        AsyncCommitStore async = Open();
        FillIndexed(async);
        List<string> actual = [];
        await NoBlockingCall("index queries after writes in TransactAsync", () => async.TransactAsync(async (tx, ct) =>
        {
            actual.Clear();
            await tx.AcTags.PutAsync(new AcTag("g0", 1, "moved-1", "c2"), ct);
            await tx.AcTags.DeleteAsync("g0", 3, ct);
            await tx.AcTags.PutAsync(new AcTag("g0", 40, "new", "c1"), ct);
            await tx.AcTags.PutAsync(new AcTag("g1", 5, "s1-5", "c0"), ct);
            foreach (string color in new[] { "c0", "c1", "c2", "c9" })
            {
                actual.Add(string.Join(",", (await AsyncMemberTests.ToListAsync(tx.AcTags.ByColor.Scan(color).ToAsyncEnumerable(ct))).Select(t => $"{t.Group}/{t.Number}")));
                actual.Add(string.Join(",", (await AsyncMemberTests.ToListAsync(tx.AcTags.ByColor.Scan(color).Reverse().ToAsyncEnumerable(ct))).Select(t => $"{t.Group}/{t.Number}")));
                actual.Add((await tx.AcTags.ByColor.Scan(color).CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture));
                actual.Add((await tx.AcTags.ByColor.Scan(color).AnyAsync(ct)).ToString());
                actual.Add(string.Join(",", (await tx.AcTags.ByColor.Scan(color).PageAsync(4, cancellationToken: ct)).Rows.Select(t => $"{t.Group}/{t.Number}")));
            }

            actual.Add(string.Join(",", (await AsyncMemberTests.ToListAsync(tx.AcTags.BySlug.Scan().ToAsyncEnumerable(ct))).Select(t => t.Slug)));
        }));

        Assert.Equal(expected, actual);
        Assert.Contains("g0/40", actual[5]); // the row the transaction added is found by its colour (c1)
        Assert.DoesNotContain("g0/3,", actual[0] + ","); // nor the deleted row under its old colour
        Assert.Equal(sync.AcTags.ByColor.Scan(), async.AcTags.ByColor.Scan());
    }
}
