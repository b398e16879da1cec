namespace TypedStore.Tests.Lifecycle;

public abstract partial class LifecycleTests
{
    [Fact]
    public void ChangeFeed_RecordsEveryKindOfWrite_InCommitOrder_WithKeyRowAndTime()
    {
        LifecycleStore store = Open();
        var expected = new List<(ChangeKind Kind, string User, long Note, Note? Row, DateTimeOffset At)>();
        void Step() => Clock.Advance(TimeSpan.FromSeconds(1));

        var n1 = new Note("u1", 1, "a");
        store.Notes.Put(n1);
        expected.Add((ChangeKind.Put, "u1", 1, n1, Clock.Now));
        Step();

        var n2 = new Note("u1", 2, "b");
        var n3 = new Note("u2", 1, "c");
        store.Notes.PutMany([n2, n3]);
        expected.Add((ChangeKind.Put, "u1", 2, n2, Clock.Now));
        expected.Add((ChangeKind.Put, "u2", 1, n3, Clock.Now));
        Step();

        var n4 = new Note("u2", 2, "d");
        using (LifecycleStoreBatch batch = store.CreateBatch())
        {
            batch.Notes.Put(n4);
            batch.Notes.Delete("u1", 1);
            batch.Commit();
        }

        expected.Add((ChangeKind.Put, "u2", 2, n4, Clock.Now));
        expected.Add((ChangeKind.SoftDelete, "u1", 1, null, Clock.Now));
        Step();

        store.Notes.Restore("u1", 1);
        expected.Add((ChangeKind.Restore, "u1", 1, null, Clock.Now));
        Step();

        store.Notes.Purge("u2", 2);
        expected.Add((ChangeKind.Purge, "u2", 2, null, Clock.Now));
        Step();

        store.Notes.Delete("u1", 2);
        expected.Add((ChangeKind.SoftDelete, "u1", 2, null, Clock.Now));
        Step();

        Assert.Equal(1, store.Notes.PurgeDeleted(Clock.Now));
        expected.Add((ChangeKind.Purge, "u1", 2, null, Clock.Now));
        Step();

        store.Notes.DeleteUser("u2");
        expected.Add((ChangeKind.DeleteUser, "u2", 0, null, Clock.Now));

        var changes = store.Notes.ReadChanges(0).ToList();
        Assert.Equal(expected, changes.Select(c => (c.Kind, c.UserId, c.NoteId, c.Row, c.Timestamp)));
        Assert.Equal(Enumerable.Range(1, expected.Count).Select(i => (long)i), changes.Select(c => c.Sequence));

        // One user's feed comes from the per-user index: the same changes, filtered by nobody.
        Assert.Equal(changes.Where(c => c.UserId == "u2"), store.Notes.ReadChanges("u2", 0));
        Assert.Equal(changes.Where(c => c.UserId == "u1" && c.Sequence > 3), store.Notes.ReadChanges("u1", 3));
    }

