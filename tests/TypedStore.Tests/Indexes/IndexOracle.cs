namespace TypedStore.Tests.Indexes;

/// <summary>
/// The reference the index tests compare with: every index of <see cref="IndexStore"/> recomputed from the rows
/// (read through the table, not the index), plus <c>Verify()</c>, which compares the raw entries (a scan through the
/// index would skip a stale entry whose row no longer matches, so it alone could hide one).
/// </summary>
internal static class IndexOracle
{
    private static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>Asserts every index of every table equals its recomputation from the rows; returns the number of checks.</summary>
    public static void AssertConsistent(IndexStore store, string context = "")
    {
        AssertVerified(store.Issues.Verify(), context);
        AssertVerified(store.Accounts.Verify(), context);
        AssertVerified(store.Contacts.Verify(), context);
        AssertVerified(store.Tasks.Verify(), context);

        List<Issue> issues = [.. store.Issues.ScanAll()];
        Assert.Equal(issues.Count, store.Issues.ByAssignee.Count());
        Assert.Equal(issues.Count, store.Issues.BySlug.Count());
        Assert.Equal(
            issues.OrderBy(i => i.Assignee is null ? 0 : 1).ThenBy(i => i.Assignee, Ordinal).ThenBy(i => i.Status).ThenBy(i => i.ProjectId, Ordinal).ThenBy(i => i.Number),
            store.Issues.ByAssignee.Scan());
        foreach (IGrouping<string?, Issue> group in issues.GroupBy(i => i.Assignee))
        {
            Assert.Equal(group.OrderBy(i => i.Status).ThenBy(i => i.ProjectId, Ordinal).ThenBy(i => i.Number), store.Issues.ByAssignee.Scan(group.Key));
            foreach (IGrouping<IssueStatus, Issue> byStatus in group.GroupBy(i => i.Status))
            {
                Assert.Equal(byStatus.OrderBy(i => i.ProjectId, Ordinal).ThenBy(i => i.Number), store.Issues.ByAssignee.Scan(group.Key, byStatus.Key));
                Assert.Equal(byStatus.Count(), store.Issues.ByAssignee.Count(group.Key, byStatus.Key));
            }
        }

        foreach (Issue issue in issues)
        {
            Assert.Equal(issue, store.Issues.BySlug.Get(issue.Slug));
        }

        List<Account> accounts = [.. store.Accounts.ScanAll()];
        Assert.Equal(accounts.Count, store.Accounts.ByEmail.Count());
        foreach (IGrouping<string?, Account> group in accounts.GroupBy(a => a.Email))
        {
            Assert.Equal(group.OrderBy(a => a.Id, Ordinal), store.Accounts.ByEmail.Scan(group.Key));
            if (group.Key is not null)
            {
                Assert.Equal(group.Single(), store.Accounts.ByEmail.Get(group.Key));
            }
        }

        foreach (IGrouping<int?, Account> group in accounts.GroupBy(a => a.Score))
        {
            Assert.Equal(group.OrderBy(a => a.Id, Ordinal), store.Accounts.ByScore.Scan(group.Key));
        }

        List<Contact> contacts = [.. store.Contacts.ScanAll()];
        foreach (IGrouping<string, Contact> user in contacts.GroupBy(c => c.UserId))
        {
            Assert.Equal(user.OrderBy(c => c.Phone, Ordinal).ThenBy(c => c.ContactId), store.Contacts.ByPhone.Scan(user.Key));
            Assert.Equal(user.Count(), store.Contacts.ByCity.Count(user.Key));
            foreach (Contact contact in user)
            {
                Assert.Equal(contact, store.Contacts.ByPhone.Get(user.Key, contact.Phone));
            }

            foreach (IGrouping<string?, Contact> city in user.GroupBy(c => c.City))
            {
                Assert.Equal(city.OrderBy(c => c.Phone, Ordinal).ThenBy(c => c.ContactId), store.Contacts.ByCity.Scan(user.Key, city.Key));
            }
        }

        List<TaskItem> tasks = [.. store.Tasks.ScanAll()];
        foreach (IGrouping<string, TaskItem> owner in tasks.GroupBy(t => t.Owner))
        {
            Assert.Equal(owner.OrderBy(t => t.Priority).ThenBy(t => t.Id), store.Tasks.ByOwner.Scan(owner.Key));
        }
    }

    public static void AssertVerified(TableVerification verification, string context = "")
        => Assert.True(verification.IsConsistent, $"{context} {verification} {string.Join(" | ", verification.Indexes.SelectMany(i => i.Samples))}");
}
