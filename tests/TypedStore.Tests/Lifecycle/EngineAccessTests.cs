using TypedStore.Features.ChangeFeed;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle;

/// <summary>
/// What the lifecycle features ask of the engine, recorded call by call (<see cref="RecordingEngine"/>): soft delete is
/// one write without a read, per-user calls never position an iterator on another user's key and delete only their
/// own range, and eviction reads one key per partition. These are claims about access, not timing.
/// </summary>
public sealed class EngineAccessTests : IDisposable
{
    // Stream Append keeps its id reservation in the catalog, so the runtime is opened with one (as a store is).
    private static readonly TableDescriptor[] s_tables =
    [
        new("drafts", TableKind.Shared, softDelete: true),
        new("inbox", TableKind.User),
        new("notes", TableKind.User, softDelete: true, changeFeed: true),
        new("presence", TableKind.Stream, ttlSeconds: 60),
        new("events", TableKind.Stream, ttlSeconds: 60),
    ];

    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingEngine _engine;
    private readonly StoreRuntime _runtime;

    public EngineAccessTests()
    {
        _engine = new RecordingEngine(StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(s_tables)));
        _runtime = StoreRuntime.Create("LifecycleStore", _engine, s_tables, new StoreOptions { TimeProvider = _clock });
        _engine.Clear(); // what opening the catalog read and wrote is not what the tests look at
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void SoftDelete_IsOneWriteOfTheMarker_WithoutAnyRead()
    {
        var drafts = Drafts();
        drafts.Put(new Draft("d1", "body", 1));
        _engine.Clear();

        drafts.Delete(new LifecycleStore.DraftsKey("d1"));

        Assert.Equal(["Put"], _engine.Calls);
        Assert.Empty(_engine.KeysSeen);
    }

    [Fact]
    public void SoftDeleteTable_PutClearsTheMarkerInTheSameWrite_RestoreAndPurgeAreOneWriteEach()
    {
        var drafts = Drafts();

        drafts.Put(new Draft("d1", "body", 1));
        Assert.Equal(["Write[Put,Delete]"], _engine.Calls);
        _engine.Clear();

        drafts.Restore(new LifecycleStore.DraftsKey("d1"));
        Assert.Equal(["Delete"], _engine.Calls);
        _engine.Clear();

        drafts.Purge(new LifecycleStore.DraftsKey("d1"));
        Assert.Equal(["Write[Delete,Delete]"], _engine.Calls);
    }

    [Fact]
    public void SoftDeleteTable_GetIsOneBoundedSeek_ThatReadsOnlyTheRowAndItsMarker()
    {
        var drafts = Drafts();
        drafts.PutMany([new Draft("a", "a", 1), new Draft("b", "b", 1), new Draft("c", "c", 1)]);
        drafts.Delete(new LifecycleStore.DraftsKey("b"));
        _engine.Clear();

        Assert.False(drafts.TryGet(new LifecycleStore.DraftsKey("b"), null, out _));

        Assert.Equal(["Iterator"], _engine.Calls);
        byte[] rowKey = Encode((ref KeyWriter w) => w.WriteString("b"));
        Assert.Equal([rowKey, [.. rowKey, 0x00]], _engine.KeysSeen);
    }

    [Fact]
    public void PlainTable_KeepsItsOneCallPaths()
    {
        var inbox = new TableCore<InboxItem, LifecycleStore.InboxKey, LifecycleStore.InboxCodec>(_runtime, new TableDescriptor("inbox", TableKind.User));

        inbox.Put(new InboxItem("u", 1, "s"));
        inbox.TryGet(new LifecycleStore.InboxKey("u", 1), null, out _);
        inbox.Delete(new LifecycleStore.InboxKey("u", 1));

        Assert.Equal(["Put", "Get", "Delete"], _engine.Calls);
    }

    [Fact]
    public void ChangeFeedTable_WritesRowAndChangeInOneWrite()
    {
        var notes = Notes();
        notes.Put(new Note("u", 1, "first")); // the first change reads the stored last sequence, once
        _engine.Clear();

        notes.Put(new Note("u", 2, "second"));
        notes.Delete(new LifecycleStore.NotesKey("u", 2));

        // Put: row, marker clear, change, user index entry, last sequence. Delete: marker, change, index, last sequence.
        Assert.Equal(["Write[Put,Delete,Put,Put,Put]", "Write[Put,Put,Put,Put]"], _engine.Calls);
    }

