// The etcd consumer scenario: a generated store on a 3-member etcd cluster, through the packages only. The endpoints
// come from TYPEDSTORE_ETCD_ENDPOINTS (comma-separated; eng/consumer-test.sh starts the cluster). Every check that
// fails prints what it expected and what it got, and the process exits 1; it exits 0 when all hold. Runs both as IL
// (dotnet run) and as the NativeAOT binary, each under a key prefix of its own so the two runs never see each other.
using TypedStore;
using TypedStore.Etcd;

int failures = 0;

void Check(bool condition, string what)
{
    if (!condition)
    {
        failures++;
        Console.Error.WriteLine($"FAILED: {what}");
    }
}

string? endpoints = Environment.GetEnvironmentVariable("TYPEDSTORE_ETCD_ENDPOINTS");
if (string.IsNullOrWhiteSpace(endpoints))
{
    Console.Error.WriteLine("TYPEDSTORE_ETCD_ENDPOINTS is not set: start a cluster with eng/etcd-cluster.sh and pass its endpoints.");
    return 2;
}

var options = new EtcdEngineOptions
{
    Endpoints = endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
    KeyPrefix = "consumer/" + Guid.NewGuid().ToString("N") + "/",
};

try
{
    using (ChatStore store = ChatStore.Open(EtcdEngine.Connect(options)))
    {
        // Point writes and reads.
        store.Users.Put(new User("u1", "Ada", "ada@example.com"));
        store.Users.Put(new User("u2", "Grace", "grace@example.com"));
        Check(store.Users.Get("u1")?.Name == "Ada", "Users.Get(u1) is Ada");
        Check(store.Users.Get("nobody") is null, "Users.Get(nobody) is null");

        // A batch: one etcd transaction (120 puts stay under etcd's default 128 operations).
        using (ChatStoreBatch batch = store.CreateBatch())
        {
            for (long id = 1; id <= 120; id++)
            {
                batch.Messages.Put(new Message("u1", id, $"message {id}", new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(id)));
            }

            batch.Commit();
        }

        // Scans page through etcd at one revision.
        Check(store.Messages.CountUser("u1") == 120, "u1 has 120 messages");
        Check(store.Messages.Scan("u1").From(40).Before(90).Count() == 50, "40 <= id < 90 counts 50");
        Check(store.Messages.Scan("u1").Reverse().First()?.MessageId == 120, "the newest message is 120");

        // A unique index and a transaction (compare-and-swap on etcd's mod revisions).
        store.Issues.Put(new Issue("core", 1, "crash-on-start", null, "Crash on start"));
        store.Transact(tx =>
        {
            Issue issue = tx.Issues.Get("core", 1)!;
            tx.Issues.Put(issue with { Assignee = "dee" });
            tx.Users.Put(new User("dee", "Dee", "dee@example.com"));
        });
        Check(store.Issues.BySlug.Get("crash-on-start")?.Assignee == "dee", "the transaction assigned issue 1 and the unique index finds it");
        Check(store.Users.Get("dee") is not null, "the transaction's second write is there");
        Check(!store.Users.TryAdd(new User("u1", "Someone else", "x@example.com")), "TryAdd of an existing key is refused");

        // Async members: awaited network calls on etcd.
        await store.Users.PutAsync(new User("u3", "Edsger", "edsger@example.com"));
        Check((await store.Users.GetAsync("u3"))?.Name == "Edsger", "GetAsync reads PutAsync's write");
        Check(await store.Users.CountAsync() == 4, "CountAsync counts 4 users");
        long seen = 0;
        await foreach (Message message in store.Messages.Scan("u1").From(100).ToAsyncEnumerable())
        {
            seen += message.MessageId;
        }

        Check(seen == Enumerable.Range(100, 21).Sum(), "the async scan from 100 reads 100..120");
        await store.TransactAsync(async (tx, cancellationToken) =>
        {
            User user = (await tx.Users.GetAsync("u3", cancellationToken))!;
            await tx.Users.PutAsync(user with { Name = "Dijkstra" }, cancellationToken);
        });
        Check(store.Users.Get("u3")?.Name == "Dijkstra", "TransactAsync committed");
        using (ChatStoreBatch batch = store.CreateBatch())
        {
            await batch.Users.DeleteAsync("u2");
            await batch.CommitAsync();
        }

        Check(store.Users.Get("u2") is null, "the async batch deleted u2");

        // A snapshot keeps reading its revision while the store moves on.
        using (ChatStoreSnapshot snapshot = store.CreateSnapshot())
        {
            store.Users.Delete("u1");
            Check(snapshot.Users.Get("u1")?.Name == "Ada", "the snapshot still reads u1");
            Check(store.Users.Get("u1") is null, "the store no longer does");
        }

        Check(store.CheckHealth().Status == StoreHealthStatus.Healthy, "the store is healthy");
    }

    // Reopened: the rows are on the cluster, and the catalog accepts the same tables.
    using (ChatStore reopened = ChatStore.Open(EtcdEngine.Connect(options)))
    {
        Check(reopened.Messages.Get("u1", 42)?.Text == "message 42", "message 42 after reopening");
        Check(reopened.Users.Count() == 2, "2 users after reopening (dee, u3)");
        reopened.Messages.Scan().Delete();
        reopened.Users.Clear();
        reopened.Issues.Clear();
        Check(reopened.Users.Count() == 0 && reopened.Messages.Count() == 0, "the sample removed its rows");
    }
}
catch (Exception exception)
{
    failures++;
    Console.Error.WriteLine($"FAILED with an exception: {exception}");
}

Console.WriteLine(failures == 0 ? "etcd consumer scenario: all checks passed" : $"etcd consumer scenario: {failures} check(s) failed");
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
