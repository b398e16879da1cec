using TypedStore.Storage;
using TypedStore.Tables;

namespace TypedStore.Tests.Lifecycle.StreamIds;

/// <summary>
/// What the id reservation writes, and when: a synced catalog write before the first id beyond the reservation
/// leaves (so a crash cannot lose the mark of an id a row has), and nothing extra for appends inside it.
/// </summary>
public sealed class StreamIdReservationWriteTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TableDescriptor[] s_tables = [new("events", TableKind.Stream, ttlSeconds: 60)];

    private readonly ManualTimeProvider _clock = new(T0);
    private readonly WriteLog _engine = new(StorageEngines.CreateInMemory(StoreRuntime.GetColumnFamilyNames(s_tables)));
    private readonly StoreRuntime _runtime;
    private readonly TableCore<StreamEvent, LifecycleStore.EventsKey, LifecycleStore.EventsCodec> _events;

    public StreamIdReservationWriteTests()
    {
        _runtime = StoreRuntime.Create("LifecycleStore", _engine, s_tables, new StoreOptions { TimeProvider = _clock });
        _events = new(_runtime, s_tables[0], new GeneratedIdKeys<StreamEvent, LifecycleStore.EventsKey, LifecycleStore.EventsCodec>());
    }

    public void Dispose() => _runtime.Dispose();

    [Fact]
    public void TheReservation_IsWrittenSynced_BeforeTheRowWithTheFirstIdBeyondIt_AndNotForAppendsWithinIt()
    {
        _events.Append(new StreamEvent(0, "first"));
        Assert.Equal("events", _engine.Writes[^1]);
        Assert.Contains("__sequences (synced)", _engine.Writes);

        _engine.Writes.Clear();
        for (int i = 0; i < 50; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(10)); // 500 ms: still inside the reserved second
            _events.Append(new StreamEvent(0, "inside"));
        }

        Assert.All(_engine.Writes, write => Assert.Equal("events", write));

        _engine.Writes.Clear();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _events.Append(new StreamEvent(0, "beyond"));
        Assert.Equal(["__sequences (synced)", "events"], _engine.Writes);
    }

    // Records the column family (and whether synced) of every Put.
    private sealed class WriteLog(StorageEngine inner) : Storage.ForwardingStorageEngine(inner)
    {
        public List<string> Writes { get; } = [];

        public override void Put(StorageColumnFamily columnFamily, ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, WriteDurability durability = WriteDurability.Default)
        {
            Writes.Add(durability == WriteDurability.Synced ? $"{columnFamily.Name} (synced)" : columnFamily.Name);
            base.Put(columnFamily, key, value, durability);
        }

        public override void Write(StorageWriteBatch batch, WriteDurability durability = WriteDurability.Default)
        {
            Writes.Add(durability == WriteDurability.Synced ? "batch (synced)" : "batch");
            base.Write(batch, durability);
        }
    }
}
