using TypedStore.Tests.EndToEnd;
using TypedStore.CrashTarget;
using TypedStore.Tests.Reliability.CrashTarget;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// <see cref="StoreRepair.RepairCopy"/>: a store refused with <see cref="StoreCorruptedException"/> is recovered into
/// a copy (every row back, opened through the generated API with its catalog checked), and the damaged original is
/// left byte-for-byte as it was. Bad arguments are refused before anything is written; a failed repair leaves no
/// half-made copy.
/// </summary>
public sealed class StoreRepairTests : IDisposable
{
    private const int RowCount = 20_000;
    private readonly TempDirectory _directory = new();
    private readonly string _damaged;
    private readonly string _repaired;

    public StoreRepairTests()
    {
        _damaged = _directory.Sub("damaged");
        _repaired = _directory.Sub("repaired");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ManifestTruncatedBy100Bytes_IsRefused_ThenRepairedIntoACopy_WithEveryRow()
    {
        // WAL off: the close flushes every row into table files, so only the MANIFEST names them.
        WriteMessages(new StoreOptions { DisableWal = true });
        string manifest = Path.Combine(_damaged, File.ReadAllText(Path.Combine(_damaged, "CURRENT")).Trim());
        using (var stream = new FileStream(manifest, FileMode.Open))
        {
            stream.SetLength(stream.Length - 100);
        }

        var refused = Assert.Throws<StoreCorruptedException>(() => ChatStore.Open(_damaged).Dispose());
        Assert.Contains("StoreRepair.RepairCopy", refused.Message, StringComparison.Ordinal);
        StoreFiles before = StoreFiles.Capture(_damaged);

        StoreRepair.RepairCopy(_damaged, _repaired);

        before.AssertUnchangedIn(_damaged);
        AssertEveryMessage(_repaired);
    }

    [Fact]
    public void WalDamagedInTheMiddle_IsRefused_ThenRepairedIntoACopy_UpToTheDamage()
    {
        WriteMessages(options: null);
        string wal = Directory.GetFiles(_damaged, "*.log").OrderBy(file => file, StringComparer.Ordinal).Last();
        byte[] bytes = File.ReadAllBytes(wal);
        for (int i = bytes.Length / 2; i < bytes.Length / 2 + 4; i++)
        {
            bytes[i] ^= 0xFF;
        }

        File.WriteAllBytes(wal, bytes);
        Assert.Throws<StoreCorruptedException>(() => ChatStore.Open(_damaged).Dispose());

        StoreRepair.RepairCopy(_damaged, _repaired);

        // The records after the damage cannot be read back; what comes back is readable and whole.
        using ChatStore store = ChatStore.Open(_repaired);
        long count = store.Messages.Count();
        Assert.InRange(count, 1, RowCount - 1);
        Assert.Equal("ada", store.Users.Get("u1")?.Name);
        foreach (Message message in store.Messages.ScanAll())
        {
            Assert.Equal($"message {message.MessageId}", message.Text);
        }
    }

    [Fact]
    public void AnUndamagedStore_IsCopiedWhole_WithTheRowsOnlyItsWalHeld()
    {
        WriteMessages(options: null);

        StoreRepair.RepairCopy(_damaged, _repaired);

        AssertEveryMessage(_repaired);
    }

    [Fact]
    public void ARepairedCopyTargetThatExists_IsRefused_AndNothingIsWritten()
    {
        WriteMessages(options: null);
        Directory.CreateDirectory(_repaired);
        File.WriteAllText(Path.Combine(_repaired, "keep.txt"), "mine");

        Assert.Throws<IOException>(() => StoreRepair.RepairCopy(_damaged, _repaired));

        Assert.Equal(["keep.txt"], Directory.GetFiles(_repaired).Select(Path.GetFileName));
    }

    [Fact]
    public void BadPaths_AreRefused_BeforeAnythingIsWritten()
    {
        WriteMessages(options: null);

        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(_damaged, _damaged));
        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(_damaged + Path.DirectorySeparatorChar, _damaged));
        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(_damaged, _repaired + "\0x"));
        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(" ", _repaired));
        Assert.ThrowsAny<ArgumentException>(() => StoreRepair.RepairCopy(null!, _repaired));
        Assert.Throws<DirectoryNotFoundException>(() => StoreRepair.RepairCopy(_directory.Sub("missing"), _repaired));
        Assert.False(Directory.Exists(_repaired));
    }

    [Fact]
    public void ACopyInsideTheDamagedStore_IsRefused_BeforeAnythingIsCopied()
    {
        WriteMessages(options: null);
        string inside = Path.Combine(_damaged, "repaired");

        // Before: the copy copied itself level after level until PathTooLongException (or a full disk).
        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(_damaged, inside));
        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(_damaged + Path.DirectorySeparatorChar, Path.Combine(inside, "deeper")));

        Assert.False(Directory.Exists(inside));
    }

    [Fact]
    public void AStoreOpenInThisProcess_IsRefused_AndKeepsWorking()
    {
        using ChatStore open = ChatStore.Open(_damaged, new StoreOptions { DisableWal = true });
        open.Users.Put(new User("u1", "ada", "ada@example.com"));
        open.Messages.Put(new Message("u1", 1, "message 1", DateTime.UtcNow));

        // Before: copied without a word, and with the WAL off the copy had none of the rows.
        Assert.Throws<StoreLockedException>(() => StoreRepair.RepairCopy(_damaged, _repaired));

        Assert.False(Directory.Exists(_repaired));
        open.Messages.Put(new Message("u1", 2, "message 2", DateTime.UtcNow));
        Assert.Equal(2, open.Messages.Count());
        Assert.Throws<StoreLockedException>(() => ChatStore.Open(_damaged).Dispose());
    }

    [Fact]
    public void AStoreOpenInAnotherProcess_IsRefused_AndTheWriterIsNotDisturbed()
    {
        var writes = new AcknowledgedWrites();
        using (CrashTargetProcess child = CrashTargetProcess.Start(_damaged, "wal", seed: 67_011, generation: 0))
        {
            child.ReadAcknowledgements(writes, 50);

            Assert.Throws<StoreLockedException>(() => StoreRepair.RepairCopy(_damaged, _repaired));
            Assert.False(Directory.Exists(_repaired));

            // The writer still holds its lock (a classic POSIX lock survives our refused attempt) and goes on.
            Assert.Throws<StoreLockedException>(() => CrashStore.Open(_damaged).Dispose());
            child.ReadAcknowledgements(writes, 50);
            child.KillAndCollect(writes);
        }

        using CrashStore reopened = CrashStore.Open(_damaged);
        Assert.Empty(writes.Verify(reopened, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite));
    }

    [Fact]
    public void ADirectoryThatHoldsNoStore_IsRefused_AndNoCopyIsMade()
    {
        Directory.CreateDirectory(_damaged);
        File.WriteAllText(Path.Combine(_damaged, "notes.txt"), "not a store");

        Assert.Throws<ArgumentException>(() => StoreRepair.RepairCopy(_damaged, _repaired));

        Assert.False(Directory.Exists(_repaired));
        Assert.Equal("not a store", File.ReadAllText(Path.Combine(_damaged, "notes.txt")));
    }

    private void WriteMessages(StoreOptions? options)
    {
        using ChatStore store = ChatStore.Open(_damaged, options);
        store.Users.Put(new User("u1", "ada", "ada@example.com"));
        DateTime sent = new(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);
        for (int i = 0; i < RowCount; i++)
        {
            store.Messages.Put(new Message("u1", i, $"message {i}", sent));
        }
    }

    private static void AssertEveryMessage(string path)
    {
        using ChatStore store = ChatStore.Open(path);
        Assert.Equal(RowCount, store.Messages.Count());
        Assert.Equal("ada", store.Users.Get("u1")?.Name);
        long expected = 0;
        foreach (Message message in store.Messages.ScanUser("u1"))
        {
            Assert.Equal(expected, message.MessageId);
            Assert.Equal($"message {expected}", message.Text);
            expected++;
        }

        Assert.Equal(RowCount, expected);
    }
}
