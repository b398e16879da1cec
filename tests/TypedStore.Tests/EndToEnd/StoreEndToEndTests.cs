namespace TypedStore.Tests.EndToEnd;

/// <summary>
/// Behaviour of generated stores, written once and run on every engine (see the derived classes).
/// Expected orders are computed here from the values' natural order, independently of the key codec.
/// </summary>
public abstract class StoreEndToEndTests : IDisposable
{
    private readonly List<IDisposable> _opened = [];

    protected static DateTime T0 { get; } = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

    public void Dispose()
    {
        for (int i = _opened.Count - 1; i >= 0; i--)
        {
            _opened[i].Dispose();
        }

        DisposeEngineResources();
        GC.SuppressFinalize(this);
    }

    protected abstract ChatStore OpenChatStore(StoreOptions? options = null);

    protected abstract ShapesStore OpenShapesStore();

    protected virtual void DisposeEngineResources()
    {
    }

    protected T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    [Fact]
    public void RefusedKeys_NameTheTable_OnEveryPath_AndWriteNothing()
    {
        ChatStore store = OpenChatStore();
        string overLong = new('k', global::TypedStore.Keys.KeyLimits.MaxKeyLength + 1);
        var ann = new User("u1", "Ann", "ann@example.com");

        // Before: the key writer's refusals ("The encoded key would be at least ... bytes", "A string key part is
        // null", an unpaired surrogate) named no table on plain tables.
        Assert.Contains("'users'", Assert.Throws<ArgumentException>(() => store.Users.Put(ann with { UserId = overLong })).Message, StringComparison.Ordinal);
        Assert.Contains("'users'", Assert.Throws<ArgumentNullException>(() => store.Users.Get(null!)).Message, StringComparison.Ordinal);
        Assert.Contains("'users'", Assert.Throws<ArgumentException>(() => store.Users.Exists("\uD800")).Message, StringComparison.Ordinal);
        Assert.Contains("'users'", Assert.Throws<ArgumentException>(() => store.Users.Delete(overLong)).Message, StringComparison.Ordinal);
        Assert.Contains("'users'", Assert.Throws<ArgumentException>(() => store.Users.PutMany([ann, ann with { UserId = overLong }])).Message, StringComparison.Ordinal);
        Assert.Contains("'messages'", Assert.Throws<ArgumentNullException>(() => store.Messages.CountUser(null!)).Message, StringComparison.Ordinal);
        Assert.Contains("'messages'", Assert.Throws<ArgumentException>(() => store.Messages.DeleteUser(overLong)).Message, StringComparison.Ordinal);

        using (ChatStoreBatch batch = store.CreateBatch())
        {
            batch.Users.Put(ann);
            Assert.Contains("'users'", Assert.Throws<ArgumentException>(() => batch.Users.Put(ann with { UserId = overLong })).Message, StringComparison.Ordinal);
            batch.Commit();
        }

        Assert.Equal(1, store.Users.Count());
        Assert.Equal(ann, store.Users.Get("u1"));
    }

    [Fact]
    public void Put_Get_Exists_Delete_RoundTrip()
    {
        ChatStore store = OpenChatStore();
        var ann = new User("u1", "Ann", "ann@example.com");

        store.Users.Put(ann);

        Assert.Equal(ann, store.Users.Get("u1"));
        Assert.True(store.Users.TryGet("u1", out User? found));
        Assert.Equal(ann, found);
        Assert.True(store.Users.Exists("u1"));
        Assert.Null(store.Users.Get("u2"));
        Assert.False(store.Users.TryGet("u2", out _));
        Assert.False(store.Users.Exists("u2"));

        store.Users.Put(ann with { Name = "Anne" });
        Assert.Equal("Anne", store.Users.Get("u1")!.Name);

        store.Users.Delete("u1");
        Assert.Null(store.Users.Get("u1"));
        Assert.False(store.Users.Exists("u1"));
        store.Users.Delete("u1"); // deleting an absent key is not an error
    }

