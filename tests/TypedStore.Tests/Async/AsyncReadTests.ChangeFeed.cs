namespace TypedStore.Tests.Async;

/// <content>The change log over pages (the whole table's, and one user's through the per-user index), and the per-user reads of a user table with one key part.</content>
public abstract partial class AsyncReadTests
{
    [Fact]
    public async Task Changes_and_one_part_user_reads_equal_the_synchronous_reads_with_no_blocking_call()
    {
        AsyncReadStore store = Open();
        for (int i = 0; i < 5; i++)
        {
            store.AreadProfiles.Put(new ReadProfile("u" + i, "name " + i));
        }

        store.AreadProfiles.Delete("u2");
        store.AreadProfiles.Put(new ReadProfile("u3", "renamed"));
        for (int n = 0; n < 70; n++)
        {
            store.AreadPosts.Put(new ReadPost("u" + (n % 3), n, "post " + n));
        }

        store.AreadPosts.Delete("u1", 1);
        store.AreadPosts.DeleteUser("u2");

        foreach (string user in new[] { "u0", "u1", "u2", "u3", "u9" })
        {
            Assert.Equal(store.AreadProfiles.ScanUser(user), await AsyncList("ScanUserAsync (one part)", store.AreadProfiles.ScanUserAsync(user)));
            Assert.Equal(store.AreadProfiles.CountUser(user), await Async("CountUserAsync (one part)", () => store.AreadProfiles.CountUserAsync(user).AsTask()));
            Assert.Equal(store.AreadProfiles.ReadChanges(user, 0), await AsyncList("ReadChangesAsync(user)", store.AreadProfiles.ReadChangesAsync(user, 0)));
            Assert.Equal(store.AreadPosts.ReadChanges(user, 0), await AsyncList("ReadChangesAsync(user)", store.AreadPosts.ReadChangesAsync(user, 0)));
            Assert.Equal(store.AreadPosts.ReadChanges(user, 40), await AsyncList("ReadChangesAsync(user, since)", store.AreadPosts.ReadChangesAsync(user, 40)));
        }

        Assert.Equal(0, await store.AreadProfiles.CountUserAsync("u2"));
        Assert.Empty(await ToListAsync(store.AreadProfiles.ScanUserAsync("u2")));
        Assert.Equal(store.AreadProfiles.ReadChanges(0), await AsyncList("ReadChangesAsync", store.AreadProfiles.ReadChangesAsync(0)));
        Assert.Equal(store.AreadPosts.ReadChanges(0), await AsyncList("ReadChangesAsync", store.AreadPosts.ReadChangesAsync(0)));
        Assert.Equal(store.AreadPosts.ReadChanges(50), await AsyncList("ReadChangesAsync(since)", store.AreadPosts.ReadChangesAsync(50)));
        Assert.Equal(72, (await ToListAsync(store.AreadPosts.ReadChangesAsync(0))).Count); // 70 puts, a delete, a DeleteUser
        Assert.Empty(await ToListAsync(store.AreadPosts.ReadChangesAsync(long.MaxValue)));

        // At a snapshot: the changes of its moment.
        using AsyncReadStoreSnapshot snapshot = store.CreateSnapshot();
        store.AreadPosts.Put(new ReadPost("u0", 999, "later"));
        Assert.Equal(snapshot.AreadPosts.ReadChanges(0), await AsyncList("snapshot ReadChangesAsync", snapshot.AreadPosts.ReadChangesAsync(0)));
        Assert.Equal(snapshot.AreadPosts.ReadChanges("u0", 0), await AsyncList("snapshot ReadChangesAsync(user)", snapshot.AreadPosts.ReadChangesAsync("u0", 0)));
        Assert.NotEqual(store.AreadPosts.ReadChanges(0).Count(), (await ToListAsync(snapshot.AreadPosts.ReadChangesAsync(0))).Count);
    }
}
