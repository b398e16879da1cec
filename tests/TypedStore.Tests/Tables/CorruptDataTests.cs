using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.EndToEnd;
using TypedStore.Values;

namespace TypedStore.Tests.Tables;

/// <summary>Bytes the table layer did not write: a clear exception naming table and key, and the store stays usable.</summary>
public class CorruptDataTests : IDisposable
{
    private readonly StoreRuntime _runtime;
    private readonly TableCore<User, ChatStore.UsersKey, ChatStore.UsersCodec> _users;
    private readonly StorageEngine _engine;

    public CorruptDataTests()
    {
        _engine = StorageEngines.CreateInMemory(["users"]);
        _runtime = StoreRuntime.Create("ChatStore", _engine);
        _users = new TableCore<User, ChatStore.UsersKey, ChatStore.UsersCodec>(_runtime, new TableDescriptor("users", TableKind.Shared));
    }

    public void Dispose()
    {
        _runtime.Dispose();
        GC.SuppressFinalize(this);
    }

    public static TheoryData<byte[]> CorruptValues => new()
    {
        Array.Empty<byte>(),
        new byte[] { 1, 0, 0 },                                          // header cut short
        new byte[] { 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x92, 0xA1, 0x41, 0xA1, 0x42 }, // unknown format version
        new byte[] { 1, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x92, 0xA1, 0x41, 0xA1, 0x42 }, // unknown flag
        new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x92, 0xA1, 0x41 },     // array promises two members, has one
        new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x92, 0x01, 0x02 },     // integers where strings belong
        new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x91, 0xA1, 0x41, 0xC0 }, // trailing bytes after the array
    };

    [Theory]
    [MemberData(nameof(CorruptValues))]
    public void Get_OfCorruptValue_ThrowsCorruptDataException_NamingTableAndKey(byte[] value)
    {
        PutRaw("u1", value);

        CorruptDataException error = Assert.Throws<CorruptDataException>(() => _users.TryGet(new ChatStore.UsersKey("u1"), null, out _));

        Assert.Equal("users", error.Table);
        Assert.Contains("u1", error.Key, StringComparison.Ordinal);
        Assert.Contains("users", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scan_OverCorruptValue_Throws_AndTheStoreStaysUsable()
    {
        _users.Put(new User("u0", "fine", "f@x"));
        PutRaw("u1", [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xC1]);

        Assert.Throws<CorruptDataException>(() => _users.Scan(default, false, null).ToList());

        _users.Put(new User("u1", "repaired", "r@x"));
        Assert.Equal(["fine", "repaired"], _users.Scan(default, false, null).Select(u => u.Name));
    }

    [Fact]
    public void Scan_OverCorruptKey_ThrowsCorruptDataException()
    {
        // An unterminated string part: no 00 01 terminator.
        _engine.Put(_engine.GetColumnFamily("users"), "u9"u8, ValueOf(new User("u9", "n", "e")));

        CorruptDataException error = Assert.Throws<CorruptDataException>(() => _users.Scan(default, false, null).ToList());
        Assert.Equal("users", error.Table);
    }

    private void PutRaw(string userId, byte[] value)
    {
        KeyWriter key = new(stackalloc byte[64]);
        key.WriteString(userId);
        _engine.Put(_engine.GetColumnFamily("users"), key.WrittenSpan, value);
        key.Dispose();
    }

    private byte[] ValueOf(User user)
    {
        // Write a valid value through the table, then read its bytes back raw.
        _users.Put(user);
        KeyWriter key = new(stackalloc byte[64]);
        key.WriteString(user.UserId);
        byte[] buffer = new byte[256];
        int length = _engine.Get(_engine.GetColumnFamily("users"), key.WrittenSpan, buffer);
        _engine.Delete(_engine.GetColumnFamily("users"), key.WrittenSpan);
        key.Dispose();
        return buffer.AsSpan(0, length).ToArray();
    }
}
