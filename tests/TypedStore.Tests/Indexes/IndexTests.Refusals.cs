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

        // In a batch, the refusal comes at Commit (the index step runs there) and takes the whole batch.
        using (IndexStoreBatch batch = store.CreateBatch())
        {
            batch.Meetings.Put(new Meeting(3, utc));
            batch.Meetings.Put(new Meeting(4, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified)));
            Assert.ThrowsAny<ArgumentException>(batch.Commit);
        }

        Assert.Null(store.Meetings.Get(3));
        Assert.Equal([1], store.Meetings.ByStart.Scan(utc).Select(m => m.Id));
        Assert.True(store.Meetings.Verify().IsConsistent);
    }
}
