// The consumer scenario: what a new user does first, through the package only. Every check that fails prints what it
// expected and what it got, and the process exits 1; it exits 0 when all hold. Runs both as IL (dotnet run) and as
// the NativeAOT binary.
using TypedStore;

int failures = 0;

void Check(bool condition, string what)
{
    if (!condition)
    {
        failures++;
        Console.Error.WriteLine($"FAILED: {what}");
    }
}

string directory = Path.Combine(Path.GetTempPath(), "typedstore-consumer-" + Guid.NewGuid().ToString("N"));
try
{
    using (ChatStore store = ChatStore.Open(directory))
    {
        store.Users.Put(new User("u1", "Ada", "ada@example.com"));
        store.Users.Put(new User("u2", "Grace", "grace@example.com"));
        using (ChatStoreBatch batch = store.CreateBatch())
        {
            for (long id = 1; id <= 300; id++)
            {
                batch.Messages.Put(new Message("u1", id, $"message {id}", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id)));
            }

            batch.Commit();
        }

        store.Issues.Put(new Issue("core", 1, "crash-on-start", "dee", "Crash on start"));
        Check(store.Users.Get("u1")?.Name == "Ada", "Users.Get(u1) is Ada");
        Check(store.Users.Get("nobody") is null, "Users.Get(nobody) is null");
        Check(store.Messages.CountUser("u1") == 300, "u1 has 300 messages");
        Check(store.Messages.Scan("u1").From(100).Before(200).Count() == 100, "100 <= id < 200 counts 100");
        Check(store.Messages.Scan("u1").Last()?.MessageId == 300, "the last message is 300");
        Check(store.Issues.BySlug.Get("crash-on-start")?.Number == 1, "the unique index finds issue 1");
        Check(store.CheckHealth().Status == StoreHealthStatus.Healthy, "the store is healthy");
    }

    // Reopened: everything was written to disk, and the catalog accepts the same tables.
    using (ChatStore reopened = ChatStore.Open(directory))
    {
        Check(reopened.Users.Count() == 2, "2 users after reopening");
        Check(reopened.Messages.Get("u1", 42)?.Text == "message 42", "message 42 after reopening");
    }

    using (ChatStore memory = ChatStore.OpenInMemory())
    {
        memory.Users.Put(new User("m", "Memory", "m@example.com"));
        Check(memory.Users.Get("m")?.Email == "m@example.com", "the memory engine reads its write");
    }
}
catch (Exception exception)
{
    failures++;
    Console.Error.WriteLine($"FAILED with an exception: {exception}");
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

Console.WriteLine(failures == 0 ? "consumer scenario: all checks passed" : $"consumer scenario: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

[Table("users", Kind = TableKind.System)]
public sealed record User([property: Key] string UserId, string Name, string Email);

[Table("messages", Kind = TableKind.User)]
public sealed record Message([property: Key] string UserId, [property: Key] long MessageId, string Text, DateTime SentAt);

[Table("issues")]
[Index("by_slug", nameof(Issue.Slug), Unique = true)]
public sealed record Issue([property: Key] string ProjectId, [property: Key] int Number, string Slug, string? Assignee, string Title);

[Store]
public partial class ChatStore { }
