using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;
using TypedStore.Keys;
using TypedStore.Storage;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// TypedStore's own RocksDB core (<see cref="StorageEngine"/>) driven directly with the raw baseline's pre-encoded
/// bytes and hand-written decoding. Not a contender a user would pick: it splits the typed layer's cost in two,
/// the binding (this row against <see cref="ContenderKind.RawRocksDbSharp"/>) and the generated codec and table
/// runtime (<see cref="ContenderKind.TypedStoreRocksDb"/> against this row).
/// </summary>
internal sealed class TypedStoreCoreContender : Contender
{
    private readonly TempDirectory _directory = new("core");
    private readonly StoreOptions _options;
    private readonly UserEventValueDecoder _userEventDecoder = new();
    private readonly EventValueDecoder _eventDecoder = new();
    private byte[] _valueBuffer = new byte[512];
    private StorageEngine _engine;
    private StorageColumnFamily _events;
    private StorageColumnFamily _userEvents;

    public TypedStoreCoreContender(BenchDataSet data, bool wal)
        : base(data)
    {
        _options = new StoreOptions { DisableWal = !wal };
        (_engine, _events, _userEvents) = OpenEngine(_directory.Path, _options);
    }

    public override void PutEvent(int index)
    {
        EventData events = Data.Events;
        _engine.Put(_events, events.Keys[index], events.Values[index]);
    }

    public override long GetEvent(int index)
    {
        EventData events = Data.Events;
        byte[] key = events.Keys[index];
        int length = _engine.Get(_events, key, _valueBuffer);
        if (length > _valueBuffer.Length)
        {
            _valueBuffer = new byte[length];
            length = _engine.Get(_events, key, _valueBuffer);
        }

        if (length < 0)
        {
            throw new InvalidOperationException($"Event #{index} is missing.");
        }

        Event row = EventValueDecoder.Decode(events.Rows[index].Id, _valueBuffer.AsMemory(0, length));
        Keep(row);
        return row.Sequence;
    }

    public override void PutEvents(int start, Event[] batch)
    {
        EventData events = Data.Events;
        using StorageWriteBatch writeBatch = _engine.CreateWriteBatch();
        for (int i = start; i < start + batch.Length; i++)
        {
            writeBatch.Put(_events, events.Keys[i], events.Values[i]);
        }

        _engine.Write(writeBatch);
    }

    public override long ScanAllEvents()
    {
        long sum = 0;
        using StorageIterator iterator = _engine.CreateIterator(_events);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            var key = new KeyReader(iterator.Key);
            string id = key.ReadString();
            Event row = _eventDecoder.Decode(id, iterator.Value);
            Keep(row);
            sum += row.Sequence;
        }

        return sum;
    }

    public override long ScanFromKey(int index, int count)
    {
        long sum = 0;
        using StorageIterator iterator = _engine.CreateIterator(_events, Data.Events.Keys[index]);
        int read = 0;
        for (iterator.SeekToFirst(); iterator.IsValid && read < count; iterator.Next(), read++)
        {
            var key = new KeyReader(iterator.Key);
            string id = key.ReadString();
            Event row = _eventDecoder.Decode(id, iterator.Value);
            Keep(row);
            sum += row.Sequence;
        }

        return sum;
    }

    public override long ScanUser(int user)
    {
        UserEventData userEvents = Data.UserEvents;
        using StorageIterator iterator = _engine.CreateIterator(_userEvents, userEvents.Prefixes[user], userEvents.UpperBounds[user]);
        long count = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            var key = new KeyReader(iterator.Key);
            string userId = key.ReadString();
            long sequence = key.ReadInt64();
            Keep(_userEventDecoder.Decode(userId, sequence, iterator.Value));
            count++;
        }

        return count;
    }

    protected override void PutUserEvents(int start, int count)
    {
        UserEventData userEvents = Data.UserEvents;
        using StorageWriteBatch writeBatch = _engine.CreateWriteBatch();
        for (int i = start; i < start + count; i++)
        {
            writeBatch.Put(_userEvents, userEvents.Keys[i], userEvents.Values[i]);
        }

        _engine.Write(writeBatch);
    }

    protected override void Reopen()
    {
        _engine.Dispose();
        (_engine, _events, _userEvents) = OpenEngine(_directory.Path, _options);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _engine.Dispose();
            _directory.Dispose();
        }
    }

    private static (StorageEngine Engine, StorageColumnFamily Events, StorageColumnFamily UserEvents) OpenEngine(string path, StoreOptions options)
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(
            path, [BaselineRocksDb.EventsFamily, BaselineRocksDb.UserEventsFamily], options, new RocksDbOptions { BlockCacheBytes = BenchSettings.BlockCacheBytes });
        return (engine, engine.GetColumnFamily(BaselineRocksDb.EventsFamily), engine.GetColumnFamily(BaselineRocksDb.UserEventsFamily));
    }
}