    [Fact]
    public void ScanAll_ReturnsKeyOrder_ForwardAndReverse()
    {
        ChatStore store = OpenChatStore();
        long[] ids = [5, -3, 0, long.MaxValue, long.MinValue, 42, -1];
        string[] users = ["b", "a", "", "a\u00e9", "ab"];
        foreach (string user in users)
        {
            foreach (long id in ids)
            {
                store.Messages.Put(new Message(user, id, $"{user}/{id}", T0));
            }
        }

        // Ordinal UTF-8 order equals ordinal UTF-16 order for these strings; signed ids order numerically.
        var expected = users.SelectMany(u => ids.Select(id => (u, id)))
            .OrderBy(x => x.u, StringComparer.Ordinal).ThenBy(x => x.id)
            .Select(x => $"{x.u}/{x.id}")
            .ToList();

        Assert.Equal(expected, store.Messages.ScanAll().Select(m => m.Text));
        Assert.Equal(Enumerable.Reverse(expected), store.Messages.ScanAll(reverse: true).Select(m => m.Text));
        Assert.Equal(expected.Count, store.Messages.Count());
    }

    [Fact]
    public void Scan_AtEveryPrefixDepth_ReturnsOnlyThatPrefix_InKeyOrder()
    {
        ChatStore store = OpenChatStore();
        var all = new List<Reading>();
        foreach (string site in new[] { "north", "north-east", "south" })
        {
            for (int sensor = -1; sensor <= 2; sensor++)
            {
                for (int minute = 0; minute < 4; minute++)
                {
                    all.Add(new Reading(site, sensor, T0.AddMinutes(minute), sensor * 10 + minute));
                }
            }
        }

        foreach (Reading reading in all.OrderBy(_ => Guid.NewGuid()))
        {
            store.Readings.Put(reading);
        }

        // Depth 1: one site (not "north-east" for "north"), sensors ascending, time descending.
        var north = store.Readings.Scan("north").ToList();
        var expectedNorth = all.Where(r => r.Site == "north").OrderBy(r => r.Sensor).ThenByDescending(r => r.At).ToList();
        Assert.Equal(expectedNorth, north);

        // Depth 2: one site and sensor, newest first.
        var sensor1 = store.Readings.Scan("north", 1).ToList();
        Assert.Equal(all.Where(r => r.Site == "north" && r.Sensor == 1).OrderByDescending(r => r.At), sensor1);

        // Negative sensor ids sort before positive ones within the prefix.
        Assert.Equal(-1, store.Readings.Scan("south").First()!.Sensor);
        Assert.Empty(store.Readings.Scan("west"));
        Assert.Empty(store.Readings.Scan("north", 7));
    }

    [Fact]
    public void DescendingKeyPart_SortsNewestFirst()
    {
        ChatStore store = OpenChatStore();
        for (int minute = 0; minute < 5; minute++)
        {
            store.Readings.Put(new Reading("s", 0, T0.AddMinutes(minute), minute));
        }

        Assert.Equal([4d, 3d, 2d, 1d, 0d], store.Readings.ScanAll().Select(r => r.Value));
        Assert.Equal([0d, 1d, 2d, 3d, 4d], store.Readings.ScanAll(reverse: true).Select(r => r.Value));
    }

