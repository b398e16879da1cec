using TypedStore.CrashTarget;
using TypedStore.Tests.Reliability.CrashTarget;
using TypedStore.Tests.Reliability.Hostile;
using TypedStore.Tests.Storage.RocksDb;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Stores opened where things go wrong: a path that is a file, a missing parent, a NUL in the path, a damaged
/// CURRENT file, a read-only file system or directory, a full disk, and a store another process has open. Each time:
/// a clear exception, nothing on disk damaged, and the store usable again once the cause is gone.
/// </summary>
public sealed class HostileEnvironmentTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void PathThatIsAFile_FailsClearly_WithEveryOption_AndLeavesTheFileAlone()
    {
        string path = _directory.Sub("not-a-directory");
        File.WriteAllText(path, "precious");

        foreach (StoreOptions options in new[] { new StoreOptions(), new StoreOptions { ReadOnly = true }, new StoreOptions { CreateIfMissing = false } })
        {
            StorageEngineException error = Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(path, options));
            Assert.Contains("is a file", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public void MissingParent_FailsClearly_NamingTheParent_AndCreatesNothing()
    {
        string parent = _directory.Sub("missing");
        string path = Path.Combine(parent, "store");

        StorageEngineException error = Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(path));

        Assert.Contains($"parent directory '{parent}' does not exist", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(parent));

        // A parent that is a file is named as such.
        File.WriteAllText(parent, "x");
        error = Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(path));
        Assert.Contains($"parent directory '{parent}' is a file", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(parent));
    }

    [Fact]
    public void NulInThePath_IsAnArgumentError_BeforeAnythingIsCreated()
    {
        // A C string ends at the NUL: passed on, it would open "…/abc" instead of the path asked for.
        Assert.ThrowsAny<ArgumentException>(() => ReliabilityStore.Open(Path.Combine(_directory.Path, "abc\0def")));
        Assert.Empty(Directory.GetFileSystemEntries(_directory.Path));
    }

    [Fact]
    public void DamagedCurrentFile_FailsWithTheEnginesCorruptionMessage_AndLeavesTheFileAlone()
    {
        string path = _directory.Sub("store");
        using (ReliabilityStore store = ReliabilityStore.Open(path))
        {
            store.Accounts.Put(new Account("a", 1, null));
        }

        string current = Path.Combine(path, "CURRENT");
        File.WriteAllText(current, "MANIFEST-999999\n"); // names a manifest that does not exist

        StorageEngineException error = Assert.Throws<StoreCorruptedException>(() => ReliabilityStore.Open(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal("MANIFEST-999999\n", File.ReadAllText(current));

        File.WriteAllText(current, "garbage");
        error = Assert.Throws<StoreCorruptedException>(() => ReliabilityStore.Open(path));
        Assert.Contains("Corruption", error.Message, StringComparison.Ordinal);
        Assert.Equal("garbage", File.ReadAllText(current));
    }

    [TmpfsFact]
    public void ReadOnlyFileSystem_ReadWriteOpenFailsClearly_ReadOnlyOpenReads_AndNothingIsDamaged()
    {
        using TmpfsMount disk = TmpfsMount.Create("16m");
        string path = Path.Combine(disk.Path, "store");
        Account[] rows = Enumerable.Range(0, 100).Select(i => new Account($"a{i:D3}", i, "row")).ToArray();
        using (ReliabilityStore store = ReliabilityStore.Open(path))
        {
            store.Accounts.PutMany(rows);
        }

        Dictionary<string, byte[]> before = Snapshot(path);
        disk.Remount("ro");
        try
        {
            StorageEngineException error = Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(path));
            Assert.Contains("Read-only file system", error.Message, StringComparison.Ordinal);
            Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(Path.Combine(disk.Path, "new-store")));

            // Read-only mode writes nothing, so it works on read-only storage (WAL replayed in memory).
            using (ReliabilityStore reader = ReliabilityStore.Open(path, new StoreOptions { ReadOnly = true }))
            {
                Assert.Equal(rows, reader.Accounts.ScanAll());
            }
        }
        finally
        {
            disk.Remount("rw");
        }

        Assert.Equal(before.Keys.Order(), Snapshot(path).Keys.Order());
        using ReliabilityStore reopened = ReliabilityStore.Open(path);
        Assert.Equal(rows, reopened.Accounts.ScanAll());
        reopened.Accounts.Put(new Account("after", 1, null));
    }

    [NonRootFact]
    public void ReadOnlyDirectory_ReadWriteOpenFailsClearly_ReadOnlyOpenReads()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions; the attribute already skips root
        }

        string path = _directory.Sub("store");
        using (ReliabilityStore store = ReliabilityStore.Open(path))
        {
            store.Accounts.Put(new Account("a", 1, null));
        }

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(path));
            using ReliabilityStore reader = ReliabilityStore.Open(path, new StoreOptions { ReadOnly = true });
            Assert.Equal(1, reader.Accounts.Get("a")!.Balance);
        }
        finally
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [TmpfsFact]
    public void FullDisk_WritesFailClearly_AcknowledgedWritesSurvive_BatchesStayAtomic_AndTheStoreRecoversOnceThereIsSpace()
    {
        using TmpfsMount disk = TmpfsMount.Create("2m");
        string path = Path.Combine(disk.Path, "store");
        var acknowledged = new List<Account>();
        string value = new('x', 1_000);
        using (ReliabilityStore store = ReliabilityStore.Open(path))
        {
            StorageEngineException? full = null;
            for (int i = 0; full is null && i < 100_000; i++)
            {
                var row = new Account($"a{i:D6}", i, value);
                try
                {
                    store.Accounts.Put(row);
                    acknowledged.Add(row);
                }
                catch (StorageEngineException ex)
                {
                    full = ex;
                }
            }

            Assert.NotNull(full);
            Assert.Contains("No space left on device", full.Message, StringComparison.Ordinal);
            Assert.Equal("accounts", full.Table);

            // A batch on a full disk fails as a whole, and reads still work.
            Assert.Throws<StorageEngineException>(() =>
            {
                using ReliabilityStoreBatch batch = store.CreateBatch();
                batch.Accounts.Put(new Account("batch-1", 1, value));
                batch.Notes.Put(new Note("u", 1, value));
                batch.Commit();
            });
            Assert.Equal(acknowledged[^1], store.Accounts.Get(acknowledged[^1].Id));
        }

        // Reopening needs room to replay the log into a table file: refused clearly while the disk is full.
        StorageEngineException reopenFull = Assert.Throws<StorageEngineException>(() => ReliabilityStore.Open(path));
        Assert.Contains("No space left on device", reopenFull.Message, StringComparison.Ordinal);

        disk.Remount("size=32m");
        using ReliabilityStore reopened = ReliabilityStore.Open(path);
        Assert.Equal(acknowledged.Count, reopened.Accounts.ScanAll().Count(a => acknowledged.Count > 0 && string.CompareOrdinal(a.Id, acknowledged[^1].Id) <= 0));
        foreach (Account row in acknowledged)
        {
            Assert.Equal(row, reopened.Accounts.Get(row.Id));
        }

        Assert.Null(reopened.Accounts.Get("batch-1"));
        Assert.Equal(0, reopened.Notes.Count());
        reopened.Accounts.Put(new Account("after", 1, value));
        Assert.NotNull(reopened.Accounts.Get("after"));
    }

    [Fact]
    public void AnotherProcessHasTheStoreOpen_OpenThrowsStoreLocked_ReadOnlyOpenWorks_NothingIsDamaged()
    {
        string path = _directory.Sub("store");
        var writes = new AcknowledgedWrites();
        using (CrashTargetProcess child = CrashTargetProcess.Start(path, "wal", seed: 67_001, generation: 0))
        {
            child.ReadAcknowledgements(writes, 50);

            StoreLockedException error = Assert.Throws<StoreLockedException>(() => CrashStore.Open(path));
            Assert.Contains(path, error.Message, StringComparison.Ordinal);
            Assert.Contains("already open", error.Message, StringComparison.Ordinal);

            // Read-only mode takes no lock: it replays the writer's log, so it sees every write acknowledged before it
            // opened (and more: the writer has run ahead of the acknowledgements read so far).
            using (CrashStore reader = CrashStore.Open(path, new StoreOptions { ReadOnly = true }))
            {
                Assert.Empty(writes.Verify(reader, AcknowledgedWrites.Expectation.WriterStillRunning));
            }

            // The writer was not disturbed by either attempt.
            child.ReadAcknowledgements(writes, 50);
            child.KillAndCollect(writes);
        }

        using CrashStore reopened = CrashStore.Open(path);
        Assert.Empty(writes.Verify(reopened, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite));
    }

    private static Dictionary<string, byte[]> Snapshot(string directory)
        => Directory.GetFiles(directory).ToDictionary(file => Path.GetFileName(file), File.ReadAllBytes);
}
