namespace TypedStore.Tests.EndToEnd;

/// <summary>The end-to-end suite on RocksDB, plus what only a persistent engine can show: reopening.</summary>
public sealed class RocksDbStoreEndToEndTests : StoreEndToEndTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-e2e-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbStoreEndToEndTests()
    {
        // RocksDB creates the store's own directory, not its parents.
        Directory.CreateDirectory(_root);
    }

    protected override ChatStore OpenChatStore(StoreOptions? options = null) => Track(ChatStore.Open(NewPath(), options));

    protected override ShapesStore OpenShapesStore() => Track(ShapesStore.Open(NewPath()));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void CloseAndReopen_KeepsEveryRowOfEveryTable()
    {
        string path = NewPath();
        Guid roomId = Guid.CreateVersion7();
        Profile profile = ProfileSamples.Full();
        using (ChatStore store = ChatStore.Open(path))
        {
            store.Users.PutMany(Enumerable.Range(0, 100).Select(i => new User($"u{i}", $"n{i}", $"{i}@x")));
            store.Messages.Put(new Message("u1", 7, "kept", T0));
            store.Rooms.Put(new Room(roomId, "general", ["u1", "u2"]));
            store.Users.Delete("u50");
        }

        using (ChatStore reopened = ChatStore.Open(path))
        {
            Assert.Equal(99, reopened.Users.Count());
            Assert.Null(reopened.Users.Get("u50"));
            Assert.Equal("n99", reopened.Users.Get("u99")!.Name);
            Assert.Equal(new Message("u1", 7, "kept", T0), reopened.Messages.Get("u1", 7));
            Assert.Equal(["u1", "u2"], reopened.Rooms.Get(roomId)!.Members);
        }

        string shapesPath = NewPath();
        using (ShapesStore shapes = ShapesStore.Open(shapesPath))
        {
            shapes.Profiles.Put(profile);
        }

        using (ShapesStore shapes = ShapesStore.Open(shapesPath))
        {
            ProfileSamples.AssertEquivalent(profile, shapes.Profiles.Get(profile.ProfileId)!);
        }
    }

    [Fact]
    public void OpeningAnOpenStore_ThrowsStoreLockedException()
    {
        string path = NewPath();
        using ChatStore store = ChatStore.Open(path);
        Assert.Throws<StoreLockedException>(() => ChatStore.Open(path));
        store.Users.Put(new User("u1", "still", "usable"));
        Assert.NotNull(store.Users.Get("u1"));
    }

    [Fact]
    public void MembersAppended_OldRowsReadWithDefaults_AndOldCodeCannotOpenTheNewerSchema()
    {
        string path = NewPath();
        using (EvolutionV1Store v1 = EvolutionV1Store.Open(path))
        {
            v1.Evolving.Put(new ItemV1("old", "written by v1"));
        }

        using (EvolutionV2Store v2 = EvolutionV2Store.Open(path))
        {
            Assert.Equal(new ItemV2("old", "written by v1", 0, null), v2.Evolving.Get("old"));
            v2.Evolving.Put(new ItemV2("new", "written by v2", 5, ["x"]));
        }

        // v1 would drop Stock and Labels from every row it rewrote: the catalog refuses it (docs/schema-evolution.md).
        SchemaMismatchException refused = Assert.Throws<SchemaMismatchException>(() => EvolutionV1Store.Open(path));
        Assert.Equal(("evolving", "Stock", SchemaChange.MemberRemoved), (refused.Table, refused.Member, refused.Change));

        using (EvolutionV2Store v2 = EvolutionV2Store.Open(path))
        {
            ItemV2 written = v2.Evolving.Get("new")!;
            Assert.Equal(("written by v2", 5), (written.Name, written.Stock));
            Assert.Equal(["x"], written.Labels!);
            Assert.Equal(["new", "old"], v2.Evolving.ScanAll().Select(i => i.Id));
        }
    }

    private string NewPath() => Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}");
}
