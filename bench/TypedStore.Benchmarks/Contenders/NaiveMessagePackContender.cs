using System.Text;
using MessagePack;
using RocksDbSharp;
using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>
/// A typed layer as many would first write it: whole objects through <see cref="MessagePackSerializer"/>'s default
/// resolver, UTF-8 string keys, RocksDbSharp's byte-array API. Same RocksDB options as every other contender.
/// </summary>
internal sealed class NaiveMessagePackContender : Contender
{
    private readonly TempDirectory _directory = new("naive");
    private readonly WriteOptions _writeOptions;
    private readonly ReadOptions _readOptions = new();
    private RocksDb _db;
    private ColumnFamilyHandle _events;
    private ColumnFamilyHandle _userEvents;

    public NaiveMessagePackContender(BenchDataSet data, bool wal)
        : base(data)
    {
        _writeOptions = BaselineRocksDb.WriteOptions(wal);
        (_db, _events, _userEvents) = OpenDatabase(_directory.Path);
    }

    public override void PutEvent(int index)
    {
        NaiveEvent row = Data.Events.NaiveRows[index];
        _db.Put(Encoding.UTF8.GetBytes(row.Id), MessagePackSerializer.Serialize(row), _events, _writeOptions);
    }

    public override long GetEvent(int index)
    {
        byte[] value = _db.Get(Encoding.UTF8.GetBytes(Data.Events.NaiveRows[index].Id), _events, _readOptions)
            ?? throw new InvalidOperationException($"Event #{index} is missing.");
        NaiveEvent row = MessagePackSerializer.Deserialize<NaiveEvent>(value);
        Keep(row);
        return row.Sequence;
    }

    public override void PutEvents(int start, Event[] batch)
    {
        NaiveEvent[] rows = Data.Events.NaiveRows;
        using var writeBatch = new WriteBatch();
        for (int i = start; i < start + batch.Length; i++)
        {
            writeBatch.Put(Encoding.UTF8.GetBytes(rows[i].Id), MessagePackSerializer.Serialize(rows[i]), _events);
        }

        _db.Write(writeBatch, _writeOptions);
    }

    public override long ScanAllEvents()
    {
        long sum = 0;
        using Iterator iterator = _db.NewIterator(_events, _readOptions);
        for (iterator.SeekToFirst(); iterator.Valid(); iterator.Next())
        {
            NaiveEvent row = MessagePackSerializer.Deserialize<NaiveEvent>(iterator.Value());
            Keep(row);
            sum += row.Sequence;
        }

        return sum;
    }

    public override long ScanUser(int user)
    {
        byte[] prefix = Encoding.UTF8.GetBytes(UserPrefix(Data.UserEvents.UserIds[user]));
        using Iterator iterator = _db.NewIterator(_userEvents, _readOptions);
        long count = 0;
        for (iterator.Seek(prefix); iterator.Valid() && iterator.Key().AsSpan().StartsWith(prefix); iterator.Next())
        {
            Keep(MessagePackSerializer.Deserialize<NaiveUserEvent>(iterator.Value()));
            count++;
        }

        return count;
    }

    protected override void PutUserEvents(int start, int count)
    {
        NaiveUserEvent[] rows = Data.UserEvents.NaiveRows;
        using var writeBatch = new WriteBatch();
        for (int i = start; i < start + count; i++)
        {
            // Zero-padded so that the string keys sort like (user, sequence); the separator keeps "u1" apart from "u10".
            string key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{UserPrefix(rows[i].UserId)}{rows[i].Sequence:D19}");
            writeBatch.Put(Encoding.UTF8.GetBytes(key), MessagePackSerializer.Serialize(rows[i]), _userEvents);
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

    private static string UserPrefix(string userId) => userId + "/";

    private static (RocksDb Db, ColumnFamilyHandle Events, ColumnFamilyHandle UserEvents) OpenDatabase(string path)
    {
        RocksDb db = BaselineRocksDb.Open(path);
        return (db, db.GetColumnFamily(BaselineRocksDb.EventsFamily), db.GetColumnFamily(BaselineRocksDb.UserEventsFamily));
    }
}
