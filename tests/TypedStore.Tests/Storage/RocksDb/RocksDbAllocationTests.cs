using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>The hot paths pin caller spans and reuse options created at open: they allocate nothing on the managed heap.</summary>
public sealed class RocksDbAllocationTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _family;

    public RocksDbAllocationTests()
    {
        _engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        _family = _engine.GetColumnFamily("a");
    }

    public void Dispose()
    {
        _engine.Dispose();
        _directory.Dispose();
    }

    private static long AllocatedBy(Action run)
    {
        run(); // Warm up: JIT, tiering and first-use statics must not count.
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    [Fact]
    public void PutGetContainsDelete_AllocateNothing()
    {
        byte[] key = new byte[16];
        byte[] value = new byte[100];
        byte[] buffer = new byte[128];

        long allocated = AllocatedBy(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                BitConverter.TryWriteBytes(key, i);
                _engine.Put(_family, key, value);
                _engine.Get(_family, key, buffer);
                _engine.Contains(_family, key);
                _engine.Put(_family, key, value, WriteDurability.Default);
                _engine.Delete(_family, key);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void IteratorMovesAndReads_AllocateNothing()
    {
        for (int i = 0; i < 100; i++)
        {
            _engine.Put(_family, BitConverter.GetBytes(i), [1, 2, 3]);
        }

        using StorageIterator iterator = _engine.CreateIterator(_family);
        long total = 0;
        long allocated = AllocatedBy(() =>
        {
            total = 0;
            for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
            {
                total += iterator.Key.Length + iterator.Value.Length;
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal(100 * (4 + 3), total);
    }

    [Fact]
    public void BatchRecordsAndWrite_AllocateNothing()
    {
        using StorageWriteBatch batch = _engine.CreateWriteBatch();
        byte[] key = new byte[8];
        byte[] value = new byte[50];

        long allocated = AllocatedBy(() =>
        {
            for (int i = 0; i < 500; i++)
            {
                BitConverter.TryWriteBytes(key, i);
                batch.Put(_family, key, value);
            }

            batch.DeleteRange(_family, [0], [1]);
            _engine.Write(batch);
            batch.Clear();
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void TryGet_GetMany_AndTheirAsyncForms_AllocateNothing()
    {
        byte[] keys = new byte[16 * 4];
        int[] keyLengths = [4, 4, 4, 4];
        int[] valueLengths = new int[4];
        for (int i = 0; i < 4; i++)
        {
            BitConverter.TryWriteBytes(keys.AsSpan(i * 4), i);
            _engine.Put(_family, keys.AsSpan(i * 4, 4), new byte[100 + i]);
        }

        using var buffer = new ValueBuffer();
        long allocated = AllocatedBy(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                buffer.Clear();
                _engine.TryGet(_family, keys.AsSpan(0, 4), buffer);
                buffer.Clear();
                _engine.GetMany(_family, keys.AsSpan(0, 16), keyLengths, buffer, valueLengths);
                buffer.Clear();
                _ = _engine.TryGetAsync(_family, keys.AsMemory(4, 4), buffer).Result;
                buffer.Clear();
                _engine.GetManyAsync(_family, keys.AsMemory(0, 16), keyLengths, buffer, valueLengths).GetAwaiter().GetResult();
            }
        });

        Assert.Equal(0, allocated);
        Assert.Equal([100, 101, 102, 103], valueLengths);
    }
}
