namespace TypedStore.Tests.Indexes;

/// <summary>Index values that cannot be encoded are refused with the table and index named, and nothing is written.</summary>
public abstract partial class IndexTests
{
    [Fact]
    public void UnencodableIndexValue_IsRefused_NamingTableAndIndex_AndNothingIsWritten()
    {
        IndexStore store = OpenStore();
        DateTime utc = new(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        store.Meetings.Put(new Meeting(1, utc));

        ArgumentException ex = Assert.ThrowsAny<ArgumentException>(() => store.Meetings.Put(new Meeting(2, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified))));
        Assert.Contains("'meetings'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'by_start'", ex.Message, StringComparison.Ordinal);
        Assert.Null(store.Meetings.Get(2));

        // In a batch, the refusal comes at the member (its row's entries are computed as it is recorded): the member is
        // taken back and the batch keeps the members before it.
        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Meetings.Put(new Meeting(3, utc));
            ArgumentException inBatch = Assert.ThrowsAny<ArgumentException>(() => batch.Meetings.Put(new Meeting(4, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified))));
            Assert.Contains("'by_start'", inBatch.Message, StringComparison.Ordinal);
            batch.Commit();
        }

        Assert.Null(store.Meetings.Get(4));
        Assert.Equal([1, 3], store.Meetings.ByStart.Scan(utc).Select(m => m.Id));
        Assert.True(store.Meetings.Verify().IsConsistent);
    }
}
