using TypedStore.Runtime.Contexts;
using TypedStore.Tests.Reliability;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// Index accessors inside a transaction (docs/transactions.md, "Index reads"): <c>tx.T.ByX</c> reads the transaction's
/// snapshot with its own puts, replacements, deletes, soft deletes, restores, purges, range deletes and user deletes
/// merged in index order. A seeded randomized test compares every read member of every index (Scan at each depth, bounds
/// by prefix, Reverse, Count, Any, First, Last, pages, unique Get) with the rows the transaction itself reads through
/// its tables after every step, then commits and checks the stored indexes equal what the transaction saw.
/// </summary>
public abstract partial class IndexTests
{
    private static readonly string[] TxUsers = ["u0", "u1", "u2"];
    private static readonly string?[] TxCities = [null, "x", "y"];

    [Fact]
    public void IndexReads_InATransaction_MergeItsOwnWrites_InEveryReadMember()
    {
        int seed = ReliabilitySettings.Seed(1313);
        int rounds = ReliabilitySettings.Scale(6, 60);
        Random random = new(seed);
        IndexStore store = OpenStore();
        int checks = 0;
        for (int round = 0; round < rounds; round++)
        {
            // Committed rows the transaction starts from.
            for (int i = 0; i < 12; i++)
            {
                RandomTxWrite(store.Issues, store.Accounts, store.Contacts, random, allowRanges: false);
            }

            using IndexStoreTransaction tx = store.BeginTransaction();
            int steps = random.Next(5, 25);
            for (int step = 0; step < steps; step++)
            {
                RandomTxWrite(tx.Issues, tx.Accounts, tx.Contacts, random, allowRanges: true);
                if (random.Next(3) == 0)
                {
                    CheckTransactionIndexes(tx, random, $"seed {seed}, round {round}, step {step}:");
                    checks++;
                }
            }

            CheckTransactionIndexes(tx, random, $"seed {seed}, round {round}, before commit:");
            List<Issue> byAssignee = [.. tx.Issues.ByAssignee.Scan()];
            List<Account> byScore = [.. tx.Accounts.ByScore.Scan()];
            tx.Commit();

            // What the transaction saw is what it wrote.
            Assert.Equal(byAssignee, store.Issues.ByAssignee.Scan());
            Assert.Equal(byScore, store.Accounts.ByScore.Scan());
            IndexOracle.AssertConsistent(store, $"seed {seed}, round {round}, after commit:");
        }

        Output?.WriteLine($"{GetType().Name}: {rounds} transactions (seed {seed}), {checks} mid-transaction checks of every index read member");
    }

    [Fact]
    public void IndexReads_InATransaction_SeeAUniqueValueMoveBetweenRows()
    {
        IndexStore store = OpenStore();
        store.Issues.Put(new Issue("core", 1, "crash", "dee", IssueStatus.Open, "t"));
        store.Issues.Put(new Issue("core", 2, "hang", "dee", IssueStatus.Open, "t"));

        using IndexStoreTransaction tx = store.BeginTransaction();
        tx.Issues.Put(new Issue("core", 1, "crash-old", "dee", IssueStatus.Closed, "t"));   // releases "crash"
        tx.Issues.Put(new Issue("core", 2, "crash", "ann", IssueStatus.Open, "t"));         // takes it
        Assert.Equal(2, tx.Issues.BySlug.Get("crash")!.Number);
        Assert.Equal(1, tx.Issues.BySlug.Get("crash-old")!.Number);
        Assert.Null(tx.Issues.BySlug.Get("hang"));
        Assert.Equal([1], tx.Issues.ByAssignee.Scan("dee").Select(i => i.Number));
        Assert.Equal([2], tx.Issues.ByAssignee.Scan("ann", IssueStatus.Open).Select(i => i.Number));
        Assert.Equal(0, tx.Issues.ByAssignee.Count("dee", IssueStatus.Open));

        // The snapshot is not changed by the transaction's writes.
        Assert.Equal(1, store.Issues.BySlug.Get("crash")!.Number);
        tx.Commit();
        Assert.Equal(2, store.Issues.BySlug.Get("crash")!.Number);
        IndexOracle.AssertConsistent(store);
    }

    [Fact]
    public void IndexReads_InATransaction_HideSoftDeletedRows_AndShowRestoredOnes()
    {
        IndexStore store = OpenStore();
        store.Accounts.Put(new Account("a", "a@x", 1));
        store.Accounts.Put(new Account("b", "b@x", 1));
        store.Accounts.Delete("b");

        store.Transact(tx =>
        {
            tx.Accounts.Delete("a");
            tx.Accounts.Restore("b");
            Assert.Null(tx.Accounts.ByEmail.Get("a@x"));
            Assert.Equal("b", tx.Accounts.ByEmail.Get("b@x")!.Id);
            Assert.Equal(["b"], tx.Accounts.ByScore.Scan(1).Select(a => a.Id));
            tx.Accounts.Purge("b");
            Assert.False(tx.Accounts.ByScore.Scan(1).Any());
            tx.Accounts.Put(new Account("a", "a2@x", 1));                 // a put over the soft-deleted row brings it back
            Assert.Equal("a", tx.Accounts.ByEmail.Get("a2@x")!.Id);
            Assert.Equal(1, tx.Accounts.ByScore.Count(1));
        });

        IndexOracle.AssertConsistent(store);
        Assert.Equal("a", store.Accounts.ByEmail.Get("a2@x")!.Id);
    }

