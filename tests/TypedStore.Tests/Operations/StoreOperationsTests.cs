using TypedStore.Storage;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Operations;

/// <summary>
/// The store operations every generated store has (docs/operations.md), written once and run on both engines:
/// flush and compaction keep every row, statistics follow writes, change-feed retention trims exactly the older
/// changes (by hand and in the background), background errors reach the callback and the count, and DropTable
/// refuses what it must.
/// </summary>
public abstract class StoreOperationsTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    protected static DateTimeOffset T0 { get; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal ManualTimeProvider Clock { get; } = new(T0);

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    /// <summary>Opens the test's store on the engine of the derived class.</summary>
    internal abstract OpsStore Open(StoreOptions? options = null);

    /// <summary>Opens the test's store over <paramref name="provider"/>, which wraps the derived class's engine.</summary>
    internal abstract OpsStore Open(Func<StorageEngineProvider, StorageEngineProvider> wrap, StoreOptions options);

    protected virtual void DisposeEngineResources()
    {
    }

    protected T Track<T>(T disposable)
        where T : IDisposable
    {
        _opened.Add(disposable);
        return disposable;
    }

    [Fact]
    public void Flush_And_Compact_KeepEveryRow()
    {
        OpsStore store = Open();
        for (int i = 0; i < 100; i++)
        {
            store.OpsItems.Put(new OpsItem(i, "n" + i));
        }

        store.OpsItems.Scan().From(10).Before(20).Delete();
        store.Flush();
        store.Compact("ops_items");
        store.Compact();

        Assert.Equal(90, store.OpsItems.Count());
        Assert.Equal(new OpsItem(50, "n50"), store.OpsItems.Get(50));
        Assert.Null(store.OpsItems.Get(15));
        Assert.Equal([new OpsItem(7, "n7")], store.OpsItems.ByName.Scan("n7").ToList());
    }

