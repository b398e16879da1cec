namespace TypedStore.Tests.Async;

/// <content>
/// <c>DeleteAsync(query)</c> and <c>ClearAsync</c> of a change-feed table in a batch or a transaction (docs/async.md):
/// they read the range's rows over async pages, then record one removal and one change per row, merged with the rows
/// the batch already puts into the range, exactly as the synchronous members record them. Each case runs the same
/// operations through the synchronous members on a second store and compares tables and change feeds; on the yielding
/// engine the recording and the commit make no synchronous engine call.
/// </content>
public abstract partial class AsyncBulkTests
{
    [Fact]
    public async Task Range_deletes_of_a_change_feed_table_recorded_in_a_batch_record_what_the_synchronous_members_record()
    {
        (BulkStore sync, BulkStore async, _) = OpenPair();
        using (BulkStoreBatch batch = sync.CreateBatch())
        {
            batch.BulkEvents.Put(new BulkEvent("a", 150, "replaced in the range"));
            batch.BulkEvents.Put(new BulkEvent("a", 2000, "after the range"));
            batch.BulkEvents.Put(new BulkEvent("b", 7, "where an orphan marker was"));
            batch.BulkEvents.Delete(sync.BulkEvents.Scan("a").From(100).Before(900));
            batch.BulkEvents.Delete(sync.BulkEvents.Scan("b"));
            batch.BulkPeople.Put(new BulkPerson("g", 1000, "new@x"));
            batch.BulkPeople.Delete(sync.BulkPeople.Scan("g").From(200).Before(1001));
            batch.BulkPeople.Put(new BulkPerson("g", 300, "e300@x"));
            batch.Commit();
        }

        using (BulkStoreBatch batch = async.CreateBatch())
        {
            await NoBlockingCall("DeleteAsync(query) of change-feed tables in a batch, and its CommitAsync", async () =>
            {
                await batch.BulkEvents.PutAsync(new BulkEvent("a", 150, "replaced in the range"));
                await batch.BulkEvents.PutAsync(new BulkEvent("a", 2000, "after the range"));
                await batch.BulkEvents.PutAsync(new BulkEvent("b", 7, "where an orphan marker was"));
                await batch.BulkEvents.DeleteAsync(async.BulkEvents.Scan("a").From(100).Before(900));
                await batch.BulkEvents.DeleteAsync(async.BulkEvents.Scan("b"));
                await batch.BulkPeople.PutAsync(new BulkPerson("g", 1000, "new@x"));
                await batch.BulkPeople.DeleteAsync(async.BulkPeople.Scan("g").From(200).Before(1001));
                await batch.BulkPeople.PutAsync(new BulkPerson("g", 300, "e300@x"));
                await batch.CommitAsync();
            });
        }

        AssertSameState(sync, async);
        Assert.Null(async.BulkEvents.Get("a", 150));
        Assert.NotNull(async.BulkEvents.Get("a", 2000));
        Assert.Empty(async.BulkEvents.Scan("b").IncludeDeleted().ToList());
        Assert.Null(async.BulkPeople.Get("g", 1000));
        Assert.Equal("e300@x", async.BulkPeople.Get("g", 300)?.Email);
    }

    [Fact]
    public async Task Clear_of_a_change_feed_table_recorded_in_a_transaction_records_what_the_synchronous_member_records()
    {
        (BulkStore sync, BulkStore async, _) = OpenPair();
        sync.Transact(tx =>
        {
            tx.BulkEvents.Put(new BulkEvent("c", 1, "new"));
            tx.BulkEvents.Clear();
            tx.BulkEvents.Put(new BulkEvent("c", 2, "after the clear"));
            tx.BulkMessages.Delete(sync.BulkMessages.Scan("u2"));
            tx.BulkPeople.Clear();
        });

        await NoBlockingCall("ClearAsync and DeleteAsync(query) of change-feed tables in TransactAsync", () => async.TransactAsync(async (tx, ct) =>
        {
            await tx.BulkEvents.PutAsync(new BulkEvent("c", 1, "new"), ct);
            await tx.BulkEvents.ClearAsync(ct);
            await tx.BulkEvents.PutAsync(new BulkEvent("c", 2, "after the clear"), ct);
            await tx.BulkMessages.DeleteAsync(async.BulkMessages.Scan("u2"), ct);
            await tx.BulkPeople.ClearAsync(ct);
        }));

        AssertSameState(sync, async);
        Assert.Equal([new BulkEvent("c", 2, "after the clear")], async.BulkEvents.ScanAll());
        Assert.Empty(async.BulkMessages.ScanUser("u2"));
        Assert.Empty(async.BulkPeople.ScanAll());
    }

    [Fact]
    public async Task A_range_delete_whose_read_is_cancelled_records_nothing()
    {
        (_, BulkStore async, _) = OpenPair();
        using BulkStoreBatch batch = async.CreateBatch();
        await batch.BulkEvents.PutAsync(new BulkEvent("a", 150, "kept"));
        using CancellationTokenSource cancelled = new();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batch.BulkEvents.ClearAsync(cancelled.Token).AsTask());
        await batch.CommitAsync();
        Assert.Equal("kept", async.BulkEvents.Get("a", 150)?.Label);
        Assert.Equal(1200, async.BulkEvents.ScanAllEntries().Count(e => e.Row.Group == "a"));
    }

    private async Task NoBlockingCall(string member, Func<Task> run)
    {
        if (AsyncEngine is { } engine)
        {
            await AsyncMemberTests.AssertNoBlockingCall(engine, member, run);
        }
        else
        {
            await run();
        }
    }
}
