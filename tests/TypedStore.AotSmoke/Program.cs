using TypedStore;
using TypedStore.AotSmoke;

// A NativeAOT-published program exercising generated code end to end on RocksDB.
// Every check that fails is printed; the exit code is the number of failures (0 = pass).
int failures = 0;
void Check(bool condition, string what)
{
    if (!condition)
    {
        failures++;
        Console.Error.WriteLine("FAIL: " + what);
    }
}

string path = Path.Combine(Path.GetTempPath(), "typedstore-aot-" + Guid.NewGuid().ToString("N"));
DateTime t0 = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
var account = new Account(Guid.CreateVersion7(), "Ada", new Address("London", null), ["admin", "ops"]);
try
{
    using (var store = SmokeStore.Open(path))
    {
        store.Accounts.Put(account);
        Account? read = store.Accounts.Get(account.AccountId);
        Check(read is not null && read.Name == "Ada" && read.Home == account.Home && read.Tags.SequenceEqual(account.Tags), "account round-trip");

        using (var batch = store.CreateBatch())
        {
            for (int i = 0; i < 10; i++)
            {
                batch.Orders.Put(new Order("u1", t0.AddMinutes(i), i % 2, i == 3 ? 0.5 : null, (Priority)(i % 2), new() { ["apple"] = i }, [i, i / 2.0]));
                batch.Orders.Put(new Order("u10", t0.AddMinutes(i), 0, null, Priority.Low, [], []));
                batch.Events.Put(new Event(i, "e" + i, [(byte)i, 0, 255], TimeSpan.FromMilliseconds(i)));
            }

            batch.Commit();
        }

        // Descending time key: newest first within the user.
        var u1 = store.Orders.ScanUser("u1").ToList();
        Check(u1.Count == 10, $"ScanUser(u1) returns 10 rows, got {u1.Count}");
        Check(u1.Count > 0 && u1[0].PlacedAt == t0.AddMinutes(9), "descending key part puts the newest first");
        Check(u1.All(o => o.UserId == "u1"), "ScanUser(u1) never sees u10");
        Check(u1.Single(o => o.PlacedAt == t0.AddMinutes(3)).Discount == 0.5, "nullable double round-trip");
        Check(store.Orders.Scan("u1", t0.AddMinutes(4)).Count() == 1, "prefix scan at depth 2");

        // Queries: typed bounds on a descending part (key order: newest first), one-seek members, pages, many keys.
        Check(store.Orders.Scan("u1").From(t0.AddMinutes(6)).Before(t0.AddMinutes(2)).Count() == 4, "bounded query on a descending part");
        Check(store.Orders.Scan("u1").Last()?.PlacedAt == t0, "Last is the oldest of the user");
        Check(store.Orders.Scan("u1").Reverse().First()?.PlacedAt == t0, "reversed First");
        var firstPage = store.Orders.Scan("u1").Page(4);
        var secondPage = store.Orders.Scan("u1").Page(4, firstPage.Next);
        Check(firstPage.Rows.Count == 4 && secondPage.Rows.Count == 4 && secondPage.Rows[0].PlacedAt == t0.AddMinutes(5), "pages continue after their token");
        Check(store.Orders.Scan("u1").Keys().Count() == 10, "Keys");
        var many = store.Orders.GetMany([("u1", t0.AddMinutes(1), 1), ("nobody", t0, 0), ("u10", t0, 0)]);
        Check(many.Count == 3 && many[0] is not null && many[1] is null && many[2]?.UserId == "u10", "GetMany in input order");

        using (var snapshot = store.CreateSnapshot())
        {
            store.Events.Delete(0, "e0");
            Check(snapshot.Events.Get(0, "e0") is not null, "snapshot keeps the row deleted after it");
            Check(store.Events.Get(0, "e0") is null, "delete is visible outside the snapshot");
        }

        // Indexes: a unique lookup, a refused duplicate, a per-user index scan with a nullable part.
        Check(store.Accounts.ByName.Get("Ada")?.AccountId == account.AccountId, "unique index lookup");
        bool refused = false;
        try
        {
            store.Accounts.Put(account with { AccountId = Guid.CreateVersion7() });
        }
        catch (UniqueConstraintException)
        {
            refused = true;
        }

        Check(refused, "unique index refuses a second row with the value");
        Check(store.Orders.ByPriority.Count("u1", Priority.High) == 5, "per-user index count");
        Check(store.Orders.ByPriority.Scan("u1", Priority.High, 0.5).Single().Line == 1, "per-user index scan with a nullable part");
        Check(store.Orders.ByPriority.Scan("u10").Count() == 10 && store.Accounts.Verify().IsConsistent && store.Orders.Verify().IsConsistent, "index scans and Verify");

        var events = store.Events.ScanAll(reverse: true).ToList();
        Check(events.Count == 9 && events[0].Sequence == 9, "reverse ScanAll in key order");
        Check(events.Count > 0 && events[0].Payload.SequenceEqual(new byte[] { 9, 0, 255 }), "byte[] value round-trip");

        // Async members (docs/async.md): on RocksDB each completes synchronously; the async scan reads in pages.
        await store.Events.PutAsync(new Event(100, "async", [1], TimeSpan.Zero));
        Check((await store.Events.GetAsync(100, "async"))?.Name == "async", "PutAsync then GetAsync");
        int asyncRows = 0;
        await foreach (Event row in store.Events.Scan().ToAsyncEnumerable())
        {
            asyncRows++;
        }

        Check(asyncRows == 10 && await store.Events.Scan().CountAsync() == 10, "async scan and CountAsync read every row");
        using (var asyncBatch = store.CreateBatch())
        {
            asyncBatch.Events.Put(new Event(101, "batch", [], TimeSpan.Zero));
            await asyncBatch.CommitAsync();
        }

        Check(await store.Events.ExistsAsync(101, "batch"), "batch CommitAsync");
        await store.Events.DeleteAsync(100, "async");
        await store.Events.DeleteAsync(101, "batch");
        Check(store.Events.Count() == 9, "DeleteAsync");

        // The row cache (BitFaster.Caching's LRU): a hit is the same object; a write replaces it.
        store.Settings.Put(new Setting("theme", "dark"));
        Setting? first = store.Settings.Get("theme");
        Check(first is not null && ReferenceEquals(first, store.Settings.Get("theme")), "row cache hit returns the cached row");
        store.Settings.Put(new Setting("theme", "light"));
        Check(store.Settings.Get("theme")?.Value == "light", "a write replaces the cached row");
        Check(store.GetStatistics()["settings"].RowCache is { Hits: 1, Misses: 2 }, "row cache statistics");
    }

    using (var reopened = SmokeStore.Open(path))
    {
        Check(reopened.Orders.Count() == 20, "reopen keeps every order");
        Check(reopened.Events.Count() == 9, "reopen keeps the delete");
        Check(reopened.Accounts.Exists(account.AccountId), "reopen keeps the account");
        Check(reopened.Accounts.ByName.Get("Ada") is not null, "reopen keeps the index");
    }
}
catch (Exception exception)
{
    failures++;
    Console.Error.WriteLine("FAIL: unexpected " + exception);
}
finally
{
    if (Directory.Exists(path))
    {
        Directory.Delete(path, recursive: true);
    }
}

Console.WriteLine(failures == 0 ? "AOT smoke: all checks passed" : $"AOT smoke: {failures} check(s) failed");
return failures;
