namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    // These run only for engines that keep data (ReopenSupported); for others they have nothing to check.

    [Fact]
    public void Reopen_KeepsPutsDeletesRangeDeletesAndBatches()
    {
        if (!ReopenSupported)
        {
            return;
        }

        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        PutTextKeys(engine, alpha, "a", "b", "c", "d", "e");
        engine.Delete(alpha, Bytes("b"));
        engine.DeleteRange(alpha, Bytes("c"), Bytes("e"));
        using (var batch = engine.CreateWriteBatch())
        {
            batch.Put(beta, Bytes("x"), Bytes("batched"));
            batch.Put(alpha, Bytes("f"), Bytes("batched"));
            engine.Write(batch);
        }

        engine.Put(alpha, Bytes("synced"), Bytes("1"), TypedStore.Storage.WriteDurability.Synced);

        var reopened = ReopenTracked(engine);

        var reopenedAlpha = reopened.GetColumnFamily("alpha");
        Assert.Equal(["a", "e", "f", "synced"], TextKeys(reopened, reopenedAlpha));
        Assert.Equal(Bytes("batched"), Read(reopened, reopened.GetColumnFamily("beta"), Bytes("x")));
        Assert.Equal(Bytes("v:a"), Read(reopened, reopenedAlpha, Bytes("a")));
    }

    [Fact]
    public void Reopen_AfterFlush_KeepsDataAndAcceptsNewWrites()
    {
        if (!ReopenSupported)
        {
            return;
        }

        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        for (var i = 0; i < 500; i++)
        {
            engine.Put(alpha, BigEndian(i), BigEndian(-i));
        }

        engine.Maintenance().Flush();
        engine.DeleteRange(alpha, BigEndian(100), BigEndian(400));

        var reopened = ReopenTracked(engine);
        var reopenedAlpha = reopened.GetColumnFamily("alpha");
        reopened.Put(reopenedAlpha, BigEndian(200), Bytes("new"));

        var keys = Keys(reopened, reopenedAlpha);
        Assert.Equal(201, keys.Count);
        Assert.Equal(BigEndian(-99), Read(reopened, reopenedAlpha, BigEndian(99)));
        Assert.Equal(Bytes("new"), Read(reopened, reopenedAlpha, BigEndian(200)));
        Assert.Null(Read(reopened, reopenedAlpha, BigEndian(100)));
    }
}
