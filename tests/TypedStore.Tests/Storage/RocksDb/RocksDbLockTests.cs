using System.Diagnostics;
using RocksDbSharp;
using SharpRocksDb = RocksDbSharp.RocksDb;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

public sealed class RocksDbLockTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.Sub("store");

    [Fact]
    public void SecondOpenInThisProcess_ThrowsStoreLocked_AndTheFirstKeepsWorking()
    {
        using StorageEngine first = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        StorageColumnFamily family = first.GetColumnFamily("a");
        first.Put(family, [1], [1]);

        var exception = Assert.Throws<StoreLockedException>(() => StorageEngines.OpenRocksDb(StorePath, ["a"]));

        Assert.Contains(StorePath, exception.Message, StringComparison.Ordinal);
        Assert.Contains("already open", exception.Message, StringComparison.Ordinal);
        first.Put(family, [2], [2]);
        Assert.True(first.Contains(family, [1]));
        Assert.True(first.Contains(family, [2]));
    }

    [Fact]
    public void OpenAfterTheFirstIsDisposed_Succeeds_WithItsData()
    {
        StorageEngine first = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        first.Put(first.GetColumnFamily("a"), [1], [1]);
        Assert.Throws<StoreLockedException>(() => StorageEngines.OpenRocksDb(StorePath, ["a"]));
        first.Dispose();

        using StorageEngine second = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        Assert.True(second.Contains(second.GetColumnFamily("a"), [1]));
    }

    [Fact]
    public void StoreHeldByRocksDbSharpInThisProcess_ThrowsStoreLocked_AndTheReverse()
    {
        using (SharpRocksDb sharp = SharpRocksDb.Open(new DbOptions().SetCreateIfMissing(true), StorePath))
        {
            sharp.Put([1], [1]);
            Assert.Throws<StoreLockedException>(() => StorageEngines.OpenRocksDb(StorePath, ["default"]));
            Assert.Equal(new byte[] { 1 }, sharp.Get([1]));
        }

        using StorageEngine ours = StorageEngines.OpenRocksDb(StorePath, ["default"]);
        Assert.ThrowsAny<Exception>(() => SharpRocksDb.Open(new DbOptions(), StorePath).Dispose());
        Assert.True(ours.Contains(ours.GetColumnFamily("default"), [1]));
    }

    [Fact]
    public void StoreLockedByAnotherProcess_ThrowsStoreLocked_UntilThatProcessLetsGo()
    {
        StorageEngines.OpenRocksDb(StorePath, ["a"]).Dispose();
        string lockFile = Path.Combine(StorePath, "LOCK");
        Assert.True(File.Exists(lockFile));

        // RocksDB locks LOCK with fcntl(F_SETLK, F_WRLCK) over the whole file; Python's lockf takes the
        // same kind of lock, so this child stands in faithfully for another process holding the store.
        const string HoldLock = "import fcntl, sys\nf = open(sys.argv[1], 'r+')\nfcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nprint('locked', flush=True)\nsys.stdin.read()\n";
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(HoldLock);
        start.ArgumentList.Add(lockFile);

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("python3 could not be started; this test needs it.");
        try
        {
            Assert.Equal("locked", child.StandardOutput.ReadLine());

            var exception = Assert.Throws<StoreLockedException>(() => StorageEngines.OpenRocksDb(StorePath, ["a"]));
            Assert.Contains(StorePath, exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            child.StandardInput.Close(); // The child exits, and its lock goes with it.
            if (!child.WaitForExit(30_000))
            {
                child.Kill();
            }
        }

        using StorageEngine engine = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        Assert.NotNull(engine.GetColumnFamily("a"));
    }

    [Fact]
    public void ReadOnlyOpen_TakesNoLock_SoItWorksBesideAWriter()
    {
        // RocksDB's read-only mode does not take the LOCK: documented in docs/storage-core.md.
        using StorageEngine writer = StorageEngines.OpenRocksDb(StorePath, ["a"]);
        writer.Put(writer.GetColumnFamily("a"), [1], [1]);
        writer.Maintenance().Flush();

        using StorageEngine reader = StorageEngines.OpenRocksDb(StorePath, ["a"], new StoreOptions { ReadOnly = true });
        Assert.True(reader.Contains(reader.GetColumnFamily("a"), [1]));
    }
}
