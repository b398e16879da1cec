namespace TypedStore.Tests.Queries;

public abstract partial class QueryTests
{
    [Fact]
    public void GetMany_ReturnsRowsInInputOrder_WithDuplicates_AndNullForMissing()
    {
        QueryStore store = Open();
        store.QItems.PutMany([new QItem("a", 1, 1, "a1"), new QItem("a\0", 2, 2, "a0"), new QItem("b", -1, 3, "b")]);

        IReadOnlyList<QItem?> rows = store.QItems.GetMany([("b", -1L, 3), ("missing", 1L, 1), ("a", 1L, 1), ("b", -1L, 3), ("a\0", 2L, 2), ("a", 1L, 2)]);

        Assert.Equal(["b", null, "a1", "b", "a0", null], rows.Select(r => r?.Body));
        Assert.Empty(store.QItems.GetMany([]));
    }

    [Fact]
    public void GetMany_HidesSoftDeletedRows()
    {
        QueryStore store = Open();
        store.QSoft.PutMany([new QSoft("g", 1, "one"), new QSoft("g", 2, "two")]);
        store.QSoft.Delete("g", 1);

        Assert.Equal([null, "two", null], store.QSoft.GetMany([("g", 1), ("g", 2), ("g", 3)]).Select(r => r?.Text));
    }

    [Fact]
    public void GetMany_OnASnapshot_ReadsTheSnapshot()
    {
        QueryStore store = Open();
        store.QItems.PutMany([new QItem("a", 1, 1, "before"), new QItem("b", 1, 1, "before")]);
        store.QSoft.Put(new QSoft("g", 1, "before"));
        using QueryStoreSnapshot snapshot = store.CreateSnapshot();

        store.QItems.Put(new QItem("a", 1, 1, "after"));
        store.QItems.Delete("b", 1, 1);
        store.QItems.Put(new QItem("c", 1, 1, "after"));
        store.QSoft.Delete("g", 1);

        Assert.Equal(["before", "before", null], snapshot.QItems.GetMany([("a", 1L, 1), ("b", 1L, 1), ("c", 1L, 1)]).Select(r => r?.Body));
        Assert.Equal(["after", null, "after"], store.QItems.GetMany([("a", 1L, 1), ("b", 1L, 1), ("c", 1L, 1)]).Select(r => r?.Body));
        Assert.Equal("before", snapshot.QSoft.GetMany([("g", 1)])[0]?.Text);
        Assert.Null(store.QSoft.GetMany([("g", 1)])[0]);
    }
}
