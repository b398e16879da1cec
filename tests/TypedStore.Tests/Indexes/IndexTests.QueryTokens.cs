namespace TypedStore.Tests.Indexes;

/// <summary>Index query tokens (bound to the index and its range), per-user scoping, and snapshots.</summary>
public abstract partial class IndexTests
{
    private static IndexStore SeedIssues(IndexStore store)
    {
        for (int i = 0; i < 12; i++)
        {
            store.Issues.Put(new Issue("core", i, $"slug-{i:D2}", i % 3 == 0 ? null : i % 3 == 1 ? "dee" : "ann", (IssueStatus)(i % 2), "t"));
        }

        return store;
    }

    [Fact]
    public void IndexQueryToken_IsRefusedByAnotherIndex_TheTablesOwnQuery_AndAnotherRange()
    {
        IndexStore store = SeedIssues(OpenStore());
        string token = store.Issues.ByAssignee.Scan("dee").Page(1).Next!;
        string whole = store.Issues.ByAssignee.Scan().Page(1).Next!;
        string table = store.Issues.Scan().Page(1).Next!;

        ArgumentException other = Assert.Throws<ArgumentException>(() => store.Issues.BySlug.Scan().Page(1, whole));
        Assert.Contains("index 'by_slug'", other.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.Issues.Scan().Page(1, whole));             // the table's query, same (whole) range
        Assert.Throws<ArgumentException>(() => store.Issues.ByAssignee.Scan().Page(1, table));  // and the other way round
        Assert.Throws<ArgumentException>(() => store.Issues.ByAssignee.Scan("ann").Page(1, token));
        Assert.Throws<ArgumentException>(() => store.Issues.ByAssignee.Scan("dee").From(IssueStatus.Closed).Page(1, token));
        Assert.Throws<ArgumentException>(() => store.Issues.ByAssignee.Scan("dee").Reverse().Page(1, token));
        Assert.Throws<ArgumentException>(() => store.Issues.ByAssignee.Scan("dee").Page(1, "not a token"));

        // The same query accepts it, and the pages make up the rows.
        List<Issue> rows = [.. store.Issues.ByAssignee.Scan("dee").Page(1).Rows];
        for (string? next = token; next is not null;)
        {
            Page<Issue> page = store.Issues.ByAssignee.Scan("dee").Page(1, next);
            rows.AddRange(page.Rows);
            next = page.Next;
        }

        Assert.Equal(store.Issues.ByAssignee.Scan("dee").ToList(), rows);
        Assert.Equal(4, rows.Count);
    }

    [Fact]
    public void IndexQueryToken_StaysValidAcrossReopen_AndUnderConcurrentWrites()
    {
        IndexStore store = SeedIssues(OpenStore());
        Page<Issue> first = store.Issues.ByAssignee.Scan().Reverse().Page(5);
        store = Reopen(store);
        store.Issues.Put(new Issue("core", 100, "slug-100", "zed", IssueStatus.Open, "t")); // sorts after every assignee: before the token in reverse

        Page<Issue> second = store.Issues.ByAssignee.Scan().Reverse().Page(5, first.Next);
        List<Issue> all = store.Issues.ByAssignee.Scan().Reverse().ToList();

        Assert.Equal("zed", all[0].Assignee);
        Assert.Equal(all.Skip(6).Take(5), second.Rows);
    }

    [Fact]
    public void UserIndexQuery_NeverReturnsAnotherUsersRows_OverAdversarialIds()
    {
        IndexStore store = OpenStore();
        string[] users = ["u1", "u10", "u1\0", "u", ""];
        foreach (string user in users)
        {
            for (int i = 0; i < 6; i++)
            {
                store.Contacts.Put(new Contact(user, i, $"{i}", i % 3 == 0 ? null : i % 3 == 1 ? "oslo" : "rome"));
            }
        }

        foreach (string user in users)
        {
            Assert.All(store.Contacts.ByCity.Scan(user), c => Assert.Equal(user, c.UserId));
            Assert.All(store.Contacts.ByCity.Scan(user).Reverse(), c => Assert.Equal(user, c.UserId));
            Assert.All(store.Contacts.ByCity.Scan(user).From(null).To("zzz"), c => Assert.Equal(user, c.UserId));
            Assert.All(store.Contacts.ByCity.Scan(user, "rome").From("0"), c => Assert.Equal(user, c.UserId));
            Assert.All(store.Contacts.ByPhone.Scan(user).After("0"), c => Assert.Equal(user, c.UserId));
            Assert.Equal(6, store.Contacts.ByCity.Scan(user).Count());
            Assert.Equal(user, store.Contacts.ByCity.Scan(user).Last()!.UserId);
            Assert.Equal(user, store.Contacts.ByCity.Scan(user).First()!.UserId);
            Assert.Equal(2, store.Contacts.ByCity.Scan(user, null).Count());
            Assert.Equal([1, 4], store.Contacts.ByCity.Scan(user, "oslo").Select(c => c.ContactId));
            Assert.Equal([0, 3, 1, 4, 2, 5], store.Contacts.ByCity.Scan(user).Select(c => c.ContactId)); // nulls first, then oslo, rome

            List<Contact> paged = [];
            for (string? next = null; ;)
            {
                Page<Contact> page = store.Contacts.ByCity.Scan(user).Page(4, next);
                paged.AddRange(page.Rows);
                if ((next = page.Next) is null)
                {
                    break;
                }
            }

            Assert.Equal(store.Contacts.ByCity.Scan(user).ToList(), paged);
        }

        // A soft-deleted contact leaves the user's index queries.
        store.Contacts.Delete("u1", 1);
        Assert.Equal([4], store.Contacts.ByCity.Scan("u1", "oslo").Select(c => c.ContactId));
        Assert.Equal(5, store.Contacts.ByCity.Scan("u1").Count());
    }

    [Fact]
    public void IndexQuery_AtASnapshot_ReadsEntriesAndRowsFromTheSnapshot()
    {
        IndexStore store = SeedIssues(OpenStore());
        using var snapshot = store.CreateSnapshot();
        List<Issue> before = store.Issues.ByAssignee.Scan("dee").ToList();
        store.Issues.Put(before[0] with { Assignee = "ann" });
        store.Issues.Put(new Issue("core", 50, "slug-50", "dee", IssueStatus.Open, "t"));

        Assert.Equal(before, snapshot.Issues.ByAssignee.Scan("dee").ToList());
        Assert.Equal(before.Count, snapshot.Issues.ByAssignee.Scan("dee").Count());
        Assert.Equal(before[^1], snapshot.Issues.ByAssignee.Scan("dee").Last());
        Assert.Equal(before.Count, store.Issues.ByAssignee.Scan("dee").Count()); // one moved out, one came in
        Assert.DoesNotContain(store.Issues.ByAssignee.Scan("dee"), i => i.Number == before[0].Number);
    }
}
