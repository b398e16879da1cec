namespace TypedStore.Tests.Lifecycle;

public abstract partial class LifecycleTests
{
    /// <summary>
    /// Every per-user call (ScanUser, CountUser, Scan(userId), ReadChanges(userId), DeleteUser) touches exactly its
    /// own user's rows, for ids that are prefixes of each other, empty, or made of the bytes the encoding escapes.
    /// Each user has a different number of rows, and a soft-deleted one, so a leak changes a count.
    /// </summary>
    [Fact]
    public void UserCalls_WithAdversarialIds_NeverSeeOrDeleteAnotherUsersRows()
    {
        LifecycleStore store = Open();
        string[] users = UserIds.Adversarial;
        for (int u = 0; u < users.Length; u++)
        {
            for (int i = 0; i < UserIds.RowsOf(u); i++)
            {
                store.Inbox.Put(new InboxItem(users[u], i, $"{u}/{i}"));
                store.Notes.Put(new Note(users[u], i, $"{u}/{i}"));
            }

            store.Notes.Delete(users[u], 0); // one soft-deleted note each
        }

        for (int u = 0; u < users.Length; u++)
        {
            AssertOwnRowsOnly(store, users, u);
        }

        // Remove users one at a time; everyone not yet removed keeps exactly their rows.
        for (int removed = 0; removed < users.Length; removed++)
        {
            store.Inbox.DeleteUser(users[removed]);
            store.Notes.DeleteUser(users[removed]);
            Assert.Empty(store.Inbox.ScanUser(users[removed]));
            Assert.Equal(0, store.Notes.CountUser(users[removed]));
            Assert.Null(store.Notes.GetEntry(users[removed], 0));
            for (int u = removed + 1; u < users.Length; u++)
            {
                Assert.Equal(UserIds.RowsOf(u), store.Inbox.CountUser(users[u]));
                Assert.Equal(UserIds.RowsOf(u) - 1, store.Notes.CountUser(users[u]));
                Assert.True(store.Notes.GetEntry(users[u], 0)!.Value.IsDeleted);
            }
        }

        Assert.Equal(0, store.Inbox.Count());
        Assert.Empty(store.Notes.ScanAll(includeDeleted: true));
    }

    private static void AssertOwnRowsOnly(LifecycleStore store, string[] users, int u)
    {
        string user = users[u];
        int rows = UserIds.RowsOf(u);
        var expectedItems = Enumerable.Range(0, rows).Select(i => new InboxItem(user, i, $"{u}/{i}")).ToList();
        Assert.Equal(expectedItems, store.Inbox.ScanUser(user));
        Assert.Equal(expectedItems, store.Inbox.Scan(user));
        Assert.Equal(rows, store.Inbox.CountUser(user));

        var expectedNotes = Enumerable.Range(1, rows - 1).Select(i => new Note(user, i, $"{u}/{i}")).ToList();
        Assert.Equal(expectedNotes, store.Notes.ScanUser(user));
        Assert.Equal(rows - 1, store.Notes.CountUser(user));

        // The user's change feed: their puts, then their soft delete; nobody else's.
        var changes = store.Notes.ReadChanges(user, 0).ToList();
        Assert.All(changes, c => Assert.Equal(user, c.UserId));
        Assert.Equal(
            Enumerable.Range(0, rows).Select(i => (ChangeKind.Put, (long)i)).Append((ChangeKind.SoftDelete, 0L)),
            changes.Select(c => (c.Kind, c.NoteId)));
    }
}