    [Fact]
    public void ChangeFeed_SharedTable_RecordsHardDeletes_AndFiltersBySequence()
    {
        LifecycleStore store = Open();
        Guid account = Guid.CreateVersion7();
        var entry = new LedgerEntry(account, 1, 12.50m);

        store.Ledger.Put(entry);
        store.Ledger.Delete(account, 1);
        store.Ledger.Delete(account, 2); // deleting a missing row is still a write the feed reports

        var changes = store.Ledger.ReadChanges(0).ToList();
        Assert.Equal(
            [(1L, ChangeKind.Put, 1, (LedgerEntry?)entry), (2L, ChangeKind.Delete, 1, null), (3L, ChangeKind.Delete, 2, null)],
            changes.Select(c => (c.Sequence, c.Kind, c.Line, c.Row)));
        Assert.All(changes, c => Assert.Equal(account, c.Account));
        Assert.Equal([3L], store.Ledger.ReadChanges(2).Select(c => c.Sequence));
        Assert.Empty(store.Ledger.ReadChanges(3));
        Assert.Empty(store.Ledger.ReadChanges(long.MaxValue));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Ledger.ReadChanges(-1));
    }

    [Fact]
    public void ChangeFeed_SequenceIsStoreWide_EachTableReadsOnlyItsOwnChanges()
    {
        LifecycleStore store = Open();
        Guid account = Guid.NewGuid();
        for (int i = 0; i < 10; i++)
        {
            if (i % 3 == 0)
            {
                store.Ledger.Put(new LedgerEntry(account, i, i));
            }
            else
            {
                store.Notes.Put(new Note("u", i, "n"));
            }
        }

        store.Drafts.Put(new Draft("no feed", "x", 1)); // tables without a feed record nothing

        var ledger = store.Ledger.ReadChanges(0).Select(c => (c.Sequence, c.Line)).ToList();
        var notes = store.Notes.ReadChanges(0).Select(c => (c.Sequence, (int)c.NoteId)).ToList();
        Assert.Equal([(1L, 0), (4L, 3), (7L, 6), (10L, 9)], ledger);
        Assert.Equal([1, 2, 4, 5, 7, 8], notes.Select(n => n.Item2));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), ledger.Concat(notes).Select(c => c.Sequence).Order());
    }

    [Fact]
    public void ChangeFeed_IsPartOfTheSameAtomicWrite_AsSeenThroughASnapshot()
    {
        LifecycleStore store = Open();
        store.Notes.Put(new Note("u", 1, "before"));
        using LifecycleStoreSnapshot snapshot = store.CreateSnapshot();
        store.Notes.Put(new Note("u", 2, "after"));
        store.Notes.Delete("u", 1);

        Assert.Equal([1L], snapshot.Notes.ReadChanges(0).Select(c => c.NoteId));
        Assert.Equal([1L], snapshot.Notes.ReadChanges("u", 0).Select(c => c.NoteId));
        Assert.Equal([1L], snapshot.Notes.ScanAll().Select(n => n.NoteId));
        Assert.Equal(3, store.Notes.ReadChanges(0).Count());
    }

    /// <summary>
    /// Sequence and write happen under one lock, so commit order is sequence order: a reader that has seen sequence
    /// N can never later find a change below N. With every writer on one table, that table's feed has no gaps, so
    /// each read must continue exactly where the previous one ended.
    /// </summary>
    [Fact]
    public void ChangeFeed_UnderConcurrentWriters_ReadersSeeAGaplessPrefix()
    {
        const int Writers = 3;
        const int WritesPerWriter = 400;
        LifecycleStore store = Open();
        int writersRunning = Writers;
        long seen = 0;
        int reads = 0;

        RunThreads(Writers + 1, thread =>
        {
            if (thread < Writers)
            {
                try
                {
                    for (int i = 0; i < WritesPerWriter; i++)
                    {
                        if (i % 50 == 49)
                        {
                            store.Notes.PutMany([new Note($"w{thread}", i, "a"), new Note($"w{thread}", i + 10_000, "b")]);
                        }
                        else
                        {
                            store.Notes.Put(new Note($"w{thread}", i, "x"));
                        }
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref writersRunning);
                }

                return;
            }

            bool last = false;
            while (!last)
            {
                last = Volatile.Read(ref writersRunning) == 0;
                foreach (LifecycleStore.NotesChange change in store.Notes.ReadChanges(seen))
                {
                    Assert.Equal(seen + 1, change.Sequence);
                    seen = change.Sequence;
                }

                reads++;
            }
        });

        const int PutManyCalls = WritesPerWriter / 50;
        Assert.Equal(Writers * (WritesPerWriter + PutManyCalls), seen);
        Assert.True(reads > 0);
    }

    [Fact]
    public void GeneratedIds_WithSoftDeleteAndChangeFeed_EveryWritePathRecordsAndClearsMarkers()
    {
        LifecycleStore store = Open();

        Ticket first = store.Tickets.Insert(new Ticket(0, "printer"));
        Ticket second = store.Tickets.Insert(new Ticket(0, "coffee"));
        store.Tickets.Delete(first.Id);
        store.Tickets.PutMany([first with { Title = "printer, again" }, new Ticket(100, "chosen id")]);
        Ticket third = store.Tickets.Insert(new Ticket(0, "after the chosen id"));

        Assert.Equal(first with { Title = "printer, again" }, store.Tickets.Get(first.Id)); // the put cleared the marker
        Assert.True(third.Id > 100);
        Assert.Equal(
            [(ChangeKind.Put, first.Id), (ChangeKind.Put, second.Id), (ChangeKind.SoftDelete, first.Id), (ChangeKind.Put, first.Id), (ChangeKind.Put, 100L), (ChangeKind.Put, third.Id)],
            store.Tickets.ReadChanges(0).Select(c => (c.Kind, c.Id)));
    }
}
