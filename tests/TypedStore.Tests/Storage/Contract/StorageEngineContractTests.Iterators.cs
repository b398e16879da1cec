namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void Iterator_StartsUnpositioned()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a");
        using var iterator = engine.CreateIterator(alpha);

        Assert.False(iterator.IsValid);
        Assert.Throws<InvalidOperationException>(() => iterator.Key.ToArray());
        Assert.Throws<InvalidOperationException>(() => iterator.Value.ToArray());
        Assert.Throws<InvalidOperationException>(iterator.Next);
        Assert.Throws<InvalidOperationException>(iterator.Previous);
    }

    [Fact]
    public void Iterator_EmptyColumnFamily_EverySeekIsInvalid()
    {
        var engine = Open();
        using var iterator = engine.CreateIterator(engine.GetColumnFamily("alpha"));

        iterator.SeekToFirst();
        Assert.False(iterator.IsValid);
        iterator.SeekToLast();
        Assert.False(iterator.IsValid);
        iterator.Seek(Bytes("m"));
        Assert.False(iterator.IsValid);
        iterator.SeekForPrev(Bytes("m"));
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void Iterator_ForwardAndBackwardWalks_SeeEveryEntryInMirroredOrder()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "d", "b", "e", "a", "c");
        using var iterator = engine.CreateIterator(alpha);

        var forward = ReadForward(iterator);
        var backward = ReadBackward(iterator);

        Assert.Equal(["a", "b", "c", "d", "e"], forward.ConvertAll(entry => System.Text.Encoding.UTF8.GetString(entry.Key)));
        Assert.Equal(Bytes("v:c"), forward[2].Value);
        backward.Reverse();
        Assert.Equal(forward.ConvertAll(entry => entry.Key), backward.ConvertAll(entry => entry.Key));
        Assert.Equal(forward.ConvertAll(entry => entry.Value), backward.ConvertAll(entry => entry.Value));
    }

    [Fact]
    public void Iterator_WalkingOffEitherEnd_BecomesInvalid_AndFurtherMovesThrow()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b");
        using var iterator = engine.CreateIterator(alpha);

        iterator.SeekToLast();
        iterator.Next();
        Assert.False(iterator.IsValid);
        Assert.Throws<InvalidOperationException>(iterator.Next);
        Assert.Throws<InvalidOperationException>(() => iterator.Key.ToArray());

        iterator.SeekToFirst();
        iterator.Previous();
        Assert.False(iterator.IsValid);
        Assert.Throws<InvalidOperationException>(iterator.Previous);
        Assert.Throws<InvalidOperationException>(() => iterator.Value.ToArray());

        // A seek repositions an invalid iterator.
        iterator.SeekToFirst();
        Assert.Equal("a", CurrentKey(iterator));
    }

    [Fact]
    public void Iterator_Seek_LandsOnTheFirstKeyAtOrAfterTheTarget()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "b", "d", "f");
        using var iterator = engine.CreateIterator(alpha);

        iterator.Seek(Bytes("d"));
        Assert.Equal("d", CurrentKey(iterator));
        Assert.Equal(Bytes("v:d"), iterator.Value.ToArray());

        iterator.Seek(Bytes("c"));
        Assert.Equal("d", CurrentKey(iterator));

        iterator.Seek(Bytes("d\0"));
        Assert.Equal("f", CurrentKey(iterator));

        iterator.Seek(Bytes("a"));
        Assert.Equal("b", CurrentKey(iterator));

        iterator.Seek([]);
        Assert.Equal("b", CurrentKey(iterator));

        iterator.Seek(Bytes("g"));
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void Iterator_SeekForPrev_LandsOnTheLastKeyAtOrBeforeTheTarget()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "b", "d", "f");
        using var iterator = engine.CreateIterator(alpha);

        iterator.SeekForPrev(Bytes("d"));
        Assert.Equal("d", CurrentKey(iterator));

        iterator.SeekForPrev(Bytes("e"));
        Assert.Equal("d", CurrentKey(iterator));

        // "d\0" is after "d" and before "e": the last key at or before it is "d".
        iterator.SeekForPrev(Bytes("d\0"));
        Assert.Equal("d", CurrentKey(iterator));

        iterator.SeekForPrev(Bytes("z"));
        Assert.Equal("f", CurrentKey(iterator));

        iterator.SeekForPrev(Bytes("a"));
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void Iterator_ChangingDirection_ReturnsToTheNeighbours()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c", "d");
        using var iterator = engine.CreateIterator(alpha);

        iterator.Seek(Bytes("b"));
        iterator.Next();
        Assert.Equal("c", CurrentKey(iterator));
        iterator.Previous();
        Assert.Equal("b", CurrentKey(iterator));
        iterator.Previous();
        Assert.Equal("a", CurrentKey(iterator));
        iterator.Next();
        iterator.Next();
        iterator.Next();
        Assert.Equal("d", CurrentKey(iterator));
        iterator.Previous();
        Assert.Equal("c", CurrentKey(iterator));

        iterator.SeekForPrev(Bytes("bb"));
        iterator.Next();
        Assert.Equal("c", CurrentKey(iterator));
    }

    [Fact]
    public void Iterator_Bounds_LowerIsInclusive_UpperIsExclusive()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c", "d", "e");
        using var iterator = engine.CreateIterator(alpha, Bytes("b"), Bytes("d"));

        Assert.Equal(["b", "c"], ReadForward(iterator).ConvertAll(entry => System.Text.Encoding.UTF8.GetString(entry.Key)));
        Assert.Equal(["c", "b"], ReadBackward(iterator).ConvertAll(entry => System.Text.Encoding.UTF8.GetString(entry.Key)));
    }

    [Fact]
    public void Iterator_BoundsBetweenStoredKeys_LimitTheRange()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c", "d", "e");

        Assert.Equal(["b", "c"], TextKeys(engine, alpha, Bytes("a\0"), Bytes("c\0")));
        Assert.Equal(["d", "e"], TextKeys(engine, alpha, Bytes("cc"), null));
        Assert.Equal(["a", "b"], TextKeys(engine, alpha, null, Bytes("bb")));
        Assert.Equal(["a", "b", "c", "d", "e"], TextKeys(engine, alpha, null, null));
    }

    [Fact]
    public void Iterator_SeeksOutsideTheBounds_ClampToTheRange()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c", "d", "e");
        using var iterator = engine.CreateIterator(alpha, Bytes("b"), Bytes("d"));

        iterator.Seek(Bytes("a"));
        Assert.Equal("b", CurrentKey(iterator));

        iterator.Seek(Bytes("d"));
        Assert.False(iterator.IsValid);

        iterator.SeekForPrev(Bytes("e"));
        Assert.Equal("c", CurrentKey(iterator));

        iterator.SeekForPrev(Bytes("d"));
        Assert.Equal("c", CurrentKey(iterator));

        iterator.SeekForPrev(Bytes("a"));
        Assert.False(iterator.IsValid);

        iterator.SeekToLast();
        Assert.Equal("c", CurrentKey(iterator));
        iterator.Next();
        Assert.False(iterator.IsValid);

        iterator.SeekToFirst();
        Assert.Equal("b", CurrentKey(iterator));
        iterator.Previous();
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void Iterator_BoundsSelectingNothing_AreEmpty()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c");

        Assert.Empty(TextKeys(engine, alpha, Bytes("b"), Bytes("b")));
        Assert.Empty(TextKeys(engine, alpha, Bytes("bb"), Bytes("bc")));
        Assert.Empty(TextKeys(engine, alpha, Bytes("d"), null));
        using var iterator = engine.CreateIterator(alpha, Bytes("bb"), Bytes("bc"));
        iterator.SeekToLast();
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void Iterator_LowerBoundAboveUpperBound_ThrowsArgumentException()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");

        Assert.Throws<ArgumentException>(() => engine.CreateIterator(alpha, Bytes("d"), Bytes("b")).Dispose());
    }

    [Fact]
    public void Iterator_ReadsTheStateAtItsCreation_IgnoringLaterWrites()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c");
        using var iterator = engine.CreateIterator(alpha);

        engine.Put(alpha, Bytes("b"), Bytes("changed"));
        engine.Put(alpha, Bytes("bb"), Bytes("new"));
        engine.Delete(alpha, Bytes("c"));
        engine.DeleteRange(alpha, Bytes("a"), Bytes("aa"));

        var entries = ReadForward(iterator);
        Assert.Equal(["a", "b", "c"], entries.ConvertAll(entry => System.Text.Encoding.UTF8.GetString(entry.Key)));
        Assert.Equal(Bytes("v:b"), entries[1].Value);

        // A new iterator sees the writes.
        Assert.Equal(["b", "bb"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Iterator_EmptyKeyIsFirst_AndAnEmptyLowerBoundMeansUnbounded()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, [], Bytes("empty"));
        engine.Put(alpha, [0x00], Bytes("zero"));
        using var iterator = engine.CreateIterator(alpha, [], [0x00]);

        iterator.SeekToFirst();
        Assert.True(iterator.IsValid);
        Assert.Equal(0, iterator.Key.Length);
        Assert.Equal(Bytes("empty"), iterator.Value.ToArray());
        iterator.Next();
        Assert.False(iterator.IsValid);

        iterator.SeekForPrev([0xFF]);
        Assert.Equal(0, iterator.Key.Length);
    }

    [Fact]
    public void Iterator_LongWalk_VisitsThousandsOfKeysInOrderBothWays()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        const int Count = 3000;
        using (var batch = engine.CreateWriteBatch())
        {
            // Even numbers only, written out of order, so odd targets fall between keys.
            for (var i = Count - 1; i >= 0; i--)
            {
                batch.Put(alpha, BigEndian(i * 2), BigEndian(i));
            }

            engine.Write(batch);
        }

        using var iterator = engine.CreateIterator(alpha);
        var expected = 0;
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            Assert.Equal(BigEndian(expected * 2), iterator.Key.ToArray());
            Assert.Equal(BigEndian(expected), iterator.Value.ToArray());
            expected++;
        }

        Assert.Equal(Count, expected);
        for (iterator.SeekToLast(); iterator.IsValid; iterator.Previous())
        {
            expected--;
            Assert.Equal(BigEndian(expected * 2), iterator.Key.ToArray());
        }

        Assert.Equal(0, expected);
        iterator.Seek(BigEndian(1001));
        Assert.Equal(BigEndian(1002), iterator.Key.ToArray());
        iterator.SeekForPrev(BigEndian(1001));
        Assert.Equal(BigEndian(1000), iterator.Key.ToArray());
    }
}
