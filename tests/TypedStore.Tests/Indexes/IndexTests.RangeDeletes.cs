using TypedStore.Tests.Reliability;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// Range deletes (a query's <c>Delete()</c>, <c>batch.T.Delete(query)</c>, <c>Clear()</c>) on indexed tables: the index
/// step keeps each as a range and finds its rows at commit under the table's index lock, so every entry of a row the
/// delete removes goes with it, rows written into the range after the delete was recorded included; on a change feed
/// the delete is row by row (the rows recorded), and the entries follow exactly those rows. A snapshot taken before
/// reads every index as it was.
/// </summary>
public abstract partial class IndexTests
{
    [Fact]
    public void Clear_OnEveryIndexedTable_LeavesEveryIndexEmpty_AndVerifyClean()
    {
        IndexStore store = OpenStore();
        for (int i = 0; i < 20; i++)
        {
            store.Issues.Put(new Issue("p" + (i % 3), i, "slug" + i, i % 4 == 0 ? null : "dee" + (i % 2), (IssueStatus)(i % 2), ""));
            store.Accounts.Put(new Account("a" + i, i % 5 == 0 ? null : $"e{i}@x", i % 3 == 0 ? null : i));
            store.Contacts.Put(new Contact("u" + (i % 4), i, "phone" + i, i % 2 == 0 ? null : "city"));
            store.Tasks.Insert(new TaskItem(0, "owner" + (i % 3), i % 4));
        }

        store.Accounts.Delete("a1");        // soft-deleted: no entries, its row and marker in the range
        store.Accounts.Delete("nobody");    // an orphan marker
        store.Contacts.Delete("u1", 5);
        IndexOracle.AssertConsistent(store);

        store.Issues.Clear();
        store.Accounts.Clear();
        store.Contacts.Clear();
        store.Tasks.Clear();

        AssertEmpty(store);
        store = Reopen(store);
        AssertEmpty(store);

        // The unique values are free again: the same rows go back in, with their entries.
        store.Issues.Put(new Issue("p0", 0, "slug0", "dee", IssueStatus.Open, ""));
        store.Accounts.Put(new Account("a2", "e1@x", 1));
        store.Contacts.Put(new Contact("u1", 9, "phone1", null));
        Assert.Equal("p0", store.Issues.BySlug.Get("slug0")!.ProjectId);
        Assert.Equal("a2", store.Accounts.ByEmail.Get("e1@x")!.Id);
        Assert.Equal(9, store.Contacts.ByPhone.Get("u1", "phone1")!.ContactId);
        Assert.Null(store.Accounts.Get("a1"));
        store.Accounts.Restore("a1"); // gone for good with its marker: nothing comes back
        Assert.Null(store.Accounts.Get("a1"));
        IndexOracle.AssertConsistent(store);

        static void AssertEmpty(IndexStore store)
        {
            Assert.Equal(0, store.Issues.ByAssignee.Count());
            Assert.Equal(0, store.Issues.BySlug.Count());
            Assert.Equal(0, store.Accounts.ByEmail.Count());
            Assert.Equal(0, store.Accounts.ByScore.Count());
            for (int u = 0; u < 4; u++)
            {
                Assert.Equal(0, store.Contacts.ByPhone.Count("u" + u));
                Assert.Equal(0, store.Contacts.ByCity.Count("u" + u));
            }

            for (int o = 0; o < 3; o++)
            {
                Assert.Equal(0, store.Tasks.ByOwner.Count("owner" + o));
            }

            Assert.Null(store.Issues.BySlug.Get("slug1"));
            Assert.Null(store.Accounts.ByEmail.Get("e2@x"));
            Assert.Null(store.Contacts.ByPhone.Get("u1", "phone1"));
            foreach (TableVerification verification in new[] { store.Issues.Verify(), store.Accounts.Verify(), store.Contacts.Verify(), store.Tasks.Verify() })
            {
                IndexOracle.AssertVerified(verification);
                Assert.Equal(0, verification.Rows);
                Assert.All(verification.Indexes, index => Assert.Equal(0, index.Entries));
            }

            IndexOracle.AssertConsistent(store);
        }
    }