    [Fact]
    public void Compact_OfATableTheStoreDoesNotHave_NamesItAndTheTables()
    {
        OpsStore store = Open();

        var error = Assert.Throws<ArgumentException>(() => store.Compact("nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
        Assert.Contains("ops_items", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetStatistics_FollowsWrites()
    {
        OpsStore store = Open();
        StoreStatistics before = store.GetStatistics();
        Assert.Equal(["ops_events", "ops_feed", "ops_items", "ops_user_feed"], before.Tables.Select(t => t.Name));
        Assert.Equal(0, before["ops_items"].EstimatedRows);

        for (int i = 0; i < 500; i++)
        {
            store.OpsItems.Put(new OpsItem(i, new string('x', 100) + i));
        }

        store.Flush();
        StoreStatistics after = store.GetStatistics();

        TableStatistics items = after["ops_items"];
        Assert.InRange(items.EstimatedRows, 400, 600); // an estimate on RocksDB, exact on the memory engine
        Assert.True(items.LiveDataBytes > before["ops_items"].LiveDataBytes, $"live bytes {items.LiveDataBytes}");
        Assert.True(after.LiveDataBytes >= items.LiveDataBytes);
        Assert.Equal(after.Tables.Sum(t => t.EstimatedRows), after.EstimatedRows);
        Assert.Equal(0, after["ops_feed"].EstimatedRows);
        Assert.Throws<KeyNotFoundException>(() => after["nope"]);
        AssertFiles(items);

        // More rows: more of everything (table files are compressed, so no byte count is assumed).
        for (int i = 500; i < 1_500; i++)
        {
            store.OpsItems.Put(new OpsItem(i, Guid.NewGuid().ToString("N")));
        }

        store.Flush();
        TableStatistics grown = store.GetStatistics()["ops_items"];
        Assert.True(grown.EstimatedRows > items.EstimatedRows, $"rows {grown.EstimatedRows} after {items.EstimatedRows}");
        Assert.True(grown.LiveDataBytes > items.LiveDataBytes, $"live bytes {grown.LiveDataBytes} after {items.LiveDataBytes}");
    }

    /// <summary>What the engine says about files once a table was flushed.</summary>
    internal abstract void AssertFiles(TableStatistics flushed);

    [Fact]
    public void TrimChanges_RemovesExactlyTheOlderChanges_OfEveryFeed()
    {
        OpsStore store = Open(new StoreOptions { TimeProvider = Clock });
        store.OpsFeed.Put(new OpsFeedEntry(1, "a"));                  // T0
        store.OpsUserFeed.Put(new OpsUserFeedEntry("u1", 1, "a"));     // T0
        store.OpsUserFeed.Put(new OpsUserFeedEntry("u2", 1, "a"));     // T0
        Clock.Advance(TimeSpan.FromMinutes(1));
        store.OpsFeed.Put(new OpsFeedEntry(2, "b"));                  // T0 + 1 min
        store.OpsUserFeed.Put(new OpsUserFeedEntry("u1", 2, "b"));     // T0 + 1 min
        Clock.Advance(TimeSpan.FromMinutes(1));
        store.OpsFeed.Delete(1);                                       // T0 + 2 min
        store.OpsUserFeed.Put(new OpsUserFeedEntry("u2", 2, "c"));     // T0 + 2 min
        var feedBefore = store.OpsFeed.ReadChanges(0).ToList();
        var userBefore = store.OpsUserFeed.ReadChanges(0).ToList();

        // The cutoff itself is kept: "older than" is strict.
        long removed = store.TrimChanges(T0 + TimeSpan.FromMinutes(1));

        Assert.Equal(3, removed);
        Assert.Equal(feedBefore.Where(c => c.Timestamp >= T0 + TimeSpan.FromMinutes(1)).Select(c => c.Sequence), store.OpsFeed.ReadChanges(0).Select(c => c.Sequence));
        Assert.Equal(userBefore.Where(c => c.Timestamp >= T0 + TimeSpan.FromMinutes(1)).Select(c => c.Sequence), store.OpsUserFeed.ReadChanges(0).Select(c => c.Sequence));
        Assert.Equal(userBefore.Where(c => c.UserId == "u1" && c.Timestamp >= T0 + TimeSpan.FromMinutes(1)).Select(c => c.Sequence), store.OpsUserFeed.ReadChanges("u1", 0).Select(c => c.Sequence));
        Assert.Equal(userBefore.Where(c => c.UserId == "u2" && c.Timestamp >= T0 + TimeSpan.FromMinutes(1)).Select(c => c.Sequence), store.OpsUserFeed.ReadChanges("u2", 0).Select(c => c.Sequence));
        Assert.Single(store.OpsUserFeed.ReadChanges("u2", 0));

        // Rows are untouched; trimming again removes nothing; a later cutoff takes the rest.
        Assert.Equal(1, store.OpsFeed.Count());
        Assert.Equal(0, store.TrimChanges(T0 + TimeSpan.FromMinutes(1)));
        Assert.Equal(4, store.TrimChanges(T0 + TimeSpan.FromMinutes(3)));
        Assert.Empty(store.OpsFeed.ReadChanges(0));
        Assert.Empty(store.OpsUserFeed.ReadChanges("u1", 0));

        // New changes continue the sequence after the trimmed ones.
        store.OpsFeed.Put(new OpsFeedEntry(3, "d"));
        Assert.True(Assert.Single(store.OpsFeed.ReadChanges(0)).Sequence > feedBefore[^1].Sequence);
    }

    [Fact]
    public void ChangeFeedRetention_TrimsOnEveryBackgroundPass()
    {
        OpsStore store = Open(new StoreOptions
        {
            TimeProvider = Clock,
            StreamEvictionInterval = TimeSpan.FromSeconds(10),
            ChangeFeedRetention = TimeSpan.FromMinutes(5),
        });
        store.OpsFeed.Put(new OpsFeedEntry(1, "old"));
        Clock.Advance(TimeSpan.FromMinutes(4));
        store.OpsFeed.Put(new OpsFeedEntry(2, "newer"));
        ManualTimer timer = Assert.Single(Clock.Timers);

        timer.Fire(); // T0 + 4 min: nothing is 5 minutes old
        Assert.Equal(2, store.OpsFeed.ReadChanges(0).Count());

        Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromTicks(1));
        timer.Fire(); // just past T0 + 5 min: the first change goes
        Assert.Equal([2], store.OpsFeed.ReadChanges(0).Select(c => c.Id));

        Assert.Equal(0, store.BackgroundErrorCount);
    }

    [Fact]
    public void BackgroundErrors_ReachTheCallbackAndTheCount_AndTheNextPassTriesAgain()
    {
        List<BackgroundWorkError> reported = [];
        FailingWritesProvider? failing = null;
        OpsStore store = Open(
            inner => failing = new FailingWritesProvider(inner),
            new StoreOptions
            {
                TimeProvider = Clock,
                StreamEvictionInterval = TimeSpan.FromSeconds(10),
                ChangeFeedRetention = TimeSpan.FromMinutes(5),
                BackgroundError = error =>
                {
                    lock (reported)
                    {
                        reported.Add(error);
                    }
                },
            });
        store.OpsFeed.Put(new OpsFeedEntry(1, "old"));
        store.OpsEvents.Append(new OpsEvent(0, "expires"));
        Clock.Advance(TimeSpan.FromMinutes(10));
        ManualTimer timer = Assert.Single(Clock.Timers);

        failing!.Fail = true;
        timer.Fire();

        Assert.Equal(2, store.BackgroundErrorCount);
        Assert.Equal(
            [(BackgroundWorkError.ChangeFeedRetention, (string?)null), (BackgroundWorkError.StreamEviction, "ops_events")],
            reported.Select(e => (e.Operation, e.Table)).Order());
        Assert.All(reported, e => Assert.Same(failing.Failure, e.Exception));
        Assert.All(reported, e => Assert.Equal(Clock.Now, e.OccurredAt));
        Assert.Single(store.OpsFeed.ReadChanges(0)); // nothing trimmed

        failing.Fail = false;
        timer.Fire();
        Assert.Equal(2, store.BackgroundErrorCount);
        Assert.Empty(store.OpsFeed.ReadChanges(0));
        Assert.Equal(0, store.OpsEvents.Count());
    }

    [Fact]
    public void BackgroundErrors_AreLogged_WithTheirException()
    {
        using var logs = new Microsoft.Extensions.Logging.Testing.FakeLoggerProvider();
        FailingWritesProvider? failing = null;
        OpsStore store = Open(
            inner => failing = new FailingWritesProvider(inner),
            new StoreOptions
            {
                TimeProvider = Clock,
                StreamEvictionInterval = TimeSpan.FromSeconds(10),
                LoggerFactory = new Microsoft.Extensions.Logging.LoggerFactory([logs]),
            });
        store.OpsEvents.Append(new OpsEvent(0, "expires"));
        Clock.Advance(TimeSpan.FromMinutes(10));
        failing!.Fail = true;

        Assert.Single(Clock.Timers).Fire();

        var logged = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Name == "BackgroundWorkFailed");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
        Assert.Same(failing.Failure, logged.Exception);
        Assert.Contains("ops_events", logged.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABackgroundErrorCallbackThatThrows_IsIgnored_AndTheErrorStillCounted()
    {
        FailingWritesProvider? failing = null;
        OpsStore store = Open(
            inner => failing = new FailingWritesProvider(inner),
            new StoreOptions
            {
                TimeProvider = Clock,
                StreamEvictionInterval = TimeSpan.FromSeconds(10),
                BackgroundError = _ => throw new InvalidOperationException("a broken callback"),
            });
        store.OpsEvents.Append(new OpsEvent(0, "expires"));
        Clock.Advance(TimeSpan.FromMinutes(10));
        failing!.Fail = true;

        Assert.Single(Clock.Timers).Fire();

        Assert.Equal(1, store.BackgroundErrorCount);
    }

    [Fact]
    public void ChangeFeedRetention_IsCheckedBeforeTheStoreOpens()
    {
        var tooShort = Assert.Throws<ArgumentOutOfRangeException>(() => Open(new StoreOptions
        {
            StreamEvictionInterval = TimeSpan.FromSeconds(1),
            ChangeFeedRetention = TimeSpan.FromMilliseconds(10),
        }));
        Assert.Contains("ChangeFeedRetention", tooShort.Message, StringComparison.Ordinal);

        var noInterval = Assert.Throws<ArgumentException>(() => Open(new StoreOptions { ChangeFeedRetention = TimeSpan.FromHours(1) }));
        Assert.Contains("StreamEvictionInterval", noInterval.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DropTable_RefusesATableTheCodeDeclares_AndOneTheStoreDoesNotHave()
    {
        OpsStore store = Open();
        store.OpsItems.Put(new OpsItem(1, "a"));

        var declared = Assert.Throws<InvalidOperationException>(() => store.DropTable("ops_items"));
        var unknown = Assert.Throws<ArgumentException>(() => store.DropTable("nope"));

        Assert.Contains("'ops_items'", declared.Message, StringComparison.Ordinal);
        Assert.Contains("still declares", declared.Message, StringComparison.Ordinal);
        Assert.Contains("'nope'", unknown.Message, StringComparison.Ordinal);
        Assert.Empty(store.RemovedTables);
        Assert.Equal(new OpsItem(1, "a"), store.OpsItems.Get(1));
    }

    [Fact]
    public void Operations_OnADisposedStore_Throw()
    {
        OpsStore store = Open();
        store.Dispose();

        Assert.Throws<ObjectDisposedException>(store.Flush);
        Assert.Throws<ObjectDisposedException>(() => store.GetStatistics());
        Assert.Throws<ObjectDisposedException>(() => store.TrimChanges(T0));
        Assert.Throws<ObjectDisposedException>(() => store.RemovedTables);
    }
}
