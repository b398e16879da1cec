using TypedStore.Queries;
using TypedStore.Runtime.Contexts;
using TypedStore.Tests.Reliability;

namespace TypedStore.Tests.Indexes;

/// <summary>
/// The combined model test of issue 12: seeded random steps over the indexed tables that mix the index write paths with
/// the query writes — <c>query.Delete()</c> over random bounds, <c>batch.T.Delete(query)</c> among other members (batches
/// refused for uniqueness, members refused as recorded, batches disposed uncommitted), <c>Clear()</c>, range deletes on a
/// SoftDelete+ChangeFeed table and on a User table's user range — and reopening on RocksDB. The expected rows are kept
/// apart (<see cref="IndexRowModel"/>); after every step the tables equal them, every index equals its recomputation
/// from the rows plus <c>Verify</c> (<see cref="IndexOracle"/>), one random range query (rows, Count, Any, First, Last,
/// pages) equals the LINQ reference, and now and then <c>GetMany</c> equals the model.
/// </summary>
public abstract partial class IndexTests
{
    private static readonly string[] QmProjects = ["", "p", "p\0", "p0", "q\u00ff"];
    private static readonly string[] QmAccounts = ["", "a", "a\0", "a0", "a1", "b"];
    private static readonly string[] QmUsers = ["u1", "u10", "", "u1\0x", "\u00ff"];

    [Fact]
    public void QueryModel_RangeDeletesClearAndQueries_KeepEveryIndex_AndEqualTheLinqReference()
    {
        int seed = ReliabilitySettings.Seed(1214);
        int steps = ReliabilitySettings.Scale(3000, 30_000);
        Random random = new(seed);
        IndexStore store = OpenStore();
        IndexRowModel model = new();
        Dictionary<string, int> counts = [];
        void Count(string what) => counts[what] = counts.GetValueOrDefault(what) + 1;
        for (int step = 0; step < steps; step++)
        {
            string at = $"seed {seed}, step {step}:";
            int choice = random.Next(100);
            try
            {
                if (choice < 2 && Persists)
                {
                    store = Reopen(store);
                    Count("reopen");
                }
                else if (choice < 4)
                {
                    // PutMany: one write, refused whole when its rows end up sharing a slug with another row.
                    IndexRowModel after = model.Clone();
                    List<Issue> issues = [.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => new Issue(Pick(random, QmProjects), random.Next(6), "s" + random.Next(8), Pick(random, ModelNames), (IssueStatus)random.Next(2), ""))];
                    issues.ForEach(issue => after.Issues[(issue.ProjectId, issue.Number)] = issue);
                    bool violates = after.Violates();
                    Assert.Equal(violates, Refused(() => store.Issues.PutMany(issues)));
                    model = violates ? model : after;
                    Count("put many");
                }
                else if (choice < 14)
                {
                    var issue = new Issue(Pick(random, QmProjects), random.Next(6), "s" + random.Next(8), Pick(random, ModelNames), (IssueStatus)random.Next(2), "");
                    bool taken = model.SlugTaken((issue.ProjectId, issue.Number), issue.Slug);
                    Assert.Equal(taken, Refused(() => store.Issues.Put(issue)));
                    if (!taken)
                    {
                        model.Issues[(issue.ProjectId, issue.Number)] = issue;
                    }

                    Count("put");
                }
                else if (choice < 24)
                {
                    var account = new Account(Pick(random, QmAccounts), Pick(random, ModelEmails), random.Next(3) == 0 ? null : random.Next(3));
                    bool taken = model.EmailTaken(account.Id, account.Email);
                    Assert.Equal(taken, Refused(() => store.Accounts.Put(account)));
                    if (!taken)
                    {
                        model.Accounts[account.Id] = (account, false);
                    }

                    Count("put");
                }
                else if (choice < 36)
                {
                    var contact = new Contact(Pick(random, QmUsers), random.Next(5), Pick(random, ModelPhones), Pick(random, ModelNames));
                    bool taken = model.PhoneTaken(contact.UserId, contact.ContactId, contact.Phone);
                    Assert.Equal(taken, Refused(() => store.Contacts.Put(contact)));
                    if (!taken)
                    {
                        model.Contacts[(contact.UserId, contact.ContactId)] = (contact, false);
                    }

                    Count("put");
                }
                else if (choice < 46)
                {
                    SingleDelete(store, model, random);
                    Count("delete/restore/purge");
                }
                else if (choice < 60)
                {
                    // A direct range delete: query.Delete() over random bounds, on any of the three tables.
                    ModelRange range = RandomRange(random, model, (ModelTable)random.Next(3));
                    switch (range.Table)
                    {
                        case ModelTable.Issues:
                            QueryWrites.Delete(IndexQueryBuilder.Issues(store.Issues, range));
                            break;
                        case ModelTable.Accounts:
                            QueryWrites.Delete(IndexQueryBuilder.Accounts(store.Accounts, range));
                            break;
                        default:
                            QueryWrites.Delete(IndexQueryBuilder.Contacts(store.Contacts, range));
                            break;
                    }

                    int removed = model.DeleteRange(range);
                    Count($"range delete {range.Table}");
                    counts["rows range-deleted"] = counts.GetValueOrDefault("rows range-deleted") + removed;
                }
                else if (choice < 61)
                {
                    switch (random.Next(3))
                    {
                        case 0:
                            store.Issues.Clear();
                            model.Issues.Clear();
                            break;
                        case 1:
                            store.Accounts.Clear();
                            model.Accounts.Clear();
                            break;
                        default:
                            store.Contacts.Clear();
                            model.Contacts.Clear();
                            break;
                    }

                    Count("clear");
                }
                else if (choice < 63)
                {
                    string user = Pick(random, QmUsers);
                    store.Contacts.DeleteUser(user);
                    foreach ((string, int) key in model.Contacts.Keys.Where(k => k.User == user).ToList())
                    {
                        model.Contacts.Remove(key);
                    }

                    Count("delete user");
                }
                else if (choice < 82)
                {
                    model = QueryModelBatch(store, model, random, at, Count);
                }
                else if (choice < 92)
                {
                    CheckGetMany(store, model, random);
                    Count("get many");
                }
                else
                {
                    // Extra query checks (one runs after every step anyway).
                    CheckRandomQuery(store, model, random);
                    Count("query");
                }

                AssertRowsEqualModel(store, model);
                IndexOracle.AssertConsistent(store, at);
                CheckRandomQuery(store, model, random);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException($"{at} {ex}");
            }
        }

