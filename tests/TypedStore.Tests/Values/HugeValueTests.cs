using TypedStore.Tests.EndToEnd;
using TypedStore.Values;

namespace TypedStore.Tests.Values;

/// <summary>
/// A value over <see cref="ValueLimits.MaxValueLength"/>: a <see cref="ValueTooLargeException"/> (an
/// <see cref="ArgumentException"/>) naming the table, the member and the limit, before anything is written; the store
/// stays usable. The string is 750 million '€' (3 UTF-8 bytes each, 2.25 GB encoded, 1.5 GB as a string): made once
/// and shared, as the reproduction.
/// </summary>
public abstract class HugeValueTests
{
    private static readonly Lazy<string> s_huge = new(() => new string('\u20AC', 750_000_000));

    internal abstract ChatStore OpenStore();

    [Fact]
    public void AStringThatEncodesBeyondTheLimit_IsRefusedNamingTableAndMember_AndNothingIsWritten()
    {
        using ChatStore store = OpenStore();
        store.Users.Put(new User("before", "n", "e"));

        ValueTooLargeException ex = Assert.Throws<ValueTooLargeException>(() => store.Users.Put(new User("huge", "name", s_huge.Value)));
        Assert.Equal("users", ex.Table);
        Assert.Equal("Email", ex.Member);
        Assert.Equal(ValueLimits.MaxValueLength, ex.Limit);
        Assert.Contains("'users'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'Email'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2,147,483,591", ex.Message, StringComparison.Ordinal);

        using (ChatStoreBatch batch = store.CreateBatch())
        {
            batch.Users.Put(new User("in-batch", "n", "e"));
            Assert.Throws<ValueTooLargeException>(() => batch.Users.Put(new User("huge", s_huge.Value, "e")));
            batch.Commit(); // what the batch held before the refused row is still committed, and nothing of it
        }

        Assert.Throws<ValueTooLargeException>(() => store.Users.PutMany([new User("many", "n", "e"), new User("huge", s_huge.Value, "e")]));

        Assert.Null(store.Users.Get("huge"));
        Assert.Null(store.Users.Get("many"));
        Assert.Equal(["before", "in-batch"], store.Users.ScanAll().Select(u => u.UserId));
        store.Users.Put(new User("after", "n", "e"));
        Assert.Equal("e", store.Users.Get("after")!.Email);
    }
}