    [Fact]
    public void UserCalls_WithAdversarialIds_PositionIteratorsOnlyOnTheirOwnKeys_AndDeleteOnlyTheirOwnRange()
    {
        var inbox = new TableCore<InboxItem, LifecycleStore.InboxKey, LifecycleStore.InboxCodec>(_runtime, new TableDescriptor("inbox", TableKind.User));
        var notes = Notes();
        string[] users = UserIds.Adversarial;
        for (int u = 0; u < users.Length; u++)
        {
            for (int i = 0; i < UserIds.RowsOf(u); i++)
            {
                inbox.Put(new InboxItem(users[u], i, "s"));
                notes.Put(new Note(users[u], i, "t"));
            }

            notes.Delete(new LifecycleStore.NotesKey(users[u], 0));
        }

        byte[] notesFeedPrefix = Encode((ref KeyWriter w) => w.WriteString("notes"));
        foreach (string user in users)
        {
            byte[] prefix = Encode((ref KeyWriter w) => w.WriteString(user));
            _engine.Clear();
            Assert.Equal(inbox.Scan(prefix, reverse: false, null).Count(), inbox.Count(prefix, null));
            Assert.Equal(notes.Scan(prefix, reverse: true, null).Count(), notes.Count(prefix, null));
            Assert.All(_engine.KeysSeen, key => Assert.True(key.AsSpan().StartsWith(prefix), $"user '{Escape(user)}' read {KeyDisplay.Render(key)}"));

            _engine.Clear();
            Assert.NotEmpty(notes.ReadChanges(prefix, 0, null).ToList());
            byte[] indexPrefix = [.. notesFeedPrefix, .. prefix];
            Assert.All(_engine.KeysSeen, key => Assert.True(key.AsSpan().StartsWith(indexPrefix), $"user '{Escape(user)}' read change {KeyDisplay.Render(key)}"));
        }

        foreach (string user in users)
        {
            byte[] prefix = Encode((ref KeyWriter w) => w.WriteString(user));
            byte[] upper = new byte[prefix.Length];
            Assert.True(KeyRange.TryGetPrefixUpperBound(prefix, upper, out int upperLength));
            _engine.Clear();

            inbox.DeletePrefix(prefix);
            notes.DeletePrefix(prefix);

            Assert.Equal(2, _engine.RangeDeletes.Count);
            Assert.All(_engine.RangeDeletes, range =>
            {
                Assert.Equal(prefix, range.Start);
                Assert.Equal(upper[..upperLength], range.End);
            });
            Assert.Empty(_engine.KeysSeen); // a range delete reads nothing
        }
    }

    [Fact]
    public void EvictExpired_PartitionedStream_ReadsOneKeyPerPartition_AndRangeDeletesEach()
    {
        var presence = new TableCore<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(
            _runtime,
            new TableDescriptor("presence", TableKind.Stream, ttlSeconds: 60),
            new GeneratedIdKeys<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>(),
            new KeyPrefixLengths<Presence, LifecycleStore.PresenceKey, LifecycleStore.PresenceCodec>());
        string[] users = ["u1", "u10", "u2"];
        foreach (string user in users)
        {
            for (int i = 0; i < 200; i++)
            {
                presence.Append(new Presence(user, 0, "on"));
            }
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        _engine.Clear();

        presence.EvictExpired();

        Assert.Equal(users.Length, _engine.KeysSeen.Count);
        Assert.Equal(users.Length, _engine.RangeDeletes.Count);
        Assert.Equal(0, presence.Count(default, null));
        _clock.Advance(TimeSpan.FromMinutes(-2));
        Assert.Equal(0, presence.Count(default, null)); // gone, not merely hidden
    }

    [Fact]
    public void EvictExpired_LeadingTimeOrderedKey_IsOneRangeDelete_WithoutReading()
    {
        var events = new TableCore<StreamEvent, LifecycleStore.EventsKey, LifecycleStore.EventsCodec>(
            _runtime,
            new TableDescriptor("events", TableKind.Stream, ttlSeconds: 60),
            new GeneratedIdKeys<StreamEvent, LifecycleStore.EventsKey, LifecycleStore.EventsCodec>());
        for (int i = 0; i < 100; i++)
        {
            events.Append(new StreamEvent(0, "e"));
        }

        _clock.Advance(TimeSpan.FromMinutes(2));
        _engine.Clear();

        events.EvictExpired();

        Assert.Equal(["DeleteRange"], _engine.Calls);
    }

    private TableCore<Draft, LifecycleStore.DraftsKey, LifecycleStore.DraftsCodec> Drafts()
        => new(_runtime, new TableDescriptor("drafts", TableKind.Shared, softDelete: true));

    private TableCore<Note, LifecycleStore.NotesKey, LifecycleStore.NotesCodec> Notes()
        => new(
            _runtime,
            new TableDescriptor("notes", TableKind.User, softDelete: true, changeFeed: true),
            userKeys: new UserKeys<Note, LifecycleStore.NotesKey, LifecycleStore.NotesCodec>());

    private static byte[] Encode(WriteParts write)
    {
        KeyWriter writer = new(stackalloc byte[64]);
        try
        {
            write(ref writer);
            return writer.WrittenSpan.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    private delegate void WriteParts(ref KeyWriter writer);
}
