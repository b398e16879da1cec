using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbIteratorTests : IDisposable
{
    private static readonly byte[][] Keys = [[], [0x00], [0x00, 0x00], [0x01], [0x01, 0xFF], [0x7F], [0xFF], [0xFF, 0x00], [0xFF, 0xFF]];

    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _data;

    public RocksDbIteratorTests()
    {
        _engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["data", "other"]);
        _data = _engine.GetColumnFamily("data");

        // Written in reverse so that the order the iterator reports is RocksDB's, not insertion order.
        for (int i = Keys.Length - 1; i >= 0; i--)
        {
            _engine.Put(_data, Keys[i], [(byte)i]);
        }

        _engine.Put(_engine.GetColumnFamily("other"), [0x50], [0xEE]);
    }

    public void Dispose()
    {
        _engine.Dispose();
        _directory.Dispose();
    }

    private static List<byte[]> Forward(StorageIterator iterator)
    {
        var keys = new List<byte[]>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            keys.Add(iterator.Key.ToArray());
        }

        return keys;
    }

    [Fact]
    public void NewIterator_IsUnpositioned()
    {
        using StorageIterator iterator = _engine.CreateIterator(_data);

        Assert.False(iterator.IsValid);
        Assert.Throws<InvalidOperationException>(() => iterator.Key.Length);
        Assert.Throws<InvalidOperationException>(() => iterator.Value.Length);
        Assert.Throws<InvalidOperationException>(iterator.Next);
        Assert.Throws<InvalidOperationException>(iterator.Previous);
    }

    [Fact]
    public void Forward_VisitsKeysInUnsignedByteOrder_WithValues()
    {
        using StorageIterator iterator = _engine.CreateIterator(_data);

        var seen = new List<(byte[] Key, byte Value)>();
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            seen.Add((iterator.Key.ToArray(), iterator.Value[0]));
        }

        // Keys was written down in memcmp order (shorter first on a common prefix), and value i belongs to Keys[i].
        Assert.Equal(Keys.Length, seen.Count);
        for (int i = 0; i < Keys.Length; i++)
        {
            Assert.Equal(Keys[i], seen[i].Key);
            Assert.Equal((byte)i, seen[i].Value);
        }

        Assert.False(iterator.IsValid);
        Assert.Throws<InvalidOperationException>(iterator.Next);
    }

    [Fact]
    public void KeyAndValue_FollowEveryKindOfMove_AndAreRefusedOnceTheIteratorRunsOff()
    {
        // The iterator captures the entry on each move: every move must replace it, and running off must clear it.
        using StorageIterator iterator = _engine.CreateIterator(_data);

        iterator.SeekToLast();
        Assert.Equal(Keys[^1], iterator.Key.ToArray());
        Assert.Equal((byte)(Keys.Length - 1), iterator.Value[0]);

        iterator.Previous();
        Assert.Equal(Keys[^2], iterator.Key.ToArray());
        Assert.Equal((byte)(Keys.Length - 2), iterator.Value[0]);

        iterator.Seek([0x01, 0x00]);
        Assert.Equal(Keys[4], iterator.Key.ToArray());
        Assert.Equal((byte)4, iterator.Value[0]);

        iterator.SeekForPrev([0x01, 0x00]);
        Assert.Equal(Keys[3], iterator.Key.ToArray());
        Assert.Equal((byte)3, iterator.Value[0]);

        iterator.SeekToLast();
        iterator.Next();
        Assert.False(iterator.IsValid);
        Assert.Throws<InvalidOperationException>(() => iterator.Key.Length);
        Assert.Throws<InvalidOperationException>(() => iterator.Value.Length);

        iterator.SeekToFirst();
        Assert.Equal(Keys[0], iterator.Key.ToArray());
        Assert.Equal((byte)0, iterator.Value[0]);
    }

    [Fact]
    public void Backward_VisitsKeysInReverseOrder()
    {
        using StorageIterator iterator = _engine.CreateIterator(_data);

        var keys = new List<byte[]>();
        for (iterator.SeekToLast(); iterator.IsValid; iterator.Previous())
        {
            keys.Add(iterator.Key.ToArray());
        }

        Assert.Equal(Keys.Reverse(), keys);
    }

    [Fact]
    public void Seek_LandsOnFirstKeyAtOrAfter_SeekForPrev_OnLastKeyAtOrBefore()
    {
        using StorageIterator iterator = _engine.CreateIterator(_data);

        iterator.Seek([0x01, 0x00]);
        Assert.Equal(new byte[] { 0x01, 0xFF }, iterator.Key.ToArray());

        iterator.Seek([0x7F]);
        Assert.Equal(new byte[] { 0x7F }, iterator.Key.ToArray());

        iterator.SeekForPrev([0x7E]);
        Assert.Equal(new byte[] { 0x01, 0xFF }, iterator.Key.ToArray());

        iterator.Seek([0xFF, 0xFF, 0x00]);
        Assert.False(iterator.IsValid);

        iterator.SeekForPrev([]);
        Assert.True(iterator.IsValid);
        Assert.Equal(0, iterator.Key.Length);
    }

    [Fact]
    public void Bounds_LimitToHalfOpenRange_InBothDirections()
    {
        using StorageIterator iterator = _engine.CreateIterator(_data, lowerBound: [0x00, 0x00], upperBound: [0x7F]);

        Assert.Equal(new[] { new byte[] { 0x00, 0x00 }, [0x01], [0x01, 0xFF] }, Forward(iterator));

        iterator.SeekToLast();
        Assert.Equal(new byte[] { 0x01, 0xFF }, iterator.Key.ToArray());

        iterator.Seek([0x00]);
        Assert.Equal(new byte[] { 0x00, 0x00 }, iterator.Key.ToArray());
        iterator.Previous();
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void EmptyBounds_MeanUnbounded()
    {
        using StorageIterator onlyUpper = _engine.CreateIterator(_data, lowerBound: default, upperBound: [0x01]);
        Assert.Equal(new[] { Array.Empty<byte>(), [0x00], [0x00, 0x00] }, Forward(onlyUpper));

        using StorageIterator onlyLower = _engine.CreateIterator(_data, lowerBound: [0xFF], upperBound: ReadOnlySpan<byte>.Empty);
        Assert.Equal(new[] { new byte[] { 0xFF }, [0xFF, 0x00], [0xFF, 0xFF] }, Forward(onlyLower));
    }

    [Fact]
    public void Bounds_AreCopied_SoTheCallersBufferMayChange()
    {
        byte[] lower = [0x01];
        byte[] upper = [0x7F];
        using StorageIterator iterator = _engine.CreateIterator(_data, lower, upper);
        lower[0] = 0x00;
        upper[0] = 0xFF;

        Assert.Equal(new[] { new byte[] { 0x01 }, [0x01, 0xFF] }, Forward(iterator));
    }

    [Fact]
    public void Iterator_SeesOnlyItsColumnFamily()
    {
        using StorageIterator iterator = _engine.CreateIterator(_engine.GetColumnFamily("other"));

        Assert.Equal(new[] { new byte[] { 0x50 } }, Forward(iterator));
    }

    [Fact]
    public void Iterator_ReadsAConsistentViewFromItsCreation()
    {
        using StorageIterator iterator = _engine.CreateIterator(_data);
        _engine.Put(_data, [0x02], [0x02]);
        _engine.Delete(_data, [0x7F]);

        List<byte[]> keys = Forward(iterator);

        Assert.Equal(Keys, keys);
    }

    [Fact]
    public void Iterator_SeesRangeDeletes()
    {
        _engine.DeleteRange(_data, [0x00], [0xFF]);
        using StorageIterator iterator = _engine.CreateIterator(_data);

        Assert.Equal(new[] { Array.Empty<byte>(), [0xFF], [0xFF, 0x00], [0xFF, 0xFF] }, Forward(iterator));
    }

    [Fact]
    public void Iterator_AfterFlush_StillReadsEverything()
    {
        _engine.Maintenance().Flush();
        using StorageIterator iterator = _engine.CreateIterator(_data);

        Assert.Equal(Keys, Forward(iterator));
    }
}
