namespace TypedStore.Tests.Queries;

public abstract partial class QueryTests
{
    [Fact]
    public void NullKeyParts_InAPrefix_ABound_OrGetMany_AreRefused_NamingTheTable()
    {
        QueryStore store = Open();
        store.QItems.Put(new QItem("a", 1, 1, "kept"));

        AssertRefused(() => store.QItems.Scan(null!));
        AssertRefused(() => store.QItems.Scan().From(null!));
        AssertRefused(() => store.QItems.Scan().Before(null!, 1L));
        AssertRefused(() => store.QItems.GetMany([("a", 1L, 1), (null!, 1L, 1)]));
        using (QueryStoreBatch batch = store.CreateBatch())
        {
            AssertRefused(() => batch.QItems.Delete(store.QItems.Scan().To(null!)));
            batch.Commit(); // the refused member recorded nothing
        }

        Assert.Equal("kept", store.QItems.Get("a", 1, 1)!.Body);

        static void AssertRefused(Action action)
        {
            ArgumentNullException refusal = Assert.Throws<ArgumentNullException>(action);
            Assert.Contains("'q_items'", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void UnconvertibleBoundParts_AreRefused_BeforeAnythingIsRead()
    {
        QueryStore store = Open();

        var refusal = Assert.Throws<ArgumentException>(() => store.QItems.Scan().From("\uD800")); // a lone surrogate has no UTF-8 form
        Assert.Contains("'q_items'", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DisposedStore_RefusesQueries_WithObjectDisposedException()
    {
        QueryStore store = Open();
        store.QItems.Put(new QItem("a", 1, 1, "r"));
        var query = store.QItems.Scan("a");
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => query.ToList());
        Assert.Throws<ObjectDisposedException>(() => query.Count());
        Assert.Throws<ObjectDisposedException>(() => query.Page(1));
        Assert.Throws<ObjectDisposedException>(() => query.Delete());
    }
}
