using System.Text;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbWriteBatchTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _a;
    private readonly StorageColumnFamily _b;

    public RocksDbWriteBatchTests()
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

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Batch_NothingVisibleUntilWrite_ThenEverythingAcrossColumnFamilies()
    {
        _engine.Put(_a, Utf8("to delete"), Utf8("x"));
        for (byte i = 0; i < 5; i++)
        {
            _engine.Put(_b, [i], [i]);
        }

        using StorageWriteBatch batch = _engine.CreateWriteBatch();
        batch.Put(_a, Utf8("new"), Utf8("1"));
        batch.Delete(_a, Utf8("to delete"));
        batch.DeleteRange(_b, [1], [4]);
        batch.Put(_b, [2], Utf8("re-added after the range delete"));

        Assert.Equal(4, batch.Count);
        Assert.False(_engine.Contains(_a, Utf8("new")));
        Assert.True(_engine.Contains(_a, Utf8("to delete")));
        Assert.True(_engine.Contains(_b, [1]));

        _engine.Write(batch);

        Assert.True(_engine.Contains(_a, Utf8("new")));
        Assert.False(_engine.Contains(_a, Utf8("to delete")));
        Assert.True(_engine.Contains(_b, [0]));
        Assert.False(_engine.Contains(_b, [1]));
        Assert.Equal(Utf8("re-added after the range delete").Length, _engine.Get(_b, [2], new byte[64]));
        Assert.False(_engine.Contains(_b, [3]));
        Assert.True(_engine.Contains(_b, [4]));
    }

    [Fact]
    public void Batch_OperationsApplyInOrder()
    {
        using StorageWriteBatch batch = _engine.CreateWriteBatch();
        batch.Put(_a, Utf8("k"), Utf8("first"));
        batch.Delete(_a, Utf8("k"));
        batch.Put(_a, Utf8("j"), Utf8("first"));
        batch.Put(_a, Utf8("j"), Utf8("second"));

        _engine.Write(batch, WriteDurability.Synced);

        Assert.False(_engine.Contains(_a, Utf8("k")));
        byte[] buffer = new byte[16];
        int length = _engine.Get(_a, Utf8("j"), buffer);
        Assert.Equal(Utf8("second"), buffer[..length]);
    }

    [Fact]
    public void Clear_ForgetsOperations_AndBatchIsReusable()
    {
        using StorageWriteBatch batch = _engine.CreateWriteBatch();
        batch.Put(_a, Utf8("forgotten"), Utf8("v"));
        batch.Clear();
        Assert.Equal(0, batch.Count);

        batch.Put(_a, Utf8("kept"), Utf8("v"));
        _engine.Write(batch);

        Assert.False(_engine.Contains(_a, Utf8("forgotten")));
        Assert.True(_engine.Contains(_a, Utf8("kept")));
    }

    [Fact]
    public void ReversedRange_IsRejectedWhenRecorded_AndTheRestOfTheBatchStillApplies()
    {
        using StorageWriteBatch batch = _engine.CreateWriteBatch();
        batch.Put(_a, [1], [1]);

        Assert.Throws<ArgumentException>(() => batch.DeleteRange(_a, [9], [2]));
        Assert.Equal(1, batch.Count);

        _engine.Write(batch);
        _engine.Put(_a, [2], [2]);
        Assert.True(_engine.Contains(_a, [1]));
        Assert.True(_engine.Contains(_a, [2]));
    }

    [Fact]
    public void EmptyKeyAndEmptyValue_InBatch()
    {
        using StorageWriteBatch batch = _engine.CreateWriteBatch();
        batch.Put(_a, ReadOnlySpan<byte>.Empty, ReadOnlySpan<byte>.Empty);
        _engine.Write(batch);

        Assert.Equal(0, _engine.Get(_a, ReadOnlySpan<byte>.Empty, new byte[1]));
    }

    [Fact]
    public void BatchOfAnotherEngine_IsRejected()
    {
        using var otherDirectory = new TempDirectory();
        using StorageEngine other = StorageEngines.OpenRocksDb(otherDirectory.Sub("store"), ["a"]);
        using StorageWriteBatch foreignBatch = other.CreateWriteBatch();
        using StorageWriteBatch batch = _engine.CreateWriteBatch();

        Assert.Throws<ArgumentException>(() => _engine.Write(foreignBatch));
        Assert.Throws<ArgumentException>(() => batch.Put(other.GetColumnFamily("a"), Utf8("k"), Utf8("v")));
        Assert.Equal(0, batch.Count);
    }
}