    [Fact]
    public void UserTable_RangeDeleteWithinAUser_RemovesExactlyThoseRowsEntries()
    {
        IndexStore store = OpenStore();
        string[] users = ["u1", "u10", "u1\0x", "", "\u00ff"];
        foreach (string user in users)
        {
            for (int id = 0; id < 6; id++)
            {
                store.Contacts.Put(new Contact(user, id, "ph" + id, id % 2 == 0 ? "oslo" : null));
            }
        }

        store.Contacts.Delete("u1", 4); // soft-deleted in the range: its row and marker go, it had no entries

        store.Contacts.Scan("u1").From(3).Delete();

        Assert.Equal([0, 1, 2], store.Contacts.Scan("u1").IncludeDeleted().Select(c => c.ContactId));
        Assert.Equal(3, store.Contacts.ByPhone.Count("u1"));
        Assert.Equal(3, store.Contacts.ByCity.Count("u1"));
        Assert.Equal(["ph0", "ph1", "ph2"], store.Contacts.ByPhone.Scan("u1").Select(c => c.Phone));
        Assert.Equal([0, 2], store.Contacts.ByCity.Scan("u1", "oslo").Select(c => c.ContactId));
        for (int id = 3; id < 6; id++)
        {
            Assert.Null(store.Contacts.ByPhone.Get("u1", "ph" + id));
        }

        foreach (string other in users.Where(u => u != "u1"))
        {
            Assert.Equal(6, store.Contacts.ByPhone.Count(other));
            Assert.Equal(6, store.Contacts.ByCity.Count(other));
            Assert.Equal(5, store.Contacts.ByPhone.Get(other, "ph5")!.ContactId);
        }

        // The removed rows' values are free within the user; a kept row's value is not.
        store.Contacts.Put(new Contact("u1", 9, "ph4", null));
        Assert.Throws<UniqueConstraintException>(() => store.Contacts.Put(new Contact("u1", 8, "ph1", null)));

        // The same through a batch, beside a put into the range (recorded before the delete: removed with it) and one
        // after it (kept), and a bounded range on another user.
        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Contacts.Put(new Contact("u1", 7, "ph7", "oslo"));
            batch.Contacts.Delete(store.Contacts.Scan("u1").After(0).To(7));
            batch.Contacts.Put(new Contact("u1", 2, "ph2b", "rome"));
            batch.Contacts.Delete(store.Contacts.Scan("u10").After(1).Before(4));
            batch.Commit();
        }

