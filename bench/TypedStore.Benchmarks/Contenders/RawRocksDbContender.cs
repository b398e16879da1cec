using RocksDbSharp;
using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;
using TypedStore.Keys;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// The baseline a user would write by hand: RocksDbSharp's span API on keys and values TypedStore encoded before
/// timing (so no encoding is measured), and the same decoding work as the typed layer when reading.
/// </summary>
internal sealed class RawRocksDbContender : Contender
{
    private readonly TempDirectory _directory = new("raw");
    private readonly WriteOptions _writeOptions;
    private readonly ReadOptions _readOptions = new();
    private readonly ReadOptions _boundedReadOptions = new();
    private readonly EventValueDecoder _eventDecoder = new();
    private readonly UserEventValueDecoder _userEventDecoder = new();
    private RocksDb _db;
    private ColumnFamilyHandle _events;
    private ColumnFamilyHandle _userEvents;

    public RawRocksDbContender(BenchDataSet data, bool wal)
        : base(data)
    {
        _writeOptions = BaselineRocksDb.WriteOptions(wal);
        (_db, _events, _userEvents) = OpenDatabase(_directory.Path);
    }

    public override void PutEvent(int index)
    {
        EventData events = Data.Events;
        _db.Put((ReadOnlySpan<byte>)events.Keys[index], events.Values[index], _events, _writeOptions);
    }

    public override long GetEvent(int index)
    {
        EventData events = Data.Events;
        _eventDecoder.Id = events.Rows[index].Id;
        Event row = _db.Get((ReadOnlySpan<byte>)events.Keys[index], _eventDecoder, _events, _readOptions)
            ?? throw new InvalidOperationException($"Event #{index} is missing.");
        Keep(row);
        return row.Sequence;
    }

    public override void PutEvents(int start, Event[] batch)
    {
        EventData events = Data.Events;
        using var writeBatch = new WriteBatch();
        for (int i = 0; i < batch.Length; i++)
        {
            writeBatch.Put((ReadOnlySpan<byte>)events.Keys[start + i], events.Values[start + i], _events);
        }

        _db.Write(writeBatch, _writeOptions);
    }

    public override long ScanAllEvents()
    {
        long sum = 0;
        using Iterator iterator = _db.NewIterator(_events, _readOptions);
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            var key = new KeyReader(iterator.GetKeySpan());
            string id = key.ReadString();
            Event row = _eventDecoder.Decode(id, iterator.GetValueSpan());
            Keep(row);
            sum += row.Sequence;
        }

        return sum;
    }

    public override long ScanFromKey(int index, int count)
    {
        long sum = 0;
        using Iterator iterator = _db.NewIterator(_events, _readOptions);
        int read = 0;
        for (iterator.Seek(Data.Events.Keys[index]); iterator.Valid() && read < count; iterator.Next(), read++)
        {
            var key = new KeyReader(iterator.GetKeySpan());
            string id = key.ReadString();
            Event row = _eventDecoder.Decode(id, iterator.GetValueSpan());
            Keep(row);
            sum += row.Sequence;
        }

        return sum;
    }

    public override unsafe long ScanUser(int user)
    {
        UserEventData userEvents = Data.UserEvents;
        byte[] prefix = userEvents.Prefixes[user];
        byte[] upperBound = userEvents.UpperBounds[user];

        // Bounded like TypedStore's ScanUser, so the iterator never reads another user's rows. The C API copies
        // the bounds into the read options, which are reused: nothing is allocated per scan.
        fixed (byte* lower = prefix)
        fixed (byte* upper = upperBound)
        {
            _boundedReadOptions.SetIterateLowerBound(lower, (ulong)prefix.Length).SetIterateUpperBound(upper, (ulong)upperBound.Length);
        }

        using Iterator iterator = _db.NewIterator(_userEvents, _boundedReadOptions);
        long count = 0;
        for (iterator.Seek(prefix); iterator.Valid(); iterator.Next())
        {
            var key = new KeyReader(iterator.GetKeySpan());
            string userId = key.ReadString();
            long sequence = key.ReadInt64();
            Keep(_userEventDecoder.Decode(userId, sequence, iterator.GetValueSpan()));
            count++;
        }

        return count;
    }

    protected override void PutUserEvents(int start, int count)
    {
        UserEventData userEvents = Data.UserEvents;
        using var writeBatch = new WriteBatch();
        for (int i = start; i < start + count; i++)
        {
            writeBatch.Put((ReadOnlySpan<byte>)userEvents.Keys[i], userEvents.Values[i], _userEvents);
        }

        _db.Write(writeBatch, _writeOptions);
    }

    protected override void Reopen()
    {
        _db.Dispose();
        (_db, _events, _userEvents) = OpenDatabase(_directory.Path);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _db.Dispose();
            _directory.Dispose();
        }
    }

    private static (RocksDb Db, ColumnFamilyHandle Events, ColumnFamilyHandle UserEvents) OpenDatabase(string path)
    {
        RocksDb db = BaselineRocksDb.Open(path);
        return (db, db.GetColumnFamily(BaselineRocksDb.EventsFamily), db.GetColumnFamily(BaselineRocksDb.UserEventsFamily));
    }
}