        Output?.WriteLine($"{GetType().Name}: {steps} steps (seed {seed}): {string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
    }

    private static void SingleDelete(IndexStore store, IndexRowModel model, Random random)
    {
        switch (random.Next(6))
        {
            case 0:
                {
                    (string, int) key = (Pick(random, QmProjects), random.Next(6));
                    store.Issues.Delete(key.Item1, key.Item2);
                    model.Issues.Remove(key);
                    break;
                }

            case 1:
                {
                    string id = Pick(random, QmAccounts);
                    store.Accounts.Delete(id);
                    if (model.Accounts.TryGetValue(id, out var account))
                    {
                        model.Accounts[id] = (account.Row, true);
                    }

                    break;
                }

            case 2:
                {
                    string id = Pick(random, QmAccounts);
                    bool taken = model.Accounts.TryGetValue(id, out var account) && account.Deleted && model.EmailTaken(id, account.Row.Email);
                    Assert.Equal(taken, Refused(() => store.Accounts.Restore(id)));
                    if (!taken && model.Accounts.ContainsKey(id))
                    {
                        model.Accounts[id] = (account.Row, false);
                    }

                    break;
                }

            case 3:
                {
                    (string User, int Id) key = (Pick(random, QmUsers), random.Next(5));
                    store.Contacts.Delete(key.User, key.Id);
                    if (model.Contacts.TryGetValue(key, out var contact))
                    {
                        model.Contacts[key] = (contact.Row, true);
                    }

                    break;
                }

            case 4:
                {
                    (string User, int Id) key = (Pick(random, QmUsers), random.Next(5));
                    bool taken = model.Contacts.TryGetValue(key, out var contact) && contact.Deleted && model.PhoneTaken(key.User, key.Id, contact.Row.Phone);
                    Assert.Equal(taken, Refused(() => store.Contacts.Restore(key.User, key.Id)));
                    if (!taken && model.Contacts.ContainsKey(key))
                    {
                        model.Contacts[key] = (contact.Row, false);
                    }

                    break;
                }

            default:
                {
                    string id = Pick(random, QmAccounts);
                    store.Accounts.Purge(id);
                    model.Accounts.Remove(id);
                    break;
                }
        }
    }

