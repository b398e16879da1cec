namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void Batch_BeforeWrite_NothingIsVisible()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "existing");
        using var batch = engine.CreateWriteBatch();

        batch.Put(alpha, Bytes("new"), Bytes("v"));
        batch.Delete(alpha, Bytes("existing"));
        batch.DeleteRange(alpha, [], Bytes("zzz"));

        Assert.Equal(["existing"], TextKeys(engine, alpha));
        Assert.False(engine.Contains(alpha, Bytes("new")));
    }

    [Fact]
    public void Batch_Write_AppliesEveryOperationAcrossColumnFamilies()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        PutTextKeys(engine, alpha, "old");
        PutTextKeys(engine, beta, "b1", "b2", "b3");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("a1"), Bytes("x"));
        batch.Delete(alpha, Bytes("old"));
        batch.Put(beta, Bytes("b4"), Bytes("y"));
        batch.DeleteRange(beta, Bytes("b1"), Bytes("b3"));

        engine.Write(batch);

        Assert.Equal(["a1"], TextKeys(engine, alpha));
        Assert.Equal(["b3", "b4"], TextKeys(engine, beta));
        Assert.Equal(Bytes("y"), Read(engine, beta, Bytes("b4")));
    }

    [Fact]
    public void Batch_PutThenDeleteOfOneKey_LeavesItAbsent()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("k"), Bytes("v"));
        batch.Delete(alpha, Bytes("k"));

        engine.Write(batch);

        Assert.False(engine.Contains(alpha, Bytes("k")));
    }

    [Fact]
    public void Batch_DeleteThenPutOfOneKey_LeavesTheNewValue()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, Bytes("k"), Bytes("old"));
        using var batch = engine.CreateWriteBatch();
        batch.Delete(alpha, Bytes("k"));
        batch.Put(alpha, Bytes("k"), Bytes("new"));
        batch.Put(alpha, Bytes("k"), Bytes("newest"));

        engine.Write(batch);

        Assert.Equal(Bytes("newest"), Read(engine, alpha, Bytes("k")));
    }

    [Fact]
    public void Batch_DeleteRange_AppliesInRecordedOrder()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "k0", "z");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("k1"), Bytes("before the range delete"));
        batch.DeleteRange(alpha, Bytes("k"), Bytes("l"));
        batch.Put(alpha, Bytes("k2"), Bytes("after the range delete"));

        engine.Write(batch);

        Assert.Equal(["k2", "z"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Batch_Count_CountsOperations_AndClearEmptiesTheBatchForReuse()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        Assert.Equal(0, batch.Count);

        batch.Put(alpha, Bytes("a"), Bytes("1"));
        batch.Delete(alpha, Bytes("b"));
        batch.DeleteRange(alpha, Bytes("c"), Bytes("d"));
        Assert.Equal(3, batch.Count);

        batch.Clear();
        Assert.Equal(0, batch.Count);
        batch.Put(alpha, Bytes("reused"), Bytes("2"));
        engine.Write(batch);

        // Only what was recorded after Clear is written.
        Assert.Equal(["reused"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Batch_Empty_WriteChangesNothing()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a");
        using var batch = engine.CreateWriteBatch();

        engine.Write(batch);

        Assert.Equal(["a"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Batch_KeepsPrivateCopies_OfTheCallersBuffers()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var key = Bytes("key");
        var value = Bytes("value");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, key, value);

        key[0] = (byte)'X';
        value[0] = (byte)'X';
        engine.Write(batch);

        Assert.Equal(Bytes("value"), Read(engine, alpha, Bytes("key")));
        Assert.False(engine.Contains(alpha, Bytes("Xey")));
    }

    [Fact]
    public void Batch_OfAnotherEngine_ThrowsArgumentException_AndWritesNothing()
    {
        var engine = Open();
        var other = Open();
        using var foreign = other.CreateWriteBatch();
        foreign.Put(other.GetColumnFamily("alpha"), Bytes("k"), Bytes("v"));

        Assert.Throws<ArgumentException>(() => engine.Write(foreign));
        Assert.Throws<ArgumentNullException>(() => engine.Write(null!));

        Assert.Empty(Keys(engine, engine.GetColumnFamily("alpha")));
        Assert.Empty(Keys(other, other.GetColumnFamily("alpha")));
    }

    [Fact]
    public void Batch_ReversedDeleteRange_IsRejected_AndTheEngineStaysUsable()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c");

        // Rejected when recorded or when written: either way before anything is applied.
        Assert.Throws<ArgumentException>(() =>
        {
            using var batch = engine.CreateWriteBatch();
            batch.Put(alpha, Bytes("x"), Bytes("1"));
            batch.DeleteRange(alpha, Bytes("c"), Bytes("a"));
            engine.Write(batch);
        });

        Assert.Equal(["a", "b", "c"], TextKeys(engine, alpha));
        using var valid = engine.CreateWriteBatch();
        valid.DeleteRange(alpha, Bytes("a"), Bytes("c"));
        engine.Write(valid);
        Assert.Equal(["c"], TextKeys(engine, alpha));
    }

    [Fact]
    public void Batch_WrittenWhileReadersRun_IsSeenWholeOrNotAtAll()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        const int MinimumRounds = 200;
        const int MinimumReads = 500;
        var torn = 0;
        var reads = 0;
        var writerDone = 0;

        // The reader (a dedicated thread, so a busy thread pool cannot delay it) checks through
        // snapshots that both counters of a batch change together.
        var reader = new Thread(() =>
        {
            while (Volatile.Read(ref writerDone) == 0)
            {
                using var snapshot = engine.CreateSnapshot();
                var inAlpha = Read(engine, alpha, Bytes("counter"), snapshot);
                var inBeta = Read(engine, beta, Bytes("counter"), snapshot);
                if (!StructuralEquals(inAlpha, inBeta))
                {
                    Interlocked.Increment(ref torn);
                }

                Interlocked.Increment(ref reads);
            }
        });
        reader.Start();

        // Overlap is guaranteed by counting, not by timing: the writer goes on until the reader has
        // made enough reads while batches were being written.
        var round = 0;
        for (; round < MinimumRounds || Volatile.Read(ref reads) < MinimumReads; round++)
        {
            using var batch = engine.CreateWriteBatch();
            batch.Put(alpha, Bytes("counter"), BigEndian(round));

            // Filler between the two counters widens the window a non-atomic write would expose.
            for (var filler = 0; filler < 32; filler++)
            {
                batch.Put(beta, BigEndian(filler), BigEndian(round));
            }

            batch.Put(beta, Bytes("counter"), BigEndian(round));
            engine.Write(batch);
        }

        Volatile.Write(ref writerDone, 1);
        reader.Join();

        Assert.Equal(0, Volatile.Read(ref torn));
        Assert.Equal(BigEndian(round - 1), Read(engine, alpha, Bytes("counter")));
        Assert.Equal(BigEndian(round - 1), Read(engine, beta, Bytes("counter")));
    }

    [Fact]
    public void ConcurrentWriters_EveryWriteLands()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        const int Writers = 4;
        const int KeysPerWriter = 250;

        var threads = new Thread[Writers];
        for (var writer = 0; writer < Writers; writer++)
        {
            var id = writer;
            threads[writer] = new Thread(() =>
            {
                for (var i = 0; i < KeysPerWriter; i++)
                {
                    engine.Put(alpha, BigEndian((id * KeysPerWriter) + i), [(byte)id]);
                }
            });
            threads[writer].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var keys = Keys(engine, alpha);
        Assert.Equal(Writers * KeysPerWriter, keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            Assert.Equal(BigEndian(i), keys[i]);
        }
    }

    private static bool StructuralEquals(byte[]? left, byte[]? right)
        => left is null ? right is null : right is not null && left.AsSpan().SequenceEqual(right);
}
