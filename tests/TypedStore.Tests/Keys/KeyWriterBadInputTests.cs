using TypedStore.Keys;

namespace TypedStore.Tests.Keys;

/// <summary>
/// Bad key parts are rejected with a clear exception before anything is appended, and the writer
/// is still usable afterwards (design §8).
/// </summary>
public class KeyWriterBadInputTests
{
    private delegate void WriterAction(ref KeyWriter writer);

    [Fact]
    public void NullString_ThrowsArgumentNull()
    {
        var writer = new KeyWriter(stackalloc byte[16]);
        ArgumentNullException e = Catch<ArgumentNullException>(ref writer, static (ref KeyWriter w) => w.WriteString(null!));
        Assert.Contains("key part", e.Message, StringComparison.Ordinal);
        writer.Dispose();
    }

    [Fact]
    public void NullBytes_ThrowsArgumentNull()
    {
        var writer = new KeyWriter(stackalloc byte[16]);
        ArgumentNullException e = Catch<ArgumentNullException>(ref writer, static (ref KeyWriter w) => w.WriteBytes((byte[])null!));
        Assert.Contains("key part", e.Message, StringComparison.Ordinal);
        writer.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UnspecifiedDateTime_ThrowsArgumentExceptionNamingTheKindsToUse(bool descending)
    {
        var writer = new KeyWriter(stackalloc byte[16]);
        var unspecified = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        ArgumentException e = Catch<ArgumentException>(ref writer, (ref KeyWriter w) => w.WriteDateTime(unspecified, descending));
        Assert.Contains("DateTimeKind.Utc", e.Message, StringComparison.Ordinal);
        Assert.Contains("DateTimeKind.Local", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, writer.Length);
        writer.Dispose();
    }

    /// <summary>
    /// A loop rather than InlineData: xunit serialises theory rows, and a lone surrogate does not
    /// survive that (it arrives as U+FFFD, a valid character).
    /// </summary>
    [Fact]
    public void LoneSurrogate_ThrowsArgumentExceptionInsteadOfReplacing()
    {
        (string Value, string Reported)[] cases =
        [
            ("\uD800", "U+D800"), // lone high surrogate
            ("\uDC00", "U+DC00"), // lone low surrogate
            ("a\uD83D", "U+D83D"), // high surrogate at the end
            ("\uDE00\uD83Db", "U+DE00"), // a pair in the wrong order
        ];
        Span<byte> buffer = stackalloc byte[16];
        foreach ((string value, string reported) in cases)
        {
            var writer = new KeyWriter(buffer);
            writer.WriteInt32(1);
            ArgumentException e = Catch<ArgumentException>(ref writer, (ref KeyWriter w) => w.WriteString(value));
            Assert.Contains("unpaired surrogate (" + reported + ")", e.Message, StringComparison.Ordinal);
            Assert.Equal("80 00 00 01", Hex.Format(writer.WrittenSpan));
            writer.Dispose();
        }
    }

    [Fact]
    public void LoneSurrogate_InALongString_ThrowsToo()
    {
        // Long enough to take the exact-count path instead of encoding straight into the buffer.
        string value = new string('\u00E9', 500) + "\uD800";
        var writer = new KeyWriter(stackalloc byte[16]);
        Catch<ArgumentException>(ref writer, (ref KeyWriter w) => w.WriteString(value));
        Assert.Equal(0, writer.Length);
        writer.Dispose();
    }

    [Fact]
    public void KeyOfExactlyMaxLength_IsAccepted()
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        writer.WriteString(new string('a', KeyLimits.MaxKeyLength - 2)); // + terminator = 8192
        Assert.Equal(KeyLimits.MaxKeyLength, writer.Length);
        writer.Dispose();
    }

    public static TheoryData<string, int> TooLongParts => new()
    {
        // name, bytes already in the key
        { "ascii string one byte over", 0 },
        { "string over by escapes", 0 },
        { "non-ascii string over", 0 },
        { "huge string", 0 },
        { "bytes one byte over", 0 },
        { "bytes over by escapes", 0 },
        { "int64 after a long key", 8186 },
        { "byte after a full key", 8192 },
        { "guid after a long key", 8180 },
    };

