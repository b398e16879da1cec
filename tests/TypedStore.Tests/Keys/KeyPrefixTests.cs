using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// Design §4's prefix rule: the encoded "u1" part is never a byte prefix of a key whose first part
/// is another string, so a prefix scan for user "u1" cannot see user "u10", "u1\0x" or "u1:x".
/// </summary>
public class KeyPrefixTests
{
    public static TheoryData<string, bool> OtherUsers => new()
    {
        { "u10", false }, { "u1\0x", false }, { "u1:x", false }, { "u1\0", false }, { "u1\uFFFF", false },
        { "u10", true }, { "u1\0x", true }, { "u1:x", true }, { "u1\0", true }, { "u1\uFFFF", true },
    };

    [Theory]
    [MemberData(nameof(OtherUsers))]
    public void OtherString_DoesNotStartWithTheEncodedPart(string other, bool descending)
    {
        byte[] prefix = KeyPartCodec.EncodeString("u1", descending);
        byte[] alone = KeyPartCodec.EncodeString(other, descending);
        Assert.False(alone.AsSpan().StartsWith(prefix), $"{Hex.Format(prefix)} is a prefix of {Hex.Format(alone)}");
    }

    [Theory]
    [MemberData(nameof(OtherUsers))]
    public void CompositeKeyOfOtherUser_DoesNotStartWithTheEncodedPart(string other, bool descending)
    {
        byte[] prefix = KeyPartCodec.EncodeString("u1", descending);
        foreach (long messageId in new[] { long.MinValue, -1, 0, 1, long.MaxValue })
        {
            byte[] key = Composite(other, messageId, descending);
            Assert.False(key.AsSpan().StartsWith(prefix), $"{Hex.Format(prefix)} is a prefix of {Hex.Format(key)}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CompositeKeyOfTheUser_StartsWithTheEncodedPart(bool descending)
    {
        byte[] prefix = KeyPartCodec.EncodeString("u1", descending);
        foreach (long messageId in new[] { long.MinValue, 0, long.MaxValue })
        {
            Assert.True(Composite("u1", messageId, descending).AsSpan().StartsWith(prefix));
        }
    }

    private static byte[] Composite(string userId, long messageId, bool descending)
    {
        var writer = new KeyWriter(stackalloc byte[32]);
        writer.WriteString(userId, descending);
        writer.WriteInt64(messageId);
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }
}
