using TypedStore.Storage;

namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void Get_AbsentKey_ReturnsMinusOne()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");

        Assert.Equal(-1, engine.Get(alpha, Bytes("missing"), new byte[16]));
        Assert.False(engine.Contains(alpha, Bytes("missing")));
    }

    [Fact]
    public void Put_ThenGet_ReturnsLengthAndCopiesValue()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("key"), Bytes("value"));

        var destination = new byte[16];
        var length = engine.Get(alpha, Bytes("key"), destination);

        Assert.Equal(5, length);
        Assert.Equal(Bytes("value"), destination[..length]);
        Assert.True(engine.Contains(alpha, Bytes("key")));
    }

    [Fact]
    public void Put_ExistingKey_ReplacesValueIncludingItsLength()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("key"), Bytes("a rather long first value"));

        engine.Put(alpha, Bytes("key"), Bytes("x"));

        Assert.Equal(Bytes("x"), Read(engine, alpha, Bytes("key")));
        Assert.Single(Keys(engine, alpha));
    }

    [Fact]
    public void Delete_ExistingKey_RemovesOnlyThatKey()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c");

        engine.Delete(alpha, Bytes("b"));

        Assert.Null(Read(engine, alpha, Bytes("b")));
        Assert.False(engine.Contains(alpha, Bytes("b")));
        Assert.Equal(["a", "c"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Delete_AbsentKey_DoesNothing()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a");

        engine.Delete(alpha, Bytes("never-written"));

        Assert.Equal(["a"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Put_AfterDelete_StoresTheKeyAgain()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("k"), Bytes("first"));
        engine.Delete(alpha, Bytes("k"));

        engine.Put(alpha, Bytes("k"), Bytes("second"));

        Assert.Equal(Bytes("second"), Read(engine, alpha, Bytes("k")));
    }

    [Fact]
    public void EmptyKey_IsAnOrdinaryKey()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, [], Bytes("for the empty key"));
        engine.Put(alpha, [0x00], Bytes("for 00"));

        Assert.Equal(Bytes("for the empty key"), Read(engine, alpha, []));
        Assert.Equal(Bytes("for 00"), Read(engine, alpha, [0x00]));

        engine.Delete(alpha, []);
        Assert.False(engine.Contains(alpha, []));
        Assert.True(engine.Contains(alpha, [0x00]));
    }

    [Fact]
    public void EmptyValue_IsPresentWithLengthZero()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");

        engine.Put(alpha, Bytes("k"), []);

        // Zero, not -1: an empty value is still a value.
        Assert.Equal(0, engine.Get(alpha, Bytes("k"), Span<byte>.Empty));
        Assert.True(engine.Contains(alpha, Bytes("k")));
    }

    [Fact]
    public void Get_DestinationTooShort_ReturnsFullLengthAndRetryWithThatLengthReadsIt()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var large = new byte[1 << 20];
        new Random(7).NextBytes(large);
        engine.Put(alpha, Bytes("large"), large);

        Assert.Equal(large.Length, engine.Get(alpha, Bytes("large"), new byte[100]));
        Assert.Equal(large.Length, engine.Get(alpha, Bytes("large"), Span<byte>.Empty));

        var exact = new byte[large.Length];
        Assert.Equal(large.Length, engine.Get(alpha, Bytes("large"), exact));
        Assert.Equal(large, exact);
    }

    [Fact]
    public void Get_DestinationLongerThanValue_FillsOnlyTheValueLength()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("k"), [1, 2, 3]);
        var destination = new byte[8];
        Array.Fill(destination, (byte)0xEE);

        var length = engine.Get(alpha, Bytes("k"), destination);

        Assert.Equal(3, length);
        Assert.Equal([1, 2, 3, 0xEE, 0xEE, 0xEE, 0xEE, 0xEE], destination);
    }

    [Fact]
    public void Keys_DifferingOnlyInZeroAndFFBytes_AreDistinct()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        byte[][] keys = [[], [0x00], [0x00, 0x00], [0x00, 0xFF], [0xFF], [0xFF, 0x00], [0xFF, 0xFF], [0x01, 0x00, 0x01]];
        for (var i = 0; i < keys.Length; i++)
        {
            engine.Put(alpha, keys[i], [(byte)i]);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(new[] { (byte)i }, Read(engine, alpha, keys[i]));
        }

        Assert.Equal(keys.Length, Keys(engine, alpha).Count);
    }

    [Fact]
    public void Put_KeepsPrivateCopies_OfTheCallersBuffers()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var key = Bytes("key");
        var value = Bytes("value");
        engine.Put(alpha, key, value);

        key[0] = (byte)'X';
        value[0] = (byte)'X';
        var destination = new byte[16];
        var length = engine.Get(alpha, Bytes("key"), destination);
        destination[0] = (byte)'Y';

        Assert.Equal(5, length);
        Assert.Equal(Bytes("value"), Read(engine, alpha, Bytes("key")));
        Assert.False(engine.Contains(alpha, Bytes("Xey")));
    }

    [Fact]
    public void ColumnFamilies_SameKey_AreIndependent()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        engine.Put(alpha, Bytes("shared"), Bytes("in alpha"));
        engine.Put(beta, Bytes("shared"), Bytes("in beta"));
        engine.Put(alpha, Bytes("only-alpha"), Bytes("1"));

        Assert.Equal(Bytes("in alpha"), Read(engine, alpha, Bytes("shared")));
        Assert.Equal(Bytes("in beta"), Read(engine, beta, Bytes("shared")));
        Assert.False(engine.Contains(beta, Bytes("only-alpha")));

        engine.Delete(alpha, Bytes("shared"));
        engine.DeleteRange(alpha, [], Bytes("zzz"));

        Assert.Empty(Keys(engine, alpha));
        Assert.Equal(["shared"], TextKeys(engine, beta));
    }

    [Fact]
    public void ColumnFamilies_ListsTheRequestedFamiliesInOrder()
    {
        var engine = Open("first", "second", "third");

        var families = engine.ColumnFamilies;

        Assert.Equal(3, families.Count);
        for (var i = 0; i < families.Count; i++)
        {
            Assert.Equal(i, families[i].Index);
            Assert.Same(families[i], engine.GetColumnFamily(families[i].Name));
        }

        Assert.Equal("first", families[0].Name);
        Assert.Equal("second", families[1].Name);
        Assert.Equal("third", families[2].Name);
        Assert.False(engine.IsReadOnly);
    }

    [Fact]
    public void GetColumnFamily_NameNotOpened_ThrowsKeyNotFound()
    {
        var engine = Open();

        Assert.Throws<KeyNotFoundException>(() => engine.GetColumnFamily("gamma"));
        Assert.Throws<KeyNotFoundException>(() => engine.GetColumnFamily("Alpha"));
        Assert.Throws<ArgumentNullException>(() => engine.GetColumnFamily(null!));
    }

    [Fact]
    public void ColumnFamilyOfAnotherEngine_IsRejected_AndNothingIsWritten()
    {
        var engine = Open();
        var other = Open();
        var foreign = other.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();

        Assert.Throws<ArgumentException>(() => engine.Put(foreign, Bytes("k"), Bytes("v")));
        Assert.Throws<ArgumentException>(() => engine.Get(foreign, Bytes("k"), new byte[4]));
        Assert.Throws<ArgumentException>(() => engine.Contains(foreign, Bytes("k")));
        Assert.Throws<ArgumentException>(() => engine.Delete(foreign, Bytes("k")));
        Assert.Throws<ArgumentException>(() => engine.DeleteRange(foreign, Bytes("a"), Bytes("b")));
        Assert.Throws<ArgumentException>(() => engine.CreateIterator(foreign).Dispose());
        Assert.Throws<ArgumentException>(() => batch.Put(foreign, Bytes("k"), Bytes("v")));

        Assert.Empty(Keys(engine, engine.GetColumnFamily("alpha")));
        Assert.Empty(Keys(other, foreign));
    }

    [Fact]
    public void NullColumnFamily_ThrowsArgumentNull()
    {
        var engine = Open();
        using var batch = engine.CreateWriteBatch();

        Assert.Throws<ArgumentNullException>(() => engine.Put(null!, Bytes("k"), Bytes("v")));
        Assert.Throws<ArgumentNullException>(() => engine.Get(null!, Bytes("k"), new byte[4]));
        Assert.Throws<ArgumentNullException>(() => engine.CreateIterator(null!).Dispose());
        Assert.Throws<ArgumentNullException>(() => batch.Delete(null!, Bytes("k")));
    }

    [Fact]
    public void Write_UnknownDurability_ThrowsArgumentOutOfRange_AndWritesNothing()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var unknown = (WriteDurability)42;

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Put(alpha, Bytes("k"), Bytes("v"), unknown));
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("k"), Bytes("v"));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Write(batch, unknown));

        Assert.False(engine.Contains(alpha, Bytes("k")));
    }

    [Fact]
    public void Write_SyncedDurability_IsAppliedLikeDefault()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");

        engine.Put(alpha, Bytes("k"), Bytes("v"), WriteDurability.Synced);
        engine.Put(alpha, Bytes("gone"), Bytes("v"), WriteDurability.Synced);
        engine.Delete(alpha, Bytes("gone"), WriteDurability.Synced);

        Assert.Equal(["k"], TextKeys(engine, alpha));
    }
}