    // A batch of a few members over the three tables, range deletes of queries among them; some members refused as
    // recorded (taken back, the batch goes on). The batch is committed (refused for uniqueness exactly when the model
    // after all its members has two live rows with one value, and then nothing of it is applied) or disposed uncommitted.
    private static IndexRowModel QueryModelBatch(IndexStore store, IndexRowModel model, Random random, string at, Action<string> count)
    {
        IndexRowModel after = model.Clone();
        using IndexStoreBatch batch = store.CreateBatch();
        int members = random.Next(1, 7);
        int rangeDeletes = 0;
        int rowsRemoved = 0;
        for (int i = 0; i < members; i++)
        {
            switch (random.Next(10))
            {
                case 0:
                    {
                        var issue = new Issue(Pick(random, QmProjects), random.Next(6), "s" + random.Next(8), Pick(random, ModelNames), (IssueStatus)random.Next(2), "");
                        batch.Issues.Put(issue);
                        after.Issues[(issue.ProjectId, issue.Number)] = issue;
                        break;
                    }

                case 1:
                    {
                        var account = new Account(Pick(random, QmAccounts), Pick(random, ModelEmails), random.Next(3));
                        batch.Accounts.Put(account);
                        after.Accounts[account.Id] = (account, false);
                        break;
                    }

                case 2:
                    {
                        var contact = new Contact(Pick(random, QmUsers), random.Next(5), Pick(random, ModelPhones), Pick(random, ModelNames));
                        batch.Contacts.Put(contact);
                        after.Contacts[(contact.UserId, contact.ContactId)] = (contact, false);
                        break;
                    }

                case 3:
                    {
                        string id = Pick(random, QmAccounts);
                        batch.Accounts.Delete(id);
                        if (after.Accounts.TryGetValue(id, out var account))
                        {
                            after.Accounts[id] = (account.Row, true);
                        }

                        break;
                    }

                case 4:
                    {
                        if (random.Next(2) == 0)
                        {
                            (string, int) key = (Pick(random, QmProjects), random.Next(6));
                            batch.Issues.Delete(key.Item1, key.Item2);
                            after.Issues.Remove(key);
                        }
                        else
                        {
                            List<Issue> issues = [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => new Issue(Pick(random, QmProjects), random.Next(6), "s" + random.Next(8), Pick(random, ModelNames), (IssueStatus)random.Next(2), ""))];
                            batch.Issues.PutMany(issues);
                            issues.ForEach(issue => after.Issues[(issue.ProjectId, issue.Number)] = issue);
                        }

                        break;
                    }

                case 5:
                case 6:
                case 7:
                    {
                        ModelRange range = RandomRange(random, after, (ModelTable)random.Next(3));
                        switch (range.Table)
                        {
                            case ModelTable.Issues:
                                batch.Issues.Delete(IndexQueryBuilder.Issues(store.Issues, range));
                                break;
                            case ModelTable.Accounts:
                                batch.Accounts.Delete(IndexQueryBuilder.Accounts(store.Accounts, range));
                                break;
                            default:
                                batch.Contacts.Delete(IndexQueryBuilder.Contacts(store.Contacts, range));
                                break;
                        }

                        rowsRemoved += after.DeleteRange(range);
                        rangeDeletes++;
                        break;
                    }

                case 8:
                    {
                        (string User, int Id) key = (Pick(random, QmUsers), random.Next(5));
                        switch (random.Next(4))
                        {
                            case 0:
                                batch.Contacts.Delete(key.User, key.Id);
                                if (after.Contacts.TryGetValue(key, out var contact))
                                {
                                    after.Contacts[key] = (contact.Row, true);
                                }

                                break;
                            case 1:
                                // A restore is a removal of the marker: the row, if any, is live again (judged at commit).
                                batch.Contacts.Restore(key.User, key.Id);
                                if (after.Contacts.TryGetValue(key, out var restored))
                                {
                                    after.Contacts[key] = (restored.Row, false);
                                }

                                break;
                            case 2:
                                batch.Contacts.DeleteUser(key.User);
                                foreach ((string, int) gone in after.Contacts.Keys.Where(k => k.User == key.User).ToList())
                                {
                                    after.Contacts.Remove(gone);
                                }

                                break;
                            default:
                                {
                                    string id = Pick(random, QmAccounts);
                                    if (random.Next(2) == 0)
                                    {
                                        batch.Accounts.Restore(id);
                                        if (after.Accounts.TryGetValue(id, out var account))
                                        {
                                            after.Accounts[id] = (account.Row, false);
                                        }
                                    }
                                    else
                                    {
                                        batch.Accounts.Purge(id);
                                        after.Accounts.Remove(id);
                                    }

                                    break;
                                }
                        }

                        break;
                    }

                default:
                    Assert.ThrowsAny<ArgumentException>(() => batch.Contacts.Put(new Contact(null!, 1, "9", null)));
                    break;
            }
        }

