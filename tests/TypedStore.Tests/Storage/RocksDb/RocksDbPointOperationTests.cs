using System.Text;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbPointOperationTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly StorageEngine _engine;
    private readonly StorageColumnFamily _users;
    private readonly StorageColumnFamily _rooms;

    public RocksDbPointOperationTests()
    {
        _engine = StorageEngines.OpenRocksDb(_directory.Sub("store"), ["users", "rooms"]);
        _users = _engine.GetColumnFamily("users");
        _rooms = _engine.GetColumnFamily("rooms");
    }

    public void Dispose()
    {
        _engine.Dispose();
        _directory.Dispose();
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[]? Read(StorageEngine engine, StorageColumnFamily columnFamily, ReadOnlySpan<byte> key)
    {
        byte[] buffer = new byte[16];
        int length = engine.Get(columnFamily, key, buffer);
        if (length < 0)
        {
            return null;
        }

        if (length > buffer.Length)
        {
            buffer = new byte[length];
            Assert.Equal(length, engine.Get(columnFamily, key, buffer));
        }

        return buffer[..length];
    }

    [Fact]
    public void Get_AbsentKey_ReturnsMinusOne()
    {
        Assert.Equal(-1, _engine.Get(_users, Utf8("nobody"), new byte[8]));
        Assert.False(_engine.Contains(_users, Utf8("nobody")));
    }

    [Fact]
    public void Put_SameKeyInTwoColumnFamilies_KeepsThemApart()
    {
        _engine.Put(_users, Utf8("k"), Utf8("user value"));
        _engine.Put(_rooms, Utf8("k"), Utf8("room value"));

        Assert.Equal(Utf8("user value"), Read(_engine, _users, Utf8("k")));
        Assert.Equal(Utf8("room value"), Read(_engine, _rooms, Utf8("k")));
    }

    [Fact]
    public void Put_ExistingKey_ReplacesValue()
    {
        _engine.Put(_users, Utf8("k"), Utf8("first"));
        _engine.Put(_users, Utf8("k"), Utf8("second, longer"));

        Assert.Equal(Utf8("second, longer"), Read(_engine, _users, Utf8("k")));
    }

    [Fact]
    public void Get_BufferTooShort_ReportsFullLengthAndRetrySucceeds()
    {
        byte[] value = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        _engine.Put(_users, Utf8("k"), value);

        byte[] small = new byte[10];
        Assert.Equal(100, _engine.Get(_users, Utf8("k"), small));

        byte[] exact = new byte[100];
        Assert.Equal(100, _engine.Get(_users, Utf8("k"), exact));
        Assert.Equal(value, exact);
    }

    [Fact]
    public void Get_EmptyDestination_StillReportsLength()
    {
        _engine.Put(_users, Utf8("k"), Utf8("12345"));

        Assert.Equal(5, _engine.Get(_users, Utf8("k"), Span<byte>.Empty));
    }

    [Fact]
    public void EmptyValue_IsStoredAndDistinctFromAbsent()
    {
        _engine.Put(_users, Utf8("empty"), ReadOnlySpan<byte>.Empty);

        Assert.Equal(0, _engine.Get(_users, Utf8("empty"), new byte[4]));
        Assert.True(_engine.Contains(_users, Utf8("empty")));
    }

    [Fact]
    public void EmptyKey_IsAValidKey()
    {
        _engine.Put(_users, ReadOnlySpan<byte>.Empty, Utf8("value of the empty key"));
        _engine.Put(_users, [0x00], Utf8("value of 00"));

        Assert.Equal(Utf8("value of the empty key"), Read(_engine, _users, ReadOnlySpan<byte>.Empty));
        Assert.Equal(Utf8("value of 00"), Read(_engine, _users, [0x00]));

        _engine.Delete(_users, ReadOnlySpan<byte>.Empty);
        Assert.False(_engine.Contains(_users, ReadOnlySpan<byte>.Empty));
        Assert.True(_engine.Contains(_users, [0x00]));
    }

    [Fact]
    public void KeysWithZeroAndFfBytes_AreExact()
    {
        byte[][] keys = [[0x00], [0x00, 0x00], [0xFF], [0xFF, 0xFF], [0x61, 0x00, 0x62], [0x61]];
        for (int i = 0; i < keys.Length; i++)
        {
            _engine.Put(_users, keys[i], [(byte)i]);
        }

        for (int i = 0; i < keys.Length; i++)
        {
            Assert.Equal(new[] { (byte)i }, Read(_engine, _users, keys[i]));
        }

        Assert.False(_engine.Contains(_users, [0x61, 0x00]));
    }

    [Fact]
    public void LargeValue_RoundTrips()
    {
        byte[] value = new byte[1 << 20];
        new Random(42).NextBytes(value);
        _engine.Put(_users, Utf8("big"), value);

        byte[] buffer = new byte[value.Length];
        Assert.Equal(value.Length, _engine.Get(_users, Utf8("big"), buffer));
        Assert.Equal(value, buffer);
    }

    [Fact]
    public void Delete_RemovesKey_AndAbsentKeyIsNoError()
    {
        _engine.Put(_users, Utf8("k"), Utf8("v"));

        _engine.Delete(_users, Utf8("k"));
        _engine.Delete(_users, Utf8("never written"));

        Assert.False(_engine.Contains(_users, Utf8("k")));
    }

    [Fact]
    public void DeleteRange_RemovesHalfOpenRangeOnly()
    {
        for (byte i = 0; i < 10; i++)
        {
            _engine.Put(_users, [i], [i]);
            _engine.Put(_rooms, [i], [i]);
        }

        _engine.DeleteRange(_users, [3], [7]);

        for (byte i = 0; i < 10; i++)
        {
            bool deleted = i >= 3 && i < 7;
            Assert.Equal(!deleted, _engine.Contains(_users, [i]));
            Assert.True(_engine.Contains(_rooms, [i]));
        }
    }

    [Fact]
    public void DeleteRange_EmptyRange_RemovesNothing()
    {
        _engine.Put(_users, [5], [5]);

        _engine.DeleteRange(_users, [5], [5]);
        _engine.DeleteRange(_users, [], []);

        Assert.True(_engine.Contains(_users, [5]));
    }

    [Fact]
    public void DeleteRange_ReversedRange_IsRejected_AndTheStoreStaysWritable()
    {
        // RocksDB itself would fail this write only after logging it, and then refuse every later write.
        _engine.Put(_users, [5], [5]);

        var exception = Assert.Throws<ArgumentException>(() => _engine.DeleteRange(_users, [7], [3]));
        Assert.Contains("users", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => _engine.DeleteRange(_users, [0x01], []));

        _engine.Put(_users, [6], [6]);
        Assert.True(_engine.Contains(_users, [5]));
        Assert.True(_engine.Contains(_users, [6]));
    }

    [Fact]
    public void SyncedDurability_WritesAndDeletes()
    {
        _engine.Put(_users, Utf8("k"), Utf8("v"), WriteDurability.Synced);
        Assert.True(_engine.Contains(_users, Utf8("k")));

        _engine.Delete(_users, Utf8("k"), WriteDurability.Synced);
        Assert.False(_engine.Contains(_users, Utf8("k")));
    }

    [Fact]
    public void UnknownDurability_IsRejectedBeforeWriting()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _engine.Put(_users, Utf8("k"), Utf8("v"), (WriteDurability)7));
        Assert.False(_engine.Contains(_users, Utf8("k")));
    }

    [Fact]
    public void ColumnFamilyOfAnotherEngine_IsRejected()
    {
        using var otherDirectory = new TempDirectory();
        using StorageEngine other = StorageEngines.OpenRocksDb(otherDirectory.Sub("store"), ["users"]);
        StorageColumnFamily foreign = other.GetColumnFamily("users");

        Assert.Throws<ArgumentException>(() => _engine.Put(foreign, Utf8("k"), Utf8("v")));
        Assert.Throws<ArgumentException>(() => _engine.Get(foreign, Utf8("k"), new byte[1]));
        Assert.Throws<ArgumentNullException>(() => _engine.Get(null!, Utf8("k"), new byte[1]));
        Assert.False(other.Contains(foreign, Utf8("k")));
    }
}