    [Theory]
    [MemberData(nameof(TooLongParts))]
    public void PartPastMaxKeyLength_ThrowsAndLeavesTheKeyUnchanged(string name, int existingLength)
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        if (existingLength > 0)
        {
            writer.WriteBytes(Enumerable.Repeat((byte)1, existingLength - 2).ToArray()); // + terminator
        }

        byte[] before = writer.WrittenSpan.ToArray();
        WriterAction write = name switch
        {
            "ascii string one byte over" => static (ref KeyWriter w) => w.WriteString(new string('a', KeyLimits.MaxKeyLength - 1)),
            "string over by escapes" => static (ref KeyWriter w) => w.WriteString(new string('\0', 4096)), // 8192 + 2
            "non-ascii string over" => static (ref KeyWriter w) => w.WriteString(new string('\u00E9', 4096)), // 8192 + 2
            "huge string" => static (ref KeyWriter w) => w.WriteString(new string('a', 1_000_000)),
            "bytes one byte over" => static (ref KeyWriter w) => w.WriteBytes(Enumerable.Repeat((byte)1, KeyLimits.MaxKeyLength - 1).ToArray()),
            "bytes over by escapes" => static (ref KeyWriter w) => w.WriteBytes(Enumerable.Repeat((byte)0xFF, 4096).ToArray()),
            "int64 after a long key" => static (ref KeyWriter w) => w.WriteInt64(1),
            "byte after a full key" => static (ref KeyWriter w) => w.WriteByte(1),
            "guid after a long key" => static (ref KeyWriter w) => w.WriteGuid(Guid.Empty),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

        ArgumentException e = Catch<ArgumentException>(ref writer, write);
        Assert.Contains(KeyLimits.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        Assert.Equal(before, writer.WrittenSpan.ToArray());

        // Still usable: a small part that fits goes in.
        if (writer.Length < KeyLimits.MaxKeyLength)
        {
            writer.WriteByte(0x42);
            Assert.Equal(before.Length + 1, writer.Length);
        }

        writer.Dispose();
    }

    [Fact]
    public void EscapesCountTowardsTheLimit()
    {
        var writer = new KeyWriter(stackalloc byte[256]);
        writer.WriteBytes(new byte[4095]); // each zero is stored as 00 FF: 4095 * 2 + 2 = 8192
        Assert.Equal(KeyLimits.MaxKeyLength, writer.Length);
        writer.Dispose();
    }

    [Fact]
    public void LimitApplies_EvenWithACallerBufferLargerThanIt()
    {
        var writer = new KeyWriter(new byte[KeyLimits.MaxKeyLength * 2]);
        Catch<ArgumentException>(ref writer, static (ref KeyWriter w) => w.WriteBytes(new byte[KeyLimits.MaxKeyLength]));
        Assert.Equal(0, writer.Length);
        writer.Dispose();
    }

    [Fact]
    public void UseAfterDispose_ThrowsObjectDisposed()
    {
        var writer = new KeyWriter(stackalloc byte[16]);
        writer.WriteInt32(1);
        writer.Dispose();
        writer.Dispose(); // twice is fine

        Catch<ObjectDisposedException>(ref writer, static (ref KeyWriter w) => w.WriteInt32(2));
        Catch<ObjectDisposedException>(ref writer, static (ref KeyWriter w) => w.WriteString("a"));
        Catch<ObjectDisposedException>(ref writer, static (ref KeyWriter w) => w.WriteBytes(ReadOnlySpan<byte>.Empty));
        Catch<ObjectDisposedException>(ref writer, static (ref KeyWriter w) => _ = w.Length);
        Catch<ObjectDisposedException>(ref writer, static (ref KeyWriter w) => _ = w.WrittenSpan.Length);
    }

    /// <summary>Runs <paramref name="action"/> and returns the exception, which must be exactly <typeparamref name="T"/>.</summary>
    private static T Catch<T>(ref KeyWriter writer, WriterAction action)
        where T : Exception
    {
        try
        {
            action(ref writer);
        }
        catch (Exception e)
        {
            return Assert.IsType<T>(e);
        }

        Assert.Fail($"Expected {typeof(T).Name}, nothing was thrown.");
        return null!;
    }
}
