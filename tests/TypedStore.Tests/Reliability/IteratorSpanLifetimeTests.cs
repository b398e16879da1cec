using TypedStore.Storage;
using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// The window every scan has: between reading an iterator's key or value and decoding it, another thread may
/// dispose the store. Here the dispose is put exactly into that window, deterministically. Before the fix the
/// value span pointed into the memtable, which the close unmapped, and reading it killed the test host with an
/// AccessViolationException.
/// </summary>
public sealed class IteratorSpanLifetimeTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void SpansReadBeforeTheEngineIsDisposed_StayReadable_AndTheNextCallThrowsObjectDisposed()
    {
        StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        StorageColumnFamily family = engine.GetColumnFamily("a");

        // Large enough for the memtable to hold it in a block of its own, which the close gives back to the OS.
        byte[] large = new byte[8 << 20];
        new Random(7).NextBytes(large);
        engine.Put(family, [1, 2, 3], large);

        StorageIterator iterator = engine.CreateIterator(family);
        iterator.SeekToFirst();
        ReadOnlySpan<byte> key = iterator.Key;
        ReadOnlySpan<byte> value = iterator.Value;

        engine.Dispose(); // what another thread's store.Dispose() does between the read and the decode

        Assert.True(key.SequenceEqual(new byte[] { 1, 2, 3 }));
        Assert.True(value.SequenceEqual(large));
        Assert.Throws<ObjectDisposedException>(() => iterator.Next());
        Assert.Throws<ObjectDisposedException>(() => _ = iterator.Value.Length);
        iterator.Dispose();
    }

    [Fact]
    public void SpansOfEachPosition_HoldThatPositionsBytes()
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["a"]);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        for (int i = 0; i < 64; i++)
        {
            // Lengths grow and shrink, so the iterator's buffers are both reused and replaced.
            engine.Put(family, [(byte)i], Enumerable.Repeat((byte)i, (i * 37) % 3000).ToArray());
        }

        using StorageIterator iterator = engine.CreateIterator(family);
        int seen = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            byte id = iterator.Key[0];
            Assert.Equal(seen, id);
            Assert.Equal((id * 37) % 3000, iterator.Value.Length);
            Assert.True(iterator.Value.IndexOfAnyExcept(id) < 0);
            Assert.Equal(id, iterator.Key[0]); // reading again at the same position gives the same bytes
            seen++;
        }

        Assert.Equal(64, seen);
    }
}
