using TypedStore.Benchmarks.Data;
using TypedStore.Benchmarks.Model;

namespace TypedStore.Benchmarks.Contenders;

/// <summary>The generated accessors of <see cref="BenchStore"/>, over RocksDB or the in-memory engine.</summary>
internal sealed class TypedStoreContender : Contender
{
    private readonly TempDirectory? _directory;
    private readonly StoreOptions _options;
    private BenchStore _store;

    private TypedStoreContender(BenchDataSet data, TempDirectory? directory, StoreOptions options)
        : base(data)
    {
        _directory = directory;
        _options = options;
        _store = directory is null ? BenchStore.OpenInMemory(options) : BenchStore.Open(directory.Path, options);
    }

    public static TypedStoreContender OpenRocksDb(BenchDataSet data, bool wal)
        => new(data, new TempDirectory("typed"), Options(wal));

    public static TypedStoreContender OpenInMemory(BenchDataSet data)
        => new(data, directory: null, Options(wal: false));

    public override void PutEvent(int index) => _store.Events.Put(Data.Events.Rows[index]);

    public override long GetEvent(int index)
    {
        Event row = _store.Events.Get(Data.Events.Rows[index].Id)
            ?? throw new InvalidOperationException($"Event #{index} is missing.");
        Keep(row);
        return row.Sequence;
    }

    public override void PutEvents(int start, Event[] batch) => _store.Events.PutMany(batch);

    public override long ScanAllEvents()
    {
        long sum = 0;
        foreach (Event row in _store.Events.ScanAll())
        {
            Keep(row);
            sum += row.Sequence;
        }

        return sum;
    }

    public override long ScanFromKey(int index, int count)
    {
        long sum = 0;
        int read = 0;
        foreach (Event row in _store.Events.Scan().From(Data.Events.Rows[index].Id))
        {
            Keep(row);
            sum += row.Sequence;
            if (++read == count)
            {
                break;
            }
        }

        return sum;
    }

    public override long ScanUser(int user)
    {
        long count = 0;
        foreach (UserEvent row in _store.UserEvents.ScanUser(Data.UserEvents.UserIds[user]))
        {
            Keep(row);
            count++;
        }

        return count;
    }

    protected override void PutUserEvents(int start, int count)
        => _store.UserEvents.PutMany(new ArraySegment<UserEvent>(Data.UserEvents.Rows, start, count));

    protected override void Reopen()
    {
        if (_directory is null)
        {
            return; // The memory engine has no files to read back; its data lives as long as the store.
        }

        _store.Dispose();
        _store = BenchStore.Open(_directory.Path, RocksDb, _options);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _store.Dispose();
            _directory?.Dispose();
        }
    }

    private static StoreOptions Options(bool wal) => new() { DisableWal = !wal };

    // Engine tuning is RocksDB's own: the same block cache as the raw RocksDbSharp baseline.
    private static RocksDbOptions RocksDb { get; } = new() { BlockCacheBytes = BenchSettings.BlockCacheBytes };
}
