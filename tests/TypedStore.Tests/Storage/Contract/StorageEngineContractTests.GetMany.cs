using TypedStore.Storage;
using TypedStore.Values;

namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void TryGet_AppendsTheValue_OrNothingWhenAbsent()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("key"), Bytes("value"));
        engine.Put(alpha, Bytes("empty"), []);
        using var buffer = new ValueBuffer();
        Bytes("prefix:").CopyTo(buffer.GetSpan(7));
        buffer.Advance(7);

        Assert.False(engine.TryGet(alpha, Bytes("missing"), buffer));
        Assert.Equal(Bytes("prefix:"), buffer.WrittenSpan.ToArray());
        Assert.True(engine.TryGet(alpha, Bytes("key"), buffer));
        Assert.Equal(Bytes("prefix:value"), buffer.WrittenSpan.ToArray());
        Assert.True(engine.TryGet(alpha, Bytes("empty"), buffer));
        Assert.Equal(12, buffer.WrittenCount);
    }

    [Fact]
    public void TryGet_ValueLongerThanTheBuffer_IsReadWhole_AndThroughASnapshot()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var large = Pattern(300_000);
        engine.Put(alpha, Bytes("large"), large);
        using var snapshot = engine.CreateSnapshot();
        engine.Put(alpha, Bytes("large"), Bytes("small now"));
        using var buffer = new ValueBuffer();

        Assert.True(engine.TryGet(alpha, Bytes("large"), buffer, snapshot));
        Assert.Equal(large, buffer.WrittenSpan.ToArray());
        buffer.Clear();
        Assert.True(engine.TryGet(alpha, Bytes("large"), buffer));
        Assert.Equal(Bytes("small now"), buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void GetMany_ReturnsValuesInInputOrder_AbsentAsMinusOne_DuplicatesTwice()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        engine.Put(alpha, Bytes("a"), Bytes("1"));
        engine.Put(alpha, Bytes("b"), Bytes("22"));
        engine.Put(alpha, Bytes("c"), []);
        engine.Put(beta, Bytes("x"), Bytes("beta only"));

        var values = GetMany(engine, alpha, null, "b", "missing", "a", "b", "c", "x", "");

        Assert.Equal(new byte[]?[] { Bytes("22"), null, Bytes("1"), Bytes("22"), [], null, null }, values);
    }

    [Fact]
    public void GetMany_NoKeys_ReadsNothing()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var buffer = new ValueBuffer();

        engine.GetMany(alpha, [], [], buffer, []);

        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void GetMany_ValuesLongerThanAnyBuffer_AndMoreKeysThanFitOnTheStack()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var expected = new List<byte[]?>();
        var keys = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var key = "k" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            keys.Add(key);
            if (i % 7 == 3)
            {
                expected.Add(null);
                continue;
            }

            var value = Pattern(i % 10 == 0 ? 200_000 + i : i);
            engine.Put(alpha, Bytes(key), value);
            expected.Add(value);
        }

        Assert.Equal(expected.ToArray(), GetMany(engine, alpha, null, [.. keys]));
    }

    [Fact]
    public void GetMany_ThroughASnapshot_SeesTheSnapshotsView()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("a"), Bytes("old a"));
        engine.Put(alpha, Bytes("b"), Bytes("old b"));
        using var snapshot = engine.CreateSnapshot();
        engine.Put(alpha, Bytes("a"), Bytes("new a"));
        engine.Delete(alpha, Bytes("b"));
        engine.Put(alpha, Bytes("c"), Bytes("new c"));

        Assert.Equal(new byte[]?[] { Bytes("old a"), Bytes("old b"), null }, GetMany(engine, alpha, snapshot, "a", "b", "c"));
        Assert.Equal(new byte[]?[] { Bytes("new a"), null, Bytes("new c") }, GetMany(engine, alpha, null, "a", "b", "c"));
    }

    [Fact]
    public void GetMany_InvalidArguments_AreRefused()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var buffer = new ValueBuffer();

        Assert.Throws<ArgumentException>(() => engine.GetMany(alpha, Bytes("ab"), [1, 1], buffer, new int[1]));
        Assert.Throws<ArgumentException>(() => engine.GetMany(alpha, Bytes("ab"), [1], buffer, new int[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.GetMany(alpha, Bytes("ab"), [3, -1], buffer, new int[2]));
        Assert.Throws<ArgumentNullException>(() => engine.GetMany(alpha, Bytes("a"), [1], null!, new int[1]));
    }

    [Fact]
    public void GetMany_And_TryGet_AfterDispose_ThrowObjectDisposed()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("a"), Bytes("1"));
        engine.Dispose();
        using var buffer = new ValueBuffer();

        Assert.Throws<ObjectDisposedException>(() => engine.GetMany(alpha, Bytes("a"), [1], buffer, new int[1]));
        Assert.Throws<ObjectDisposedException>(() => engine.GetMany(alpha, [], [], buffer, []));
        Assert.Throws<ObjectDisposedException>(() => engine.TryGet(alpha, Bytes("a"), buffer));
    }

    /// <summary>Reads <paramref name="keys"/> with one <see cref="StorageEngine.GetMany"/>; null for an absent key.</summary>
    protected static byte[]?[] GetMany(StorageEngine engine, StorageColumnFamily columnFamily, StorageSnapshot? snapshot, params string[] keys)
    {
        var (packed, lengths) = Pack(keys);
        using var buffer = new ValueBuffer();
        var valueLengths = new int[keys.Length];
        engine.GetMany(columnFamily, packed, lengths, buffer, valueLengths, snapshot);
        return Unpack(buffer, valueLengths);
    }

    /// <summary>The keys concatenated, and their lengths.</summary>
    protected static (byte[] Packed, int[] Lengths) Pack(string[] keys)
        => ([.. keys.SelectMany(Bytes)], [.. keys.Select(key => Bytes(key).Length)]);

    /// <summary>Splits get-many results back into values (null for -1).</summary>
    protected static byte[]?[] Unpack(ValueBuffer values, int[] valueLengths)
    {
        var result = new byte[]?[valueLengths.Length];
        var offset = 0;
        for (var i = 0; i < valueLengths.Length; i++)
        {
            if (valueLengths[i] >= 0)
            {
                result[i] = values.WrittenSpan.Slice(offset, valueLengths[i]).ToArray();
                offset += valueLengths[i];
            }
        }

        Assert.Equal(values.WrittenCount, offset);
        return result;
    }

    /// <summary>A value of <paramref name="length"/> bytes that differs from its shifted self.</summary>
    protected static byte[] Pattern(int length)
    {
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = (byte)((i * 31) + (length * 7));
        }

        return bytes;
    }
}