    [Fact]
    public void LargeValueAndLongKey_RoundTrip()
    {
        ChatStore store = OpenChatStore();

        // A key longer than the stack key buffer, a value longer than the pooled read buffer.
        string userId = new('k', 3_000);
        string text = string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i % 26))));
        store.Messages.Put(new Message(userId, 1, text, T0));

        Assert.Equal(text, store.Messages.Get(userId, 1)!.Text);
        Assert.Equal(text, Assert.Single(store.Messages.ScanUser(userId)).Text);
        store.Messages.Put(new Message(userId, 1, "short again", T0));
        Assert.Equal("short again", store.Messages.Get(userId, 1)!.Text);
    }

    [Fact]
    public void PutMany_WritesEveryRow_AndCountSeesThem()
    {
        ChatStore store = OpenChatStore();
        var users = Enumerable.Range(0, 250).Select(i => new User($"user{i:D4}", $"Name {i}", $"{i}@example.com")).ToList();

        store.Users.PutMany(users);

        Assert.Equal(250, store.Users.Count());
        Assert.Equal(users, store.Users.ScanAll());
        store.Users.PutMany([]);
        Assert.Equal(250, store.Users.Count());
    }

    [Fact]
    public void Batch_AcrossThreeTables_IsInvisibleUntilCommit_ThenAllVisible()
    {
        ChatStore store = OpenChatStore();
        Guid roomId = Guid.CreateVersion7();
        using (ChatStoreBatch batch = store.CreateBatch())
        {
            batch.Users.Put(new User("u1", "Ann", "a@x"));
            batch.Messages.Put(new Message("u1", 1, "hi", T0));
            batch.Rooms.Put(new Room(roomId, "general", ["u1"]));
            batch.Users.Delete("nobody");

            Assert.Null(store.Users.Get("u1"));
            Assert.Null(store.Messages.Get("u1", 1));
            Assert.Null(store.Rooms.Get(roomId));

            batch.Commit();
            Assert.Throws<InvalidOperationException>(() => batch.Users.Put(new User("u2", "B", "b@x")));
        }

        Assert.NotNull(store.Users.Get("u1"));
        Assert.NotNull(store.Messages.Get("u1", 1));
        Assert.Equal(["u1"], store.Rooms.Get(roomId)!.Members);
    }

    [Fact]
    public void Batch_DisposedWithoutCommit_WritesNothing()
    {
        ChatStore store = OpenChatStore();
        store.Users.Put(new User("keep", "K", "k@x"));
        using (ChatStoreBatch batch = store.CreateBatch())
        {
            batch.Users.Put(new User("u1", "Ann", "a@x"));
            batch.Users.Delete("keep");
            batch.Messages.PutMany([new Message("u1", 1, "a", T0), new Message("u1", 2, "b", T0)]);
            batch.Rooms.Put(new Room(Guid.NewGuid(), "r", []));
        }

        Assert.Equal(1, store.Users.Count());
        Assert.NotNull(store.Users.Get("keep"));
        Assert.Equal(0, store.Messages.Count());
        Assert.Equal(0, store.Rooms.Count());
    }

    [Fact]
    public void Snapshot_SeesEveryTableAsOfItsCreation()
    {
        ChatStore store = OpenChatStore();
        store.Users.Put(new User("u1", "Ann", "a@x"));
        store.Messages.Put(new Message("u1", 1, "before", T0));

        using ChatStoreSnapshot snapshot = store.CreateSnapshot();
        store.Users.Delete("u1");
        store.Users.Put(new User("u2", "Bob", "b@x"));
        store.Messages.Put(new Message("u1", 1, "after", T0));
        store.Messages.Put(new Message("u1", 2, "new", T0));

        Assert.Equal("Ann", snapshot.Users.Get("u1")!.Name);
        Assert.False(snapshot.Users.Exists("u2"));
        Assert.Equal("before", snapshot.Messages.Get("u1", 1)!.Text);
        Assert.Equal(["before"], snapshot.Messages.ScanUser("u1").Select(m => m.Text));
        Assert.Equal(1, snapshot.Messages.CountUser("u1"));
        Assert.Equal(1, snapshot.Users.Count());

        Assert.Null(store.Users.Get("u1"));
        Assert.Equal(["after", "new"], store.Messages.ScanUser("u1").Select(m => m.Text));
    }

    [Fact]
    public void ScanUser_CountUser_DeleteUser_NeverTouchAnotherUser()
    {
        ChatStore store = OpenChatStore();
        string[] users = ["u1", "u10", "u1\0x", "u1:x", "u", "u2"];
        foreach (string user in users)
        {
            for (long id = 0; id < 3; id++)
            {
                store.Messages.Put(new Message(user, id, user, T0));
            }
        }

        Assert.Equal([0L, 1L, 2L], store.Messages.ScanUser("u1").Select(m => m.MessageId));
        Assert.All(store.Messages.ScanUser("u1"), m => Assert.Equal("u1", m.UserId));
        Assert.Equal(3, store.Messages.CountUser("u1"));
        Assert.Equal(0, store.Messages.CountUser("u3"));

        store.Messages.DeleteUser("u1");

        Assert.Empty(store.Messages.ScanUser("u1"));
        foreach (string other in users.Where(u => u != "u1"))
        {
            Assert.Equal(3, store.Messages.CountUser(other));
        }

        Assert.Equal(15, store.Messages.Count());
    }

    [Fact]
    public void Batch_DeleteUser_AppliesOnCommit()
    {
        ChatStore store = OpenChatStore();
        store.Messages.PutMany([new Message("u1", 1, "a", T0), new Message("u10", 1, "b", T0)]);
        using (ChatStoreBatch batch = store.CreateBatch())
        {
            batch.Messages.DeleteUser("u1");
            Assert.Equal(1, store.Messages.CountUser("u1"));
            batch.Commit();
        }

        Assert.Equal(0, store.Messages.CountUser("u1"));
        Assert.Equal(1, store.Messages.CountUser("u10"));
    }

    [Fact]
    public void NestedValues_Collections_Nullables_RoundTrip()
    {
        ShapesStore store = OpenShapesStore();
        Profile full = ProfileSamples.Full();
        Profile sparse = ProfileSamples.Sparse();

        store.Profiles.Put(full);
        store.Profiles.Put(sparse);

        ProfileSamples.AssertEquivalent(full, store.Profiles.Get(full.ProfileId)!);
        ProfileSamples.AssertEquivalent(sparse, store.Profiles.Get(sparse.ProfileId)!);
    }

    [Fact]
    public void ClassWithInitSetters_RoundTrips()
    {
        ShapesStore store = OpenShapesStore();
        store.Settings.Put(new Setting { Name = "theme", Value = "dark", Version = 3, History = ["light", "auto"] });
        store.Settings.Put(new Setting { Name = "empty" });

        Setting theme = store.Settings.Get("theme")!;
        Assert.Equal(("theme", "dark", 3), (theme.Name, theme.Value, theme.Version));
        Assert.Equal(["light", "auto"], theme.History!);
        Assert.Null(store.Settings.Get("empty")!.History);
    }

    [Fact]
    public void GetOnlyClass_RebuiltThroughItsConstructor()
    {
        ShapesStore store = OpenShapesStore();
        store.Counters.Put(new Counter("hits", 41, "page hits"));
        store.Counters.Put(new Counter("misses", -1, null));

        Counter hits = store.Counters.Get("hits")!;
        Assert.Equal((41L, "page hits", "hits=41"), (hits.Value, hits.Label, hits.Display));
        Assert.Null(store.Counters.Get("misses")!.Label);
    }

    [Fact]
    public void EveryKeyPartType_RoundTripsThroughScan()
    {
        ShapesStore store = OpenShapesStore();
        KeyZoo low = KeyZooSamples.Low();
        KeyZoo high = KeyZooSamples.High();
        store.KeyZoo.Put(high);
        store.KeyZoo.Put(low);

        // Scans decode every part from the key bytes; Get rebuilds the row from the arguments.
        List<KeyZoo> scanned = store.KeyZoo.ScanAll().ToList();
        Assert.Equal(2, scanned.Count);
        KeyZooSamples.AssertSameKey(low, scanned[0]);
        KeyZooSamples.AssertSameKey(high, scanned[1]);
        Assert.True(store.KeyZoo.Exists(low.Flag, low.U8, low.I8, low.I16, low.U16, low.I32, low.U32, low.I64, low.U64, low.F32, low.F64, low.When, low.WhenOffset, low.Day, low.Span, low.Mood, low.Raw, low.Id, low.Text));
    }

    [Fact]
    public void GetEntry_ReportsUpdatedFromTheStoreClock()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero));
        ChatStore store = OpenChatStore(new StoreOptions { TimeProvider = clock });
        store.Users.Put(new User("u1", "Ann", "a@x"));
        clock.Now = clock.Now.AddHours(1);
        store.Users.Put(new User("u2", "Bob", "b@x"));

        var first = store.Users.GetEntry("u1")!.Value;
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero), first.Updated);
        Assert.False(first.IsDeleted);
        Assert.Equal("Ann", first.Row.Name);
        Assert.Equal(clock.Now, store.Users.GetEntry("u2")!.Value.Updated);
        Assert.Null(store.Users.GetEntry("nobody"));
    }

    [Fact]
    public void PutMany_GivesEveryRowOfTheAtomicWriteOneUpdatedTime()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 5, 4, 3, 2, 1, TimeSpan.Zero));
        ChatStore store = OpenChatStore(new StoreOptions { TimeProvider = clock });

        store.Users.PutMany([new User("u1", "Ann", "a@x"), new User("u2", "Bob", "b@x"), new User("u3", "Cy", "c@x")]);
        store.Users.Put(new User("u4", "Di", "d@x"));

        // One commit, one time: the clock is read once for the batch, so its rows cannot disagree.
        DateTimeOffset batchTime = store.Users.GetEntry("u1")!.Value.Updated;
        Assert.Equal(batchTime, store.Users.GetEntry("u2")!.Value.Updated);
        Assert.Equal(batchTime, store.Users.GetEntry("u3")!.Value.Updated);
        Assert.True(store.Users.GetEntry("u4")!.Value.Updated > batchTime);
    }

    [Fact]
    public void BadKeyParts_ThrowArgumentException_AndWriteNothing()
    {
        ChatStore store = OpenChatStore();

        Assert.Throws<ArgumentNullException>(() => store.Users.Put(new User(null!, "x", "y")));
        Assert.Throws<ArgumentNullException>(() => store.Users.Put(null!));
        Assert.ThrowsAny<ArgumentException>(() => store.Readings.Put(new Reading("s", 1, new DateTime(2026, 1, 1), 1)));
        Assert.ThrowsAny<ArgumentException>(() => store.Users.Get(null!));
        Assert.Throws<ArgumentNullException>(() => store.Users.PutMany([new User("ok", "a", "b"), null!]));

        Assert.Equal(0, store.Users.Count());
        Assert.Equal(0, store.Readings.Count());
    }

    [Fact]
    public void UseAfterDispose_ThrowsObjectDisposedException()
    {
        ChatStore store = OpenChatStore();
        store.Users.Put(new User("u1", "Ann", "a@x"));
        IEnumerable<User> lazyScan = store.Users.ScanAll();
        ChatStoreBatch batch = Track(store.CreateBatch());
        ChatStoreSnapshot snapshot = Track(store.CreateSnapshot());

        store.Dispose();
        store.Dispose(); // idempotent

        Assert.Throws<ObjectDisposedException>(() => store.Users.Put(new User("u2", "B", "b@x")));
        Assert.Throws<ObjectDisposedException>(() => store.Users.Get("u1"));
        Assert.Throws<ObjectDisposedException>(() => store.Users.Count());
        Assert.Throws<ObjectDisposedException>(() => store.Users.ScanAll().ToList());
        Assert.Throws<ObjectDisposedException>(() => lazyScan.ToList());
        Assert.Throws<ObjectDisposedException>(() => store.CreateBatch());
        Assert.Throws<ObjectDisposedException>(() => batch.Users.Put(new User("u3", "C", "c@x")));
        Assert.Throws<ObjectDisposedException>(() => snapshot.Users.Get("u1"));
    }

    [Fact]
    public async Task ConcurrentPutGetScan_SeeConsistentRows()
    {
        ChatStore store = OpenChatStore();
        const int Writers = 4;
        const int PerWriter = 300;
        Task[] writers = Enumerable.Range(0, Writers).Select(w => Task.Run(() =>
        {
            for (int i = 0; i < PerWriter; i++)
            {
                store.Messages.Put(new Message($"w{w}", i, $"w{w}-{i}", T0));
                Message? back = store.Messages.Get($"w{w}", i);
                Assert.Equal($"w{w}-{i}", back?.Text);
            }
        })).ToArray();
        Task reader = Task.Run(() =>
        {
            for (int round = 0; round < 20; round++)
            {
                foreach (Message message in store.Messages.ScanAll())
                {
                    Assert.Equal($"{message.UserId}-{message.MessageId}", message.Text);
                }
            }
        });

        await Task.WhenAll([.. writers, reader]);
        Assert.Equal(Writers * PerWriter, store.Messages.Count());
    }

    /// <summary>A clock that moves one second forward every time it is read.</summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _next = start;

        public override DateTimeOffset GetUtcNow()
        {
            DateTimeOffset now = _next;
            _next = _next.AddSeconds(1);
            return now;
        }
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
