namespace TypedStore.Tests.Storage.Contract;

/// <content>
/// Write-batch save points: what lets a store batch undo the writes of one refused member
/// (<c>StoreBatchRuntime.BeginMember</c>) without touching the writes recorded before it.
/// </content>
public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void SavePoint_Rollback_RemovesOnlyTheOperationsRecordedSinceIt()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        PutTextKeys(engine, alpha, "kept", "spared");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("before"), Bytes("1"));

        batch.SetSavePoint();
        batch.Put(alpha, Bytes("undone"), Bytes("2"));
        batch.Delete(alpha, Bytes("spared"));
        batch.DeleteRange(alpha, Bytes("k"), Bytes("l"));
        batch.Put(beta, Bytes("undone too"), Bytes("3"));
        Assert.Equal(5, batch.Count);
        batch.RollbackToSavePoint();

        Assert.Equal(1, batch.Count);
        batch.Put(alpha, Bytes("after"), Bytes("4"));
        engine.Write(batch);

        Assert.Equal(["after", "before", "kept", "spared"], TextKeys(engine, alpha));
        Assert.Empty(TextKeys(engine, beta));
    }

    [Fact]
    public void SavePoint_Pop_KeepsTheOperations_AndRollbackThenGoesToTheOuterSavePoint()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("a"), Bytes("1"));
        batch.SetSavePoint();
        batch.Put(alpha, Bytes("b"), Bytes("2"));
        batch.SetSavePoint();
        batch.Put(alpha, Bytes("c"), Bytes("3"));

        batch.PopSavePoint();
        Assert.Equal(3, batch.Count);

        // The inner save point is gone: the rollback undoes everything since the outer one.
        batch.RollbackToSavePoint();
        Assert.Equal(1, batch.Count);
        engine.Write(batch);
        Assert.Equal(["a"], TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_Nested_RollbackUndoesTheInnermostOnly()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.SetSavePoint();
        batch.Put(alpha, Bytes("outer"), Bytes("1"));
        batch.SetSavePoint();
        batch.Put(alpha, Bytes("inner"), Bytes("2"));

        batch.RollbackToSavePoint();
        Assert.Equal(1, batch.Count);
        batch.PopSavePoint();
        engine.Write(batch);

        Assert.Equal(["outer"], TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_SetTwiceAtTheSamePosition_EachRollsBackToItsOwnMark()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.SetSavePoint();
        batch.SetSavePoint();
        batch.Put(alpha, Bytes("x"), Bytes("1"));
        batch.RollbackToSavePoint();
        Assert.Equal(0, batch.Count);
        batch.Put(alpha, Bytes("y"), Bytes("2"));
        batch.SetSavePoint();
        batch.RollbackToSavePoint();
        Assert.Equal(1, batch.Count);

        // The outer save point was set before "y": rolling back to it removes "y" as well.
        batch.RollbackToSavePoint();
        Assert.Equal(0, batch.Count);
        Assert.Throws<InvalidOperationException>(batch.PopSavePoint);
        batch.Put(alpha, Bytes("z"), Bytes("3"));
        engine.Write(batch);
        Assert.Equal(["z"], TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_RollbackWithNothingRecorded_LeavesAnEmptyBatch()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "existing");
        using var batch = engine.CreateWriteBatch();
        batch.SetSavePoint();
        batch.Delete(alpha, Bytes("existing"));

        batch.RollbackToSavePoint();
        engine.Write(batch);

        Assert.Equal(0, batch.Count);
        Assert.Equal(["existing"], TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_None_RollbackAndPopThrowInvalidOperation_AndTheBatchStaysUsable()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("a"), Bytes("1"));

        Assert.Throws<InvalidOperationException>(batch.RollbackToSavePoint);
        Assert.Throws<InvalidOperationException>(batch.PopSavePoint);
        batch.SetSavePoint();
        batch.PopSavePoint();
        Assert.Throws<InvalidOperationException>(batch.PopSavePoint);

        Assert.Equal(1, batch.Count);
        engine.Write(batch);
        Assert.Equal(["a"], TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_Clear_ForgetsEverySavePoint()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.SetSavePoint();
        batch.Put(alpha, Bytes("a"), Bytes("1"));
        batch.SetSavePoint();

        batch.Clear();

        Assert.Throws<InvalidOperationException>(batch.RollbackToSavePoint);
        batch.Put(alpha, Bytes("b"), Bytes("2"));
        engine.Write(batch);
        Assert.Equal(["b"], TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_ManyInARow_SetAndPopAroundEachWrite_KeepsEveryWrite()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        for (int i = 0; i < 1000; i++)
        {
            batch.SetSavePoint();
            batch.Put(alpha, Bytes($"k{i:D4}"), Bytes("v"));
            if (i % 10 == 9)
            {
                batch.RollbackToSavePoint();
            }
            else
            {
                batch.PopSavePoint();
            }
        }

        Assert.Equal(900, batch.Count);
        engine.Write(batch);
        Assert.Equal(900, TextKeys(engine, alpha).Count);
        Assert.DoesNotContain("k0009", TextKeys(engine, alpha));
    }

    [Fact]
    public void SavePoint_AfterDispose_ThrowsObjectDisposed()
    {
        var engine = Open();
        var batch = engine.CreateWriteBatch();
        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(batch.SetSavePoint);
        Assert.Throws<ObjectDisposedException>(batch.RollbackToSavePoint);
        Assert.Throws<ObjectDisposedException>(batch.PopSavePoint);
    }
}
