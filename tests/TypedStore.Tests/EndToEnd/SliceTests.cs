namespace TypedStore.Tests.EndToEnd;

public class SliceTests
{
    [Fact]
    public void PutGetScanAll_OnMemoryEngine_RoundTrips()
    {
        using ChatStore store = ChatStore.OpenInMemory();
        store.Users.Put(new User("u2", "Bob", "bob@example.com"));
        store.Users.Put(new User("u1", "Ann", "ann@example.com"));
        Assert.Equal(new User("u1", "Ann", "ann@example.com"), store.Users.Get("u1"));
        Assert.Null(store.Users.Get("u3"));
        Assert.Equal(["u1", "u2"], store.Users.ScanAll().Select(u => u.UserId));
    }
}