        if (random.Next(6) == 0)
        {
            count("batch disposed");
            return model;
        }

        bool violates = after.Violates();
        bool refused = Refused(batch.Commit);
        Assert.True(violates == refused, $"{at} batch: violation expected {violates}, refused {refused}");
        count(refused ? "batch refused" : "batch committed");
        if (!refused)
        {
            for (int i = 0; i < rangeDeletes; i++)
            {
                count("batch range delete");
            }

            for (int i = 0; i < rowsRemoved; i++)
            {
                count("batch rows range-deleted");
            }
        }

        return refused ? model : after;
    }

    // Bound values drawn from the model's keys half the time, from the key domain otherwise; on contacts half the
    // queries are within one user (the user's range).
    private static ModelRange RandomRange(Random random, IndexRowModel model, ModelTable table)
    {
        object[] RandomKey() => table switch
        {
            ModelTable.Issues => random.Next(2) == 0 && model.Issues.Count > 0
                ? IndexRowModel.KeyOf(model.Issues.Values.ElementAt(random.Next(model.Issues.Count)))
                : [Pick(random, QmProjects), random.Next(-1, 7)],
            ModelTable.Accounts => random.Next(2) == 0 && model.Accounts.Count > 0
                ? IndexRowModel.KeyOf(model.Accounts.Values.ElementAt(random.Next(model.Accounts.Count)).Row)
                : [Pick(random, QmAccounts)],
            _ => random.Next(2) == 0 && model.Contacts.Count > 0
                ? IndexRowModel.KeyOf(model.Contacts.Values.ElementAt(random.Next(model.Contacts.Count)).Row)
                : [Pick(random, QmUsers), random.Next(-1, 6)],
        };

        int parts = table == ModelTable.Accounts ? 1 : 2;
        int depth = random.Next(parts);
        ModelBound? Bound(QueryBound first, QueryBound second)
            => random.Next(3) == 0 ? null : new ModelBound(random.Next(2) == 0 ? first : second, random.Next(1, parts - depth + 1), RandomKey());

        bool includeDeleted = table != ModelTable.Issues && random.Next(4) == 0;
        return new ModelRange(table, depth, RandomKey(), Bound(QueryBound.From, QueryBound.After), Bound(QueryBound.To, QueryBound.Before), random.Next(2) == 0, includeDeleted);
    }

    private static void CheckRandomQuery(IndexStore store, IndexRowModel model, Random random)
    {
        ModelRange range = RandomRange(random, model, (ModelTable)random.Next(3));
        int pageSize = random.Next(1, 5);
        try
        {
            switch (range.Table)
            {
                case ModelTable.Issues:
                    CheckQuery(() => IndexQueryBuilder.Issues(store.Issues, range), range.Select(model.Issues.Values, IndexRowModel.KeyOf), pageSize);
                    break;
                case ModelTable.Accounts:
                    CheckQuery(
                        () => IndexQueryBuilder.Accounts(store.Accounts, range),
                        range.Select(model.Accounts.Values.Where(a => range.IncludeDeleted || !a.Deleted).Select(a => a.Row), IndexRowModel.KeyOf),
                        pageSize);
                    break;
                default:
                    CheckQuery(
                        () => IndexQueryBuilder.Contacts(store.Contacts, range),
                        range.Select(model.Contacts.Values.Where(c => range.IncludeDeleted || !c.Deleted).Select(c => c.Row), IndexRowModel.KeyOf),
                        pageSize);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new Xunit.Sdk.XunitException($"query {range}, page size {pageSize}: {ex.Message}");
        }
    }

    private static void CheckQuery<TRow>(Func<TableQuery<TRow, DirectContext>> build, List<TRow> expected, int pageSize)
        where TRow : class
    {
        Assert.Equal(expected, build().ToList());
        Assert.Equal(expected.Count, build().Count());
        Assert.Equal(expected.Count > 0, build().Any());
        Assert.Equal(expected.FirstOrDefault(), build().First());
        Assert.Equal(expected.LastOrDefault(), build().Last());

        List<TRow> paged = [];
        TableQuery<TRow, DirectContext> query = build();
        string? next = null;
        int pages = 0;
        do
        {
            Page<TRow> page = query.Page(pageSize, next);
            Assert.True(page.Rows.Count <= pageSize);
            Assert.True(page.Next is null || page.Rows.Count == pageSize);
            paged.AddRange(page.Rows);
            next = page.Next;
            Assert.True(++pages <= expected.Count + 1, "the pages do not end");
        }
        while (next is not null);

        Assert.Equal(expected, paged);
    }

    private static void CheckGetMany(IndexStore store, IndexRowModel model, Random random)
    {
        int count = random.Next(0, 6);
        List<(string, int)> issueKeys = [.. Enumerable.Range(0, count).Select(_ => (Pick(random, QmProjects), random.Next(6)))];
        Assert.Equal(issueKeys.Select(k => model.Issues.GetValueOrDefault(k)), store.Issues.GetMany(issueKeys));

        List<string> accountKeys = [.. Enumerable.Range(0, count).Select(_ => Pick(random, QmAccounts))];
        Assert.Equal(
            accountKeys.Select(k => model.Accounts.TryGetValue(k, out var a) && !a.Deleted ? a.Row : null),
            store.Accounts.GetMany(accountKeys));

        List<(string, int)> contactKeys = [.. Enumerable.Range(0, count).Select(_ => (Pick(random, QmUsers), random.Next(5)))];
        Assert.Equal(
            contactKeys.Select(k => model.Contacts.TryGetValue(k, out var c) && !c.Deleted ? c.Row : null),
            store.Contacts.GetMany(contactKeys));
    }

    private static void AssertRowsEqualModel(IndexStore store, IndexRowModel model)
    {
        Assert.Equal(IndexRowModel.InKeyOrder(model.Issues.Values, IndexRowModel.KeyOf), store.Issues.ScanAll());
        Assert.Equal(IndexRowModel.InKeyOrder(model.Accounts.Values.Select(a => a.Row), IndexRowModel.KeyOf), store.Accounts.ScanAll(includeDeleted: true));
        Assert.Equal(IndexRowModel.InKeyOrder(model.Accounts.Values.Where(a => !a.Deleted).Select(a => a.Row), IndexRowModel.KeyOf), store.Accounts.ScanAll());
        Assert.Equal(IndexRowModel.InKeyOrder(model.Contacts.Values.Select(c => c.Row), IndexRowModel.KeyOf), store.Contacts.ScanAll(includeDeleted: true));
        Assert.Equal(IndexRowModel.InKeyOrder(model.Contacts.Values.Where(c => !c.Deleted).Select(c => c.Row), IndexRowModel.KeyOf), store.Contacts.ScanAll());
    }
}