    [Fact]
    public void IndexReads_InATransaction_StayWithinTheirUser()
    {
        IndexStore store = OpenStore();
        store.Contacts.Put(new Contact("u1", 1, "555", "x"));
        store.Contacts.Put(new Contact("u2", 1, "555", "x"));

        using IndexStoreTransaction tx = store.BeginTransaction();
        tx.Contacts.Put(new Contact("u1", 2, "556", "x"));
        tx.Contacts.DeleteUser("u2");
        tx.Contacts.Put(new Contact("u3", 1, "555", "y"));
        Assert.Equal([1, 2], tx.Contacts.ByCity.Scan("u1", "x").Select(c => c.ContactId));
        Assert.Empty(tx.Contacts.ByPhone.Scan("u2"));
        Assert.Null(tx.Contacts.ByPhone.Get("u2", "555"));
        Assert.Equal("u3", tx.Contacts.ByPhone.Get("u3", "555")!.UserId);
        Assert.Equal("u1", tx.Contacts.ByPhone.Get("u1", "555")!.UserId);
        Assert.Equal(0, tx.Contacts.ByCity.Count("u3", "x"));
        tx.Contacts.Put(new Contact("u2", 7, "555", null));                      // the user's rows after its delete
        Assert.Equal([7], tx.Contacts.ByPhone.Scan("u2").Select(c => c.ContactId));
        tx.Commit();
        IndexOracle.AssertConsistent(store);
        Assert.Equal([7], store.Contacts.ByPhone.Scan("u2").Select(c => c.ContactId));
    }

