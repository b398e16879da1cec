using TypedStore.Storage.Memory;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.Memory;

/// <summary>Behaviour specific to the in-memory engine, beyond the shared contract.</summary>
public sealed class MemoryEngineTests
{
    private static readonly string[] Families = ["alpha", "beta"];

    [Fact]
    public void CreateInMemory_ReadOnly_RejectsEveryWrite_AndStillReads()
    {
        using var engine = StorageEngines.CreateInMemory(Families, new StoreOptions { ReadOnly = true });
        var alpha = engine.GetColumnFamily("alpha");
        using var batch = engine.CreateWriteBatch();
        batch.Put(alpha, [1], [1]);

        Assert.True(engine.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => engine.Put(alpha, [1], [1]));
        Assert.Throws<InvalidOperationException>(() => engine.Delete(alpha, [1]));
        Assert.Throws<InvalidOperationException>(() => engine.DeleteRange(alpha, [1], [2]));
        Assert.Throws<InvalidOperationException>(() => engine.Write(batch));
        Assert.Equal(-1, engine.Get(alpha, [1], new byte[4]));
        using var iterator = engine.CreateIterator(alpha);
        iterator.SeekToFirst();
        Assert.False(iterator.IsValid);
    }

    [Fact]
    public void CreateCheckpoint_ThrowsNotSupported_WithoutCreatingTheDirectory()
    {
        using var engine = StorageEngines.CreateInMemory(Families);
        var directory = Path.Combine(Path.GetTempPath(), "typedstore-memory-checkpoint-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<NotSupportedException>(() => engine.Maintenance().CreateCheckpoint(directory));

        Assert.Contains("in-memory", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void GetProperty_EstimateNumKeys_IsExactAfterEveryKindOfWrite()
    {
        using var engine = StorageEngines.CreateInMemory(Families);
        var alpha = engine.GetColumnFamily("alpha");
        for (byte i = 0; i < 20; i++)
        {
            engine.Put(alpha, [i], [i]);
        }

        Assert.Equal("20", engine.Maintenance().GetProperty(alpha, "rocksdb.estimate-num-keys"));
        engine.Delete(alpha, [3]);
        engine.Delete(alpha, [200]);
        engine.DeleteRange(alpha, [10], [15]);
        Assert.Equal("14", engine.Maintenance().GetProperty(alpha, "rocksdb.estimate-num-keys"));
        Assert.Equal(14, engine.Maintenance().EstimateKeyCount(alpha));
        Assert.Null(engine.Maintenance().GetProperty(alpha, "rocksdb.stats"));
        Assert.Throws<ArgumentNullException>(() => engine.Maintenance().GetProperty(alpha, null!));
    }

    [Fact]
    public void Create_DuplicateOrEmptyColumnFamilyNames_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => StorageEngines.CreateInMemory(["a", "b", "a"]));
        Assert.Throws<ArgumentException>(() => StorageEngines.CreateInMemory(["a", ""]));
        Assert.Throws<ArgumentException>(() => StorageEngines.CreateInMemory(["a", null!]));
        Assert.Throws<ArgumentNullException>(() => StorageEngines.CreateInMemory(null!));
    }

    [Fact]
    public void Create_ColumnFamilyNames_AreCaseSensitive()
    {
        using var engine = StorageEngines.CreateInMemory(["users", "Users"]);

        Assert.NotSame(engine.GetColumnFamily("users"), engine.GetColumnFamily("Users"));
    }

    [Fact]
    public void Create_ConflictingOptions_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => StorageEngines.CreateInMemory(Families, new StoreOptions { SyncWrites = true, DisableWal = true }));
    }

    [Fact]
    public void Snapshot_KeepsItsVersionAlive_AfterManyLaterWrites()
    {
        // The snapshot must keep the exact old tree, not a view over a mutated one.
        using var engine = StorageEngines.CreateInMemory(Families);
        var alpha = engine.GetColumnFamily("alpha");
        for (var i = 0; i < 500; i++)
        {
            engine.Put(alpha, BitConverter.GetBytes(i), [1]);
        }

        using var snapshot = engine.CreateSnapshot();
        for (var i = 0; i < 500; i++)
        {
            engine.Put(alpha, BitConverter.GetBytes(i), [2]);
            engine.Delete(alpha, BitConverter.GetBytes(i + 250));
        }

        engine.DeleteRange(alpha, [], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);

        var seen = 0;
        using var iterator = engine.CreateIterator(alpha, snapshot: snapshot);
        for (iterator.SeekToFirst(); iterator.IsValid; iterator.Next())
        {
            Assert.Equal([1], iterator.Value.ToArray());
            seen++;
        }

        Assert.Equal(500, seen);
        Assert.Equal(0, engine.Maintenance().EstimateKeyCount(alpha));
    }

    [Fact]
    public void Iterator_KeyAndValueSpans_StayIntactAfterTheEntryIsOverwritten()
    {
        // Stronger than the contract (spans are valid until the next move), but it shows stored
        // arrays are never mutated in place — the property snapshots rely on.
        using var engine = StorageEngines.CreateInMemory(Families);
        var alpha = engine.GetColumnFamily("alpha");
        engine.Put(alpha, [1], [10, 20]);
        using var iterator = engine.CreateIterator(alpha);
        iterator.SeekToFirst();

        engine.Put(alpha, [1], [99, 99]);
        engine.Delete(alpha, [1]);

        Assert.Equal([10, 20], iterator.Value.ToArray());
    }

    [Fact]
    public void Dispose_AfterConcurrentWrites_LeavesNoWriteHalfApplied()
    {
        // Writers race the dispose: each write either completes or throws ObjectDisposedException;
        // no other exception (such as a NullReferenceException on released state) may escape.
        var engine = StorageEngines.CreateInMemory(Families);
        var alpha = engine.GetColumnFamily("alpha");
        var unexpected = new List<Exception>();
        var writers = new Thread[2];
        for (var w = 0; w < writers.Length; w++)
        {
            writers[w] = new Thread(() =>
            {
                for (var i = 0; i < 10_000; i++)
                {
                    try
                    {
                        engine.Put(alpha, BitConverter.GetBytes(i), [1]);
                    }
                    catch (ObjectDisposedException)
                    {
                        return;
                    }
                    catch (Exception error)
                    {
                        lock (unexpected)
                        {
                            unexpected.Add(error);
                        }

                        return;
                    }
                }
            });
            writers[w].Start();
        }

        engine.Dispose();
        foreach (var writer in writers)
        {
            writer.Join();
        }

        Assert.Empty(unexpected);
        Assert.Throws<ObjectDisposedException>(() => engine.Contains(alpha, [0]));
    }

    [Fact]
    public void MemoryEngine_IsWhatTheFactoryReturns()
    {
        using var engine = StorageEngines.CreateInMemory(Families);

        Assert.IsType<MemoryEngine>(engine);
    }
}
