using TypedStore.Storage;

namespace TypedStore.Tests.Storage.Contract;

public abstract partial class StorageEngineContractTests
{
    [Fact]
    public void Engine_AfterDispose_EveryMemberThrowsObjectDisposed()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("k"), Bytes("v"));
        var snapshot = engine.CreateSnapshot();
        engine.Dispose();

        var members = new (string Name, Action Call)[]
        {
            ("IsReadOnly", () => _ = engine.IsReadOnly),
            ("ColumnFamilies", () => _ = engine.ColumnFamilies),
            ("GetColumnFamily", () => engine.GetColumnFamily("alpha")),
            ("Get", () => engine.Get(alpha, Bytes("k"), new byte[4])),
            ("Get with snapshot", () => engine.Get(alpha, Bytes("k"), new byte[4], snapshot)),
            ("Contains", () => engine.Contains(alpha, Bytes("k"))),
            ("Put", () => engine.Put(alpha, Bytes("k"), Bytes("v"))),
            ("Delete", () => engine.Delete(alpha, Bytes("k"))),
            ("DeleteRange", () => engine.DeleteRange(alpha, Bytes("a"), Bytes("b"))),
            ("CreateWriteBatch", () => engine.CreateWriteBatch().Dispose()),
            ("Write", () => engine.Write(batch)),
            ("CreateIterator", () => engine.CreateIterator(alpha).Dispose()),
            ("CreateSnapshot", () => engine.CreateSnapshot().Dispose()),
            ("Flush", engine.Maintenance().Flush),
            ("CompactRange", () => engine.Maintenance().CompactRange(alpha)),
            ("CreateCheckpoint", () => engine.Maintenance().CreateCheckpoint(Path.Combine(Path.GetTempPath(), "typedstore-never-" + Guid.NewGuid().ToString("N")))),
            ("GetProperty", () => engine.Maintenance().GetProperty(alpha, "rocksdb.estimate-num-keys")),
            ("EstimateKeyCount", () => engine.Maintenance().EstimateKeyCount(alpha)),
        };

        foreach (var (name, call) in members)
        {
            var error = Record.Exception(call);
            Assert.True(error is ObjectDisposedException, $"{name} after Dispose threw {error?.GetType().Name ?? "nothing"}.");
        }

        // Disposing again, and disposing what the engine handed out, is safe.
        engine.Dispose();
        batch.Dispose();
        snapshot.Dispose();
    }

    [Fact]
    public void Iterator_AfterItsDispose_ThrowsObjectDisposed()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a");
        var iterator = engine.CreateIterator(alpha);
        iterator.SeekToFirst();

        iterator.Dispose();

        AssertIteratorDisposed(iterator);
        iterator.Dispose();
    }

    [Fact]
    public void Iterator_AfterTheEngineIsDisposed_ThrowsObjectDisposed_AndCanStillBeDisposed()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a");
        var iterator = engine.CreateIterator(alpha);
        iterator.SeekToFirst();

        engine.Dispose();

        AssertIteratorDisposed(iterator);
        iterator.Dispose();
    }

    [Fact]
    public void Batch_AfterDispose_ThrowsObjectDisposed()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var batch = engine.CreateWriteBatch();
        batch.Put(alpha, Bytes("k"), Bytes("v"));

        batch.Dispose();

        Assert.Throws<ObjectDisposedException>(() => batch.Count);
        Assert.Throws<ObjectDisposedException>(() => batch.Put(alpha, Bytes("k"), Bytes("v")));
        Assert.Throws<ObjectDisposedException>(() => batch.Delete(alpha, Bytes("k")));
        Assert.Throws<ObjectDisposedException>(() => batch.DeleteRange(alpha, Bytes("a"), Bytes("b")));
        Assert.Throws<ObjectDisposedException>(batch.Clear);
        Assert.Throws<ObjectDisposedException>(() => engine.Write(batch));
        Assert.False(engine.Contains(alpha, Bytes("k")));
        batch.Dispose();
    }

    [Fact]
    public void Snapshot_AfterDispose_ThrowsObjectDisposed()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var snapshot = engine.CreateSnapshot();

        snapshot.Dispose();

        Assert.Throws<ObjectDisposedException>(() => engine.Get(alpha, Bytes("k"), new byte[4], snapshot));
        Assert.Throws<ObjectDisposedException>(() => engine.Contains(alpha, Bytes("k"), snapshot));
        Assert.Throws<ObjectDisposedException>(() => engine.CreateIterator(alpha, snapshot: snapshot).Dispose());
        snapshot.Dispose();

        // The engine itself is unaffected.
        engine.Put(alpha, Bytes("k"), Bytes("v"));
        Assert.True(engine.Contains(alpha, Bytes("k")));
    }

    [Fact]
    public void Flush_AndCompactRange_KeepEveryEntry()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        PutTextKeys(engine, alpha, "a", "b", "c", "d", "e");
        engine.Delete(alpha, Bytes("b"));
        engine.DeleteRange(alpha, Bytes("c"), Bytes("d"));

        engine.Maintenance().Flush();
        engine.Maintenance().CompactRange(alpha, Bytes("a"), Bytes("c\0"));
        engine.Maintenance().CompactRange(alpha);

        Assert.Equal(["a", "d", "e"], TextKeys(engine, alpha));
        Assert.Equal(Bytes("v:d"), Read(engine, alpha, Bytes("d")));
        engine.Put(alpha, Bytes("b"), Bytes("back"));
        Assert.Equal(["a", "b", "d", "e"], TextKeys(engine, alpha));
    }

    [Fact]
    public void EstimateKeyCount_AfterWrites_CountsTheKeys()
    {
        var engine = Open();
        var alpha = engine.GetColumnFamily("alpha");
        var beta = engine.GetColumnFamily("beta");
        for (var i = 0; i < 100; i++)
        {
            engine.Put(alpha, BigEndian(i), [1]);
        }

        engine.Put(alpha, BigEndian(5), [2]);
        engine.Delete(alpha, BigEndian(7));
        engine.DeleteRange(alpha, BigEndian(50), BigEndian(60));
        engine.Maintenance().Flush();

        var estimate = engine.Maintenance().EstimateKeyCount(alpha);
        var property = engine.Maintenance().GetProperty(alpha, "rocksdb.estimate-num-keys");

        Assert.NotNull(property);
        Assert.True(long.TryParse(property, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fromProperty));
        if (KeyCountIsExact)
        {
            // 100 distinct keys, the overwrite adds none, one deleted, ten range-deleted.
            Assert.Equal(89, estimate);
            Assert.Equal(89, fromProperty);
            Assert.Equal(0, engine.Maintenance().EstimateKeyCount(beta));
        }
        else
        {
            Assert.True(estimate > 0, $"estimate {estimate}");
            Assert.True(fromProperty > 0, $"property {fromProperty}");
        }
    }

    [Fact]
    public void GetProperty_UnknownName_ReturnsNull()
    {
        var engine = Open();

        Assert.Null(engine.Maintenance().GetProperty(engine.GetColumnFamily("alpha"), "typedstore.no-such-property"));
    }

    private static void AssertIteratorDisposed(StorageIterator iterator)
    {
        Assert.Throws<ObjectDisposedException>(() => iterator.IsValid);
        Assert.Throws<ObjectDisposedException>(() => iterator.Key.ToArray());
        Assert.Throws<ObjectDisposedException>(() => iterator.Value.ToArray());
        Assert.Throws<ObjectDisposedException>(iterator.SeekToFirst);
        Assert.Throws<ObjectDisposedException>(iterator.SeekToLast);
        Assert.Throws<ObjectDisposedException>(() => iterator.Seek(Bytes("a")));
        Assert.Throws<ObjectDisposedException>(() => iterator.SeekForPrev(Bytes("a")));
        Assert.Throws<ObjectDisposedException>(iterator.Next);
        Assert.Throws<ObjectDisposedException>(iterator.Previous);
    }
}
