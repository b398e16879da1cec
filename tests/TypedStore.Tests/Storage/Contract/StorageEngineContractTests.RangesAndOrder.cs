namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void DeleteRange_RemovesFromStartInclusiveToEndExclusive()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "b\0", "bz", "c", "c\0", "d");

        engine.DeleteRange(alpha, Bytes("b"), Bytes("c"));

        // "b" itself goes (inclusive start); "c" stays (exclusive end) but "c\0" is after "c" anyway.
        Assert.Equal(["a", "c", "c\0", "d"], TextKeys(engine, alpha));
    }

    [Fact]
    public void DeleteRange_BoundsNeedNotBeStoredKeys()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "apple", "banana", "cherry", "date");

        engine.DeleteRange(alpha, Bytes("b"), Bytes("cz"));

        Assert.Equal(["apple", "date"], TextKeys(engine, alpha));
    }

    [Fact]
    public void DeleteRange_EmptyStartKey_StartsAtTheSmallestKey()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, [], Bytes("empty"));
        engine.Put(alpha, [0x00], Bytes("zero"));
        engine.Put(alpha, [0x10], Bytes("ten"));

        engine.DeleteRange(alpha, [], [0x10]);

        Assert.Equal([[0x10]], Keys(engine, alpha));
    }

    [Fact]
    public void DeleteRange_EqualStartAndEnd_RemovesNothing()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c");

        engine.DeleteRange(alpha, Bytes("b"), Bytes("b"));

        Assert.Equal(["a", "b", "c"], TextKeys(engine, alpha));
    }

    [Fact]
    public void DeleteRange_StartAfterEnd_ThrowsArgumentException_AndKeepsData()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c");

        Assert.Throws<ArgumentException>(() => engine.DeleteRange(alpha, Bytes("c"), Bytes("a")));

        // An empty end key is the smallest key, not "unbounded", so it is before any other start.
        Assert.Throws<ArgumentException>(() => engine.DeleteRange(alpha, Bytes("a"), []));
        Assert.Equal(["a", "b", "c"], TextKeys(engine, alpha));

        // The engine stays usable after the rejected call.
        engine.DeleteRange(alpha, Bytes("a"), Bytes("b"));
        Assert.Equal(["b", "c"], TextKeys(engine, alpha));
    }

    [Fact]
    public void DeleteRange_ThenPutInsideTheRange_KeyIsVisible()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "k1", "k2", "k3");
        engine.DeleteRange(alpha, Bytes("k"), Bytes("l"));

        engine.Put(alpha, Bytes("k2"), Bytes("again"));

        Assert.Equal(["k2"], TextKeys(engine, alpha));
        Assert.Equal(Bytes("again"), Read(engine, alpha, Bytes("k2")));
    }

    [Fact]
    public void DeleteRange_ManyKeys_RemovesExactlyTheMiddle()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        for (var i = 0; i < 1000; i++)
        {
            engine.Put(alpha, BigEndian(i), BigEndian(i * 7));
        }

        engine.DeleteRange(alpha, BigEndian(250), BigEndian(750));

        var keys = Keys(engine, alpha);
        Assert.Equal(500, keys.Count);
        Assert.Equal(BigEndian(249), keys[249]);
        Assert.Equal(BigEndian(750), keys[250]);
        Assert.Null(Read(engine, alpha, BigEndian(250)));
        Assert.Null(Read(engine, alpha, BigEndian(749)));
        Assert.Equal(BigEndian(750 * 7), Read(engine, alpha, BigEndian(750)));
    }

    [Fact]
    public void Iteration_OrdersKeysAsUnsignedBytes()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");

        // Expected order by memcmp rules: bytes compare unsigned (0x7F < 0x80 < 0xFF, so no sign
        // extension), and a key that is a prefix of another sorts first (the empty key before all).
        byte[][] expected =
        [
            [],
            [0x00],
            [0x00, 0x00],
            [0x00, 0xFF],
            [0x01],
            [0x7F],
            [0x7F, 0xFF, 0xFF],
            [0x80],
            [0x80, 0x00],
            [0xFE, 0xFF],
            [0xFF],
            [0xFF, 0x00],
            [0xFF, 0xFF],
        ];
        var shuffled = (byte[][])expected.Clone();
        new Random(11).Shuffle(shuffled);
        foreach (var key in shuffled)
        {
            engine.Put(alpha, key, key);
        }

        Assert.Equal(expected, Keys(engine, alpha));
        using var iterator = engine.CreateIterator(alpha);
        var backward = ReadBackward(iterator);
        backward.Reverse();
        Assert.Equal(expected, backward.ConvertAll(entry => entry.Key));
    }

    [Fact]
    public void Iteration_TextPrefixSortsBeforeItsExtensions()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "b", "aa", "a\0", "a", "ab", "a\u007f", "a!");

        // "a" is a prefix of all the others; after it the second byte decides:
        // 0x00 < '!' (0x21) < 'a' (0x61) < 'b' (0x62) < 0x7F, and "b" beats every "a…".
        Assert.Equal(["a", "a\0", "a!", "aa", "ab", "a\u007f", "b"], TextKeys(engine, alpha));
    }

    /// <summary>A 4-byte big-endian key: byte order equals numeric order for non-negative values.</summary>
    protected static byte[] BigEndian(int value)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