        Assert.Equal([(0, "ph0"), (2, "ph2b"), (9, "ph4")], store.Contacts.Scan("u1").Select(c => (c.ContactId, c.Phone)));
        Assert.Equal(["ph0", "ph2b", "ph4"], store.Contacts.ByPhone.Scan("u1").Select(c => c.Phone));
        Assert.Equal([0, 1, 4, 5], store.Contacts.Scan("u10").Select(c => c.ContactId));
        Assert.Equal(4, store.Contacts.ByPhone.Count("u10"));
        Assert.Equal(6, store.Contacts.ByPhone.Count("u1\0x"));
        IndexOracle.AssertConsistent(store);
        store = Reopen(store);
        IndexOracle.AssertConsistent(store);
    }

    [Fact]
    public void RangeDelete_InABatch_AlsoRemovesTheEntriesOfRowsWrittenIntoTheRangeAfterItWasRecorded()
    {
        IndexStore store = OpenStore();
        store.Issues.Put(new Issue("p", 1, "one", "ann", IssueStatus.Open, ""));
        store.Issues.Put(new Issue("p", 2, "two", "ann", IssueStatus.Open, ""));
        store.Issues.Put(new Issue("q", 1, "q-one", "ann", IssueStatus.Open, ""));

        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Issues.Delete(store.Issues.Scan("p"));

            // Committed by another writer after the delete was recorded, before it commits: a new row in the range,
            // and a row of the range given other indexed values. The range delete (one range op) removes both rows at
            // commit, so their entries of now must go too.
            store.Issues.Put(new Issue("p", 3, "three", "bob", IssueStatus.Closed, ""));
            store.Issues.Put(new Issue("p", 1, "one-b", "bob", IssueStatus.Closed, ""));
            batch.Commit();
        }

        Assert.Equal([("q", 1)], store.Issues.ScanAll().Select(i => (i.ProjectId, i.Number)));
        Assert.Null(store.Issues.BySlug.Get("three"));
        Assert.Null(store.Issues.BySlug.Get("one-b"));
        Assert.Empty(store.Issues.ByAssignee.Scan("bob"));
        Assert.Equal(1, store.Issues.BySlug.Count());
        Assert.Equal(1, store.Issues.ByAssignee.Count());
        IndexOracle.AssertConsistent(store);

        // The freed slugs can be taken again.
        store.Issues.Put(new Issue("r", 1, "three", null, IssueStatus.Open, ""));
        IndexOracle.AssertConsistent(store);
    }

    [Fact]
    public void RangeDelete_RacingWithPutsIntoTheRange_LeavesNoStaleEntry()
    {
        IndexStore store = OpenStore();
        int writers = Math.Max(3, Environment.ProcessorCount);
        int writes = ReliabilitySettings.Scale(400, 5000);
        store.Issues.Put(new Issue("q", 0, "outside", "keeper", IssueStatus.Open, ""));
        using Barrier start = new(writers + 1);
        Exception? unexpected = null;
        int done = 0;
        int deletes = 0;
        List<Thread> threads = [];
        for (int t = 0; t < writers; t++)
        {
            int thread = t;
            threads.Add(new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    for (int i = 0; i < writes && unexpected is null; i++)
                    {
                        // Into the range, on a few keys every writer shares: a new row, or a row of the range given new
                        // indexed values (each write its own slug), so a range delete's commit meets puts to its rows.
                        store.Issues.Put(new Issue("p", i % 3, $"s-{thread}-{i}", $"w{thread}-{i % 3}", (IssueStatus)(i % 2), ""));
                        if (i % 5 == 0)
                        {
                            store.Accounts.Put(new Account($"a{thread}-{i % 3}", $"e-{thread}-{i}", i));
                        }
                    }
                }
                catch (Exception ex)
                {
                    unexpected = ex;
                }
                finally
                {
                    Interlocked.Increment(ref done);
                }
            }));
        }

        // The deleter: range deletes over the range the writers write into, direct and in batches (recorded, then
        // committed a little later), on the plain table and on the change-feed one, until every writer is done.
        threads.Add(new Thread(() =>
        {
            try
            {
                start.SignalAndWait();
                for (int i = 0; Volatile.Read(ref done) < writers && unexpected is null; i++)
                {
                    switch (i % 4)
                    {
                        case 0:
                            store.Issues.Scan("p").Delete();
                            break;
                        case 1:
                            store.Issues.Scan("p").From(1).Before(9).Delete();
                            break;
                        case 2:
                            {
                                using IndexStoreBatch batch = store.CreateBatch();
                                batch.Issues.Delete(store.Issues.Scan("p").After(0));
                                Thread.Yield();
                                batch.Accounts.Delete(store.Accounts.Scan().From("a1").Before("a3"));
                                batch.Commit();
                                break;
                            }

                        default:
                            store.Accounts.Scan().To("a1").Delete();
                            break;
                    }

                    deletes++;
                }
            }
            catch (Exception ex)
            {
                unexpected = ex;
            }
        }));

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Null(unexpected);
        Assert.True(deletes > 0);
        Assert.Equal("keeper", store.Issues.BySlug.Get("outside")!.Assignee);
        IndexOracle.AssertConsistent(store);

        // One more delete over the whole range leaves only the row outside it, and its entries alone.
        store.Issues.Scan("p").Delete();
        Assert.Equal(1, store.Issues.ByAssignee.Count());
        Assert.Equal(1, store.Issues.BySlug.Count());
        IndexOracle.AssertConsistent(store);
    }

    [Fact]
    public void ChangeFeedTable_RangeDelete_RowByRow_KeepsEveryEntryRight()
    {
        IndexStore store = OpenStore();
        for (int i = 1; i <= 6; i++)
        {
            store.Accounts.Put(new Account("a" + i, $"e{i}@x", i % 2 == 0 ? null : i));
        }

        store.Accounts.Delete("a3");   // soft-deleted in the range: no entries, its row and marker go
        store.Accounts.Delete("a4x");  // an orphan marker in the range: goes without a change
        long since = store.Accounts.ReadChanges(0).Max(c => c.Sequence);

        store.Accounts.Scan().From("a2").To("a4").Delete();

        Assert.Equal([(ChangeKind.Delete, "a2"), (ChangeKind.Delete, "a3"), (ChangeKind.Delete, "a4")], store.Accounts.ReadChanges(since).Select(c => (c.Kind, c.Id)));
        Assert.Equal(["a1", "a5", "a6"], store.Accounts.ScanAll(includeDeleted: true).Select(a => a.Id));
        Assert.Equal(["a1", "a5", "a6"], store.Accounts.ByEmail.Scan().Select(a => a.Id));
        Assert.Null(store.Accounts.ByEmail.Get("e2@x"));
        Assert.Null(store.Accounts.ByEmail.Get("e4@x"));
        Assert.Equal(["a6"], store.Accounts.ByScore.Scan(null).Select(a => a.Id));
        IndexOracle.AssertConsistent(store);

        // The removed rows' values are free (e3 was held by no live row anyway); a kept row's value is not.
        store.Accounts.Put(new Account("b2", "e2@x", 2));
        store.Accounts.Put(new Account("b3", "e3@x", 3));
        Assert.Throws<UniqueConstraintException>(() => store.Accounts.Put(new Account("b5", "e5@x", 5)));

        // In a batch the rows are those of the range when the delete is recorded (and the batch's own earlier puts):
        // a row another writer puts into the range afterwards stays, with its entries; a recorded row changed by
        // another writer meanwhile goes, with its entries of now.
        since = store.Accounts.ReadChanges(0).Max(c => c.Sequence);
        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Accounts.Put(new Account("b4", "e4@x", 4));
            batch.Accounts.Delete(store.Accounts.Scan().From("b").Before("c"));
            store.Accounts.Put(new Account("b9", "e9@x", 9));      // after the recording: kept
            store.Accounts.Put(new Account("b2", "e2-new@x", 22)); // recorded: removed with its new entry
            batch.Commit();
        }

        Assert.Equal([(ChangeKind.Put, "b9"), (ChangeKind.Put, "b2"), (ChangeKind.Put, "b4"), (ChangeKind.Delete, "b2"), (ChangeKind.Delete, "b3"), (ChangeKind.Delete, "b4")], store.Accounts.ReadChanges(since).Select(c => (c.Kind, c.Id)));
        Assert.Equal(["a1", "a5", "a6", "b9"], store.Accounts.ScanAll(includeDeleted: true).Select(a => a.Id));
        Assert.Equal("b9", store.Accounts.ByEmail.Get("e9@x")!.Id);
        Assert.Null(store.Accounts.ByEmail.Get("e2-new@x"));
        Assert.Null(store.Accounts.ByEmail.Get("e4@x"));
        Assert.Empty(store.Accounts.ByScore.Scan(22));
        IndexOracle.AssertConsistent(store);
        store = Reopen(store);
        IndexOracle.AssertConsistent(store);
    }

    [Fact]
    public void Snapshot_TakenBeforeRangeDeletesAndClear_ReadsEveryIndexAsItWas()
    {
        IndexStore store = OpenStore();
        for (int i = 0; i < 8; i++)
        {
            store.Issues.Put(new Issue("p" + (i % 2), i, "slug" + i, i % 3 == 0 ? null : "dee", (IssueStatus)(i % 2), ""));
            store.Accounts.Put(new Account("a" + i, $"e{i}@x", i % 2));
            store.Contacts.Put(new Contact("u" + (i % 2), i, "ph" + i, "oslo"));
        }

        List<Issue> issues = [.. store.Issues.ByAssignee.Scan()];
        List<Account> accounts = [.. store.Accounts.ByScore.Scan(1)];
        List<Contact> contacts = [.. store.Contacts.ByCity.Scan("u1", "oslo")];
        using IndexStoreSnapshot snapshot = store.CreateSnapshot();

        store.Issues.Scan("p0").Delete();
        store.Accounts.Scan().From("a2").Delete();
        store.Contacts.Scan("u1").After(1).Delete();
        store.Issues.Clear();

        Assert.Equal(issues, snapshot.Issues.ByAssignee.Scan());
        Assert.Equal(issues.Count, snapshot.Issues.ByAssignee.Count());
        Assert.Equal("p0", snapshot.Issues.BySlug.Get("slug4")!.ProjectId);
        Assert.Equal(accounts, snapshot.Accounts.ByScore.Scan(1));
        Assert.Equal("a5", snapshot.Accounts.ByEmail.Get("e5@x")!.Id);
        Assert.Equal(contacts, snapshot.Contacts.ByCity.Scan("u1", "oslo"));
        Assert.Equal(7, snapshot.Contacts.ByPhone.Get("u1", "ph7")!.ContactId);

        Assert.Empty(store.Issues.ByAssignee.Scan());
        Assert.Equal(["a0", "a1"], store.Accounts.ByEmail.Scan().Select(a => a.Id));
        Assert.Equal([1], store.Contacts.ByCity.Scan("u1", "oslo").Select(c => c.ContactId));
        IndexOracle.AssertConsistent(store);
    }
}
