using TypedStore.Storage;

namespace TypedStore.Tests.Indexes;

/// <summary>Verify against deliberately damaged indexes, written straight to the engine.</summary>
public abstract partial class IndexTests
{
    [Fact]
    public void Verify_ReportsMissingAndStaleEntries_ThatScansAloneWouldHide()
    {
        IndexStore store = OpenStore();
        store.Issues.Put(new Issue("p", 1, "one", "x", IssueStatus.Open, ""));
        store.Issues.Put(new Issue("p", 2, "two", "x", IssueStatus.Open, ""));
        Assert.True(store.Issues.Verify().IsConsistent);

        StorageEngine engine = store.Issues.Core.Store.Engine;
        StorageColumnFamily bySlug = engine.GetColumnFamily("issues.by_slug");
        StorageColumnFamily byAssignee = engine.GetColumnFamily("issues.by_assignee");
        byte[] firstSlugEntry;
        using (StorageIterator iterator = engine.CreateIterator(bySlug))
        {
            iterator.SeekToFirst();
            firstSlugEntry = iterator.Key.ToArray();
        }

        // One real entry removed, one entry of bytes no row calls for added.
        engine.Delete(bySlug, firstSlugEntry);
        engine.Put(byAssignee, [0x01, 0x7A, 0x00, 0x01], [4, 0, 0, 0]);

        TableVerification report = store.Issues.Verify();
        Assert.False(report.IsConsistent);
        Assert.Equal(2, report.Rows);
        IndexVerification assignee = report.Indexes.Single(i => i.Index == "by_assignee");
        IndexVerification slug = report.Indexes.Single(i => i.Index == "by_slug");
        Assert.Equal((3, 0, 1), (assignee.Entries, assignee.MissingEntries, assignee.StaleEntries));
        Assert.Equal((1, 1, 0), (slug.Entries, slug.MissingEntries, slug.StaleEntries));
        Assert.StartsWith("stale ", Assert.Single(assignee.Samples), StringComparison.Ordinal);
        Assert.StartsWith("missing ", Assert.Single(slug.Samples), StringComparison.Ordinal);

        // A count reads entries, a lookup through the damaged entry finds nothing; the other tables are untouched.
        Assert.Equal(3, store.Issues.ByAssignee.Count());
        Assert.Null(store.Issues.BySlug.Get("one"));
        Assert.True(store.Accounts.Verify().IsConsistent);
    }
}
