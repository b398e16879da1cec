using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

public class KeyRangeTests
{
    /// <summary>Bytes where carries and edges happen.</summary>
    private static readonly byte[] Alphabet = [0x00, 0x01, 0x7F, 0xFE, 0xFF];

    /// <summary>
    /// Exhaustive over short keys: with a bound, a key starts with the prefix exactly when
    /// prefix ≤ key &lt; bound, so every key in the prefix range is below the bound and the first
    /// key after the range is at or above it. Without a bound, every key ≥ prefix starts with it.
    /// </summary>
    [Fact]
    public void PrefixUpperBound_SeparatesExactlyTheKeysWithThePrefix()
    {
        List<byte[]> prefixes = AllStrings(maxLength: 3);
        List<byte[]> keys = AllStrings(maxLength: 4);
        Span<byte> bound = stackalloc byte[8];
        foreach (byte[] prefix in prefixes)
        {
            bool bounded = KeyRange.TryGetPrefixUpperBound(prefix, bound, out int written);
            ReadOnlySpan<byte> upper = bound[..written];
            Assert.Equal(bounded, Array.Exists(prefix, b => b != 0xFF));
            foreach (byte[] key in keys)
            {
                bool hasPrefix = key.AsSpan().StartsWith(prefix);
                bool atOrAbovePrefix = key.AsSpan().SequenceCompareTo(prefix) >= 0;
                bool inRange = atOrAbovePrefix && (!bounded || key.AsSpan().SequenceCompareTo(upper) < 0);
                Assert.True(
                    hasPrefix == inRange,
                    $"prefix {Hex.Format(prefix)}, bound {(bounded ? Hex.Format(upper) : "none")}, key {Hex.Format(key)}");
            }
        }
    }

    [Theory]
    [InlineData("75 31 00 01", "75 31 00 02")]
    [InlineData("75 31 FF", "75 32")]
    [InlineData("01 FF FF", "02")]
    [InlineData("FE", "FF")]
    [InlineData("00", "01")]
    public void PrefixUpperBound_IncrementsTheLastNonFFByte(string prefix, string expected)
    {
        Span<byte> bound = stackalloc byte[8];
        Assert.True(KeyRange.TryGetPrefixUpperBound(Hex.Parse(prefix), bound, out int written));
        Assert.Equal(expected, Hex.Format(bound[..written]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("FF")]
    [InlineData("FF FF FF")]
    public void PrefixUpperBound_DoesNotExistForEmptyOrAllFF(string prefix)
    {
        Span<byte> bound = stackalloc byte[8];
        Assert.False(KeyRange.TryGetPrefixUpperBound(Hex.Parse(prefix), bound, out int written));
        Assert.Equal(0, written);
    }

    [Fact]
    public void PrefixUpperBound_CanBeComputedInPlace()
    {
        byte[] buffer = Hex.Parse("75 31 FF FF");
        Assert.True(KeyRange.TryGetPrefixUpperBound(buffer, buffer, out int written));
        Assert.Equal("75 32", Hex.Format(buffer.AsSpan(0, written)));
    }

    [Fact]
    public void PrefixUpperBound_TooSmallDestination_Throws()
    {
        byte[] prefix = Hex.Parse("75 31 00 01");
        Assert.Throws<ArgumentException>(() => KeyRange.TryGetPrefixUpperBound(prefix, new byte[3], out _));
    }

    [Fact]
    public void PrefixUpperBound_OfUserPrefix_BoundsThatUsersCompositeKeysOnly()
    {
        byte[] prefix = KeyPartCodec.EncodeString("u1");
        Span<byte> bound = stackalloc byte[prefix.Length];
        Assert.True(KeyRange.TryGetPrefixUpperBound(prefix, bound, out int written));
        byte[] upper = bound[..written].ToArray();

        Span<byte> buffer = stackalloc byte[32];
        foreach (string user in new[] { "u1", "u10", "u1\0x", "u1:x", "u1\uFFFF", "u2", "u0", "u" })
        {
            foreach (long id in new[] { long.MinValue, 0, long.MaxValue })
            {
                var writer = new KeyWriter(buffer);
                writer.WriteString(user);
                writer.WriteInt64(id);
                byte[] key = writer.WrittenSpan.ToArray();
                writer.Dispose();

                bool inRange = key.AsSpan().SequenceCompareTo(prefix) >= 0 && key.AsSpan().SequenceCompareTo(upper) < 0;
                Assert.True(inRange == (user == "u1"), $"user {user}: {Hex.Format(key)} vs [{Hex.Format(prefix)}, {Hex.Format(upper)})");
            }
        }
    }

    private static List<byte[]> AllStrings(int maxLength)
    {
        var result = new List<byte[]> { Array.Empty<byte>() };
        int start = 0;
        for (int length = 1; length <= maxLength; length++)
        {
            int end = result.Count;
            for (int i = start; i < end; i++)
            {
                foreach (byte b in Alphabet)
                {
                    result.Add([.. result[i], b]);
                }
            }

            start = end;
        }

        return result;
    }
}