    [Fact]
    public void IndexReads_InATransaction_FollowARolledBackMember()
    {
        IndexStore store = OpenStore();
        store.Meetings.Put(new Meeting(1, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        using IndexStoreTransaction tx = store.BeginTransaction();
        tx.Issues.Put(new Issue("core", 1, "s1", "dee", IssueStatus.Open, "t"));

        // The third row refuses (an Unspecified time): the member takes back the two before it, and their entries.
        DateTime utc = new(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Throws<ArgumentException>(() => tx.Meetings.PutMany([new Meeting(2, utc), new Meeting(3, utc), new Meeting(4, new DateTime(2026, 3, 1))]));
        Assert.Equal([1], tx.Meetings.ByStart.Scan().Select(m => m.Id));
        Assert.Equal(1, tx.Issues.ByAssignee.Count("dee"));
        tx.Commit();
        IndexOracle.AssertConsistent(store);
    }

    // One random write to the three indexed tables in `context` (the store itself, or a transaction).
    private static void RandomTxWrite<TContext>(IndexStore.IssuesTable<TContext> issues, IndexStore.AccountsTable<TContext> accounts, IndexStore.ContactsTable<TContext> contacts, Random random, bool allowRanges)
        where TContext : struct, IReadContext, IWriteContext
    {
        string project = Pick(random, QueryProjects);
        int number = random.Next(0, 8);
        string id = "a" + random.Next(6);
        string user = Pick(random, TxUsers);
        int contact = random.Next(4);
        switch (random.Next(allowRanges ? 14 : 11))
        {
            case 0:
            case 1:
            case 2:
                // A slug of its own per key (a new version on each put), so no write violates uniqueness.
                issues.Put(new Issue(project, number, $"{project}-{number}-{random.Next(3)}", Pick(random, QueryAssignees), (IssueStatus)random.Next(2), "t"));
                break;
            case 3:
                issues.Delete(project, number);
                break;
            case 4:
            case 5:
                accounts.Put(new Account(id, random.Next(3) == 0 ? null : $"{id}-{random.Next(2)}@x", random.Next(3) == 0 ? null : random.Next(-1, 2)));
                break;
            case 6:
                accounts.Delete(id);
                break;
            case 7:
                accounts.Restore(id);
                break;
            case 8:
            case 9:
                contacts.Put(new Contact(user, contact, $"{contact}-{random.Next(2)}", Pick(random, TxCities)));
                break;
            case 10:
                contacts.Delete(user, contact);
                break;
            case 11:
                issues.Delete(issues.Scan(project).From(number).Before(number + random.Next(1, 4)));
                break;
            case 12:
                accounts.Purge(id);
                break;
            default:
                contacts.DeleteUser(user);
                break;
        }
    }

    // Every read member of every index of the transaction, against the rows the transaction reads through its tables.
    private static void CheckTransactionIndexes(IndexStoreTransaction tx, Random random, string at)
    {
        StringComparer ordinal = StringComparer.Ordinal;
        static object?[] AssigneeParts(Issue i) => [i.Assignee, i.Status, i.ProjectId, i.Number];
        static object?[] SlugParts(Issue i) => [i.Slug, i.ProjectId, i.Number];
        static object?[] ScoreParts(Account a) => [a.Score, a.Id];

        List<Issue> issues = [.. tx.Issues.ScanAll()];
        bool reverse = random.Next(2) == 0;
        CheckQuery(reverse ? tx.Issues.ByAssignee.Scan().Reverse() : tx.Issues.ByAssignee.Scan(), Reference(issues, AssigneeParts, [], Bound.None, Bound.None, reverse), random, $"{at} ByAssignee");
        CheckQuery(tx.Issues.BySlug.Scan(), Reference(issues, SlugParts, [], Bound.None, Bound.None, reverse: false), random, $"{at} BySlug");
        foreach (string? assignee in QueryAssignees)
        {
            CheckQuery(tx.Issues.ByAssignee.Scan(assignee), Reference(issues, AssigneeParts, [assignee], Bound.None, Bound.None, reverse: false), random, $"{at} ByAssignee {assignee}");
            IssueStatus status = (IssueStatus)random.Next(2);
            List<Issue> both = Reference(issues, AssigneeParts, [assignee, status], Bound.None, Bound.None, reverse: false);
            Assert.True(both.Count == tx.Issues.ByAssignee.Count(assignee, status), $"{at} ByAssignee.Count({assignee}, {status})");
            Assert.True(both.SequenceEqual(tx.Issues.ByAssignee.Scan(assignee, status)), $"{at} ByAssignee.Scan({assignee}, {status})");
        }

        foreach (Issue issue in issues)
        {
            Assert.True(Equals(issue, tx.Issues.BySlug.Get(issue.Slug)), $"{at} BySlug.Get({issue.Slug})");
        }

        foreach (string project in QueryProjects)
        {
            for (int number = 0; number < 8; number++)
            {
                // Every slug a write may have used: present exactly when a row holds it now.
                for (int version = 0; version < 3; version++)
                {
                    string slug = $"{project}-{number}-{version}";
                    Assert.True(Equals(issues.SingleOrDefault(i => i.Slug == slug), tx.Issues.BySlug.Get(slug)), $"{at} BySlug.Get({slug})");
                }
            }
        }

        List<Account> accounts = [.. tx.Accounts.ScanAll()];
        CheckQuery(tx.Accounts.ByScore.Scan(), Reference(accounts, ScoreParts, [], Bound.None, Bound.None, reverse: false), random, $"{at} ByScore");
        Assert.Equal(accounts.Count, tx.Accounts.ByEmail.Count());
        for (int a = 0; a < 6; a++)
        {
            for (int version = 0; version < 2; version++)
            {
                string email = $"a{a}-{version}@x";
                Assert.True(Equals(accounts.SingleOrDefault(x => x.Email == email), tx.Accounts.ByEmail.Get(email)), $"{at} ByEmail.Get({email})");
            }
        }

        Assert.True(accounts.Where(x => x.Email is null).OrderBy(x => x.Id, ordinal).SequenceEqual(tx.Accounts.ByEmail.Scan(null)), $"{at} ByEmail.Scan(null)");

        List<Contact> contacts = [.. tx.Contacts.ScanAll()];
        foreach (string user in TxUsers)
        {
            List<Contact> mine = [.. contacts.Where(c => c.UserId == user)];
            Assert.True(mine.OrderBy(c => c.Phone, ordinal).ThenBy(c => c.ContactId).SequenceEqual(tx.Contacts.ByPhone.Scan(user)), $"{at} ByPhone.Scan({user})");
            Assert.True(mine.Count == tx.Contacts.ByCity.Count(user), $"{at} ByCity.Count({user})");
            foreach (string? city in TxCities)
            {
                List<Contact> inCity = [.. mine.Where(c => c.City == city).OrderBy(c => c.Phone, ordinal).ThenBy(c => c.ContactId)];
                Assert.True(inCity.SequenceEqual(tx.Contacts.ByCity.Scan(user, city)), $"{at} ByCity.Scan({user}, {city})");
                Assert.True(inCity.Count > 0 == tx.Contacts.ByCity.Scan(user, city).Any(), $"{at} ByCity.Any({user}, {city})");
            }

            for (int c = 0; c < 4; c++)
            {
                for (int version = 0; version < 2; version++)
                {
                    string phone = $"{c}-{version}";
                    Assert.True(Equals(mine.SingleOrDefault(x => x.Phone == phone), tx.Contacts.ByPhone.Get(user, phone)), $"{at} ByPhone.Get({user}, {phone})");
                }
            }
        }
    }
}
