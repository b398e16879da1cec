namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void Snapshot_Get_IgnoresLaterPutsOverwritesAndDeletes()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("kept"), Bytes("1"));
        engine.Put(alpha, Bytes("overwritten"), Bytes("old"));
        engine.Put(alpha, Bytes("deleted"), Bytes("here"));
        using var snapshot = engine.CreateSnapshot();

        engine.Put(alpha, Bytes("overwritten"), Bytes("new"));
        engine.Delete(alpha, Bytes("deleted"));
        engine.Put(alpha, Bytes("added"), Bytes("later"));

        Assert.Equal(Bytes("1"), Read(engine, alpha, Bytes("kept"), snapshot));
        Assert.Equal(Bytes("old"), Read(engine, alpha, Bytes("overwritten"), snapshot));
        Assert.Equal(Bytes("here"), Read(engine, alpha, Bytes("deleted"), snapshot));
        Assert.Null(Read(engine, alpha, Bytes("added"), snapshot));
        Assert.True(engine.Contains(alpha, Bytes("deleted"), snapshot));
        Assert.False(engine.Contains(alpha, Bytes("added"), snapshot));

        // Reads without the snapshot see the present.
        Assert.Equal(Bytes("new"), Read(engine, alpha, Bytes("overwritten")));
        Assert.False(engine.Contains(alpha, Bytes("deleted")));
    }

    [Fact]
    public void Snapshot_IgnoresLaterRangeDeletesAndBatches()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        PutTextKeys(engine, alpha, "a", "b", "c");
        PutTextKeys(engine, beta, "x");
        using var snapshot = engine.CreateSnapshot();

        engine.DeleteRange(alpha, Bytes("a"), Bytes("c"));
        using (var batch = engine.CreateWriteBatch())
        {
            batch.Delete(beta, Bytes("x"));
            batch.Put(beta, Bytes("y"), Bytes("new"));
            engine.Write(batch);
        }

        Assert.Equal(["a", "b", "c"], TextKeys(engine, alpha, snapshot: snapshot));
        Assert.Equal(["x"], TextKeys(engine, beta, snapshot: snapshot));
        Assert.Equal(["c"], TextKeys(engine, alpha));
        Assert.Equal(["y"], TextKeys(engine, beta));
    }

    [Fact]
    public void Snapshot_IteratorCreatedLater_StillReadsTheSnapshot()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b");
        using var snapshot = engine.CreateSnapshot();
        engine.Put(alpha, Bytes("c"), Bytes("after the snapshot"));
        engine.Delete(alpha, Bytes("a"));

        using var iterator = engine.CreateIterator(alpha, snapshot: snapshot);

        Assert.Equal(["a", "b"], ReadForward(iterator).ConvertAll(entry => System.Text.Encoding.UTF8.GetString(entry.Key)));
        iterator.Seek(Bytes("b\0"));
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void Snapshots_TakenAtDifferentMoments_EachKeepTheirOwnState()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("k"), Bytes("1"));
        using var first = engine.CreateSnapshot();
        engine.Put(alpha, Bytes("k"), Bytes("2"));
        using var second = engine.CreateSnapshot();
        engine.Delete(alpha, Bytes("k"));

        Assert.Equal(Bytes("1"), Read(engine, alpha, Bytes("k"), first));
        Assert.Equal(Bytes("2"), Read(engine, alpha, Bytes("k"), second));
        Assert.Null(Read(engine, alpha, Bytes("k")));
    }

    [Fact]
    public void Snapshot_OfAnotherEngine_ThrowsArgumentException()
    {
        var engine = Open();
        var other = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var foreign = other.CreateSnapshot();

        Assert.Throws<ArgumentException>(() => engine.Get(alpha, Bytes("k"), new byte[4], foreign));
        Assert.Throws<ArgumentException>(() => engine.Contains(alpha, Bytes("k"), foreign));
        Assert.Throws<ArgumentException>(() => engine.CreateIterator(alpha, snapshot: foreign).Dispose());
    }
}
