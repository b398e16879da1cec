namespace TypedStore.Tests.Indexes;

/// <summary>
/// A put's entries are computed from its row object when it is recorded and kept in the write set beside its op; the
/// commit uses the ones of each row's last put. These cases make that bookkeeping go wrong if it can: members taken
/// back after their entries were kept, one key written several times, deletes and puts of one key in one batch.
/// </summary>
public abstract partial class IndexTests
{
    [Fact]
    public void Batch_WithTakenBackMembers_AndRepeatedKeys_CommitsTheEntriesOfEachRowsLastPut()
    {
        IndexStore store = OpenStore();
        DateTime t0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        DateTime Hour(int h) => t0.AddHours(h);
        store.Meetings.Put(new Meeting(3, Hour(3)));
        DateTime unspecified = new(2026, 1, 2, 0, 0, 0, DateTimeKind.Unspecified);

        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Meetings.Put(new Meeting(1, Hour(10)));
            Assert.ThrowsAny<ArgumentException>(() => batch.Meetings.Put(new Meeting(2, unspecified)));
            batch.Meetings.Put(new Meeting(1, Hour(11)));                // the same key again: its last put counts
            Assert.ThrowsAny<ArgumentException>(() => batch.Meetings.Put(new Meeting(1, unspecified)));
            batch.Meetings.Delete(3);
            batch.Meetings.Put(new Meeting(3, Hour(13)));                // deleted, then put again
            batch.Meetings.Put(new Meeting(4, Hour(14)));
            batch.Meetings.Delete(4);                                    // put, then deleted
            batch.Commit();
        }

        Assert.Equal([1, 3], store.Meetings.ByStart.Scan().Select(m => m.Id));
        Assert.Equal([Hour(11), Hour(13)], store.Meetings.ByStart.Scan().Select(m => m.Start));
        Assert.Empty(store.Meetings.ByStart.Scan(Hour(10)));
        Assert.Empty(store.Meetings.ByStart.Scan(Hour(3)));
        Assert.True(store.Meetings.Verify().IsConsistent);
    }

    [Fact]
    public void PutMany_OfOneKeyRepeated_IndexesOnlyItsLastValue()
    {
        IndexStore store = OpenStore();
        DateTime t0 = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        store.Meetings.PutMany([new Meeting(7, t0), new Meeting(8, t0.AddDays(1)), new Meeting(7, t0.AddDays(2))]);

        Assert.Equal([(8, t0.AddDays(1)), (7, t0.AddDays(2))], store.Meetings.ByStart.Scan().Select(m => (m.Id, m.Start)));
        Assert.True(store.Meetings.Verify().IsConsistent);
    }

    [Fact]
    public void RefusedCommit_LeavesNothingBehind_ForTheNextCommit()
    {
        // Commits reuse the engine's write batch: a commit refused after its ops were copied into it (a unique
        // violation is found at commit) must leave none of them to the next commit on the same engine.
        IndexStore store = OpenStore();
        store.Accounts.Put(new Account("a1", "one@x", 1));
        Assert.Throws<UniqueConstraintException>(() => store.Accounts.Put(new Account("a2", "one@x", 2)));
        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Accounts.Put(new Account("a3", "three@x", 3));
            batch.Accounts.Put(new Account("a4", "one@x", 4));
            Assert.Throws<UniqueConstraintException>(batch.Commit);
        }

        store.Accounts.Put(new Account("a5", "five@x", 5));

        Assert.Equal(["a1", "a5"], store.Accounts.Scan().Select(a => a.Id));
        Assert.Equal(["five@x", "one@x"], store.Accounts.ByEmail.Scan().Select(a => a.Email));
        Assert.True(store.Accounts.Verify().IsConsistent);
    }
}
