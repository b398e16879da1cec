using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbSnapshotTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _a;
    private readonly StorageColumnFamily _b;

    public RocksDbSnapshotTests()
    {
        _engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a", "b"]);
        _a = _engine.GetColumnFamily("a");
        _b = _engine.GetColumnFamily("b");
    }

    public void Dispose()
    {
        _engine.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void Snapshot_PointReads_IgnoreLaterWritesInEveryColumnFamily()
    {
        _engine.Put(_a, [1], [10]);
        _engine.Put(_b, [1], [20]);
        using StorageSnapshot snapshot = _engine.CreateSnapshot();

        _engine.Put(_a, [1], [11, 11]);
        _engine.Delete(_b, [1]);
        _engine.Put(_a, [2], [12]);

        byte[] buffer = new byte[4];
        Assert.Equal(1, _engine.Get(_a, [1], buffer, snapshot));
        Assert.Equal(10, buffer[0]);
        Assert.True(_engine.Contains(_b, [1], snapshot));
        Assert.False(_engine.Contains(_a, [2], snapshot));

        Assert.Equal(2, _engine.Get(_a, [1], buffer));
        Assert.False(_engine.Contains(_b, [1]));
    }

    [Fact]
    public void Snapshot_Iterator_IgnoresLaterWrites()
    {
        _engine.Put(_a, [1], [1]);
        _engine.Put(_a, [3], [3]);
        using StorageSnapshot snapshot = _engine.CreateSnapshot();
        _engine.Put(_a, [2], [2]);
        _engine.DeleteRange(_a, [0], [0xFF]);

        using StorageIterator iterator = _engine.CreateIterator(_a, snapshot: snapshot);
        var keys = new List<byte>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            keys.Add(iterator.Key[0]);
        }

        Assert.Equal([1, 3], keys);
    }

    [Fact]
    public void Iterator_KeepsReadingItsSnapshot_AfterTheSnapshotIsDisposed()
    {
        _engine.Put(_a, [1], [1]);
        StorageSnapshot snapshot = _engine.CreateSnapshot();
        using StorageIterator iterator = _engine.CreateIterator(_a, snapshot: snapshot);
        snapshot.Dispose();
        _engine.Put(_a, [2], [2]);
        _engine.Maintenance().Flush();

        iterator.SeekToFirst();
        Assert.Equal(1, iterator.Key[0]);
        iterator.Next();
        Assert.False(iterator.IsValid);
        Assert.Throws<ObjectDisposedException>(() => _engine.Contains(_a, [1], snapshot));
    }

    [Fact]
    public void SnapshotOfAnotherEngine_IsRejected()
    {
        using var otherDirectory = new TempDirectory();
        using StorageEngine other = StorageEngines.OpenRocksDb(otherDirectory.Sub("store"), ["a"]);
        using StorageSnapshot foreign = other.CreateSnapshot();

        Assert.Throws<ArgumentException>(() => _engine.Get(_a, [1], new byte[1], foreign));
        Assert.Throws<ArgumentException>(() => _engine.CreateIterator(_a, snapshot: foreign));
    }
}
