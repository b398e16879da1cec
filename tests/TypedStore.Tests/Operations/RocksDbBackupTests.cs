namespace TypedStore.Tests.Operations;

/// <summary>
/// Backups of a RocksDB store (docs/operations.md, "Backup and restore"): incremental backups that share files, every
/// backup restorable into a new directory with exactly its rows, and restores that refuse a missing, foreign, unknown or
/// damaged backup and an occupied target without changing anything there. The memory engine has no backups
/// (<see cref="MemoryStoreOperationsTests"/>).
/// </summary>
public sealed class RocksDbBackupTests : IDisposable
{
    private readonly TempDirectories _directories = new();

    public void Dispose() => _directories.Dispose();

    [Fact]
    public void Backups_AreIncremental_AndEachRestoresItsOwnRows()
    {
        string path = _directories.New("store");
        string backups = _directories.New("backups");
        List<OpsItem> first = [.. Enumerable.Range(0, 2_000).Select(i => new OpsItem(i, "first " + i))];
        List<OpsItem> second = [.. Enumerable.Range(2_000, 500).Select(i => new OpsItem(i, "second " + i))];
        BackupInfo backup1;
        BackupInfo backup2;
        long afterFirst;
        long afterSecond;
        using (OpsStore store = OpsStore.Open(path))
        {
            store.OpsItems.PutMany(first);
            store.OpsUserFeed.Put(new OpsUserFeedEntry("u1", 1, "a"));
            backup1 = store.Backup(backups);
            afterFirst = DirectoryBytes(backups);

            store.OpsItems.PutMany(second);
            store.OpsItems.Delete(0);
            backup2 = store.Backup(backups);
            afterSecond = DirectoryBytes(backups);
        }

        Assert.Equal(1, backup1.Id);
        Assert.Equal(2, backup2.Id);
        Assert.True(backup2.FileCount > 0 && backup2.SizeBytes > 0);

        // Incremental: the second backup holds the first one's table files too, but the directory grew by less than
        // the second backup's size, because those files were shared rather than copied again.
        Assert.True(afterSecond - afterFirst < backup2.SizeBytes, $"grew by {afterSecond - afterFirst} bytes; backup 2 is {backup2.SizeBytes} bytes");

        IReadOnlyList<BackupInfo> listed = OpsStore.ListBackups(backups);
        Assert.Equal([backup1, backup2], listed);
        Assert.True(listed[0].Created <= listed[1].Created);

        string restored1 = _directories.New("restored1");
        string restored2 = _directories.New("restored2");
        string latest = _directories.New("latest");
        OpsStore.Restore(backups, restored1, 1);
        OpsStore.Restore(backups, restored2, 2);
        OpsStore.Restore(backups, latest);

        using (OpsStore store = OpsStore.Open(restored1))
        {
            Assert.Equal(first, store.OpsItems.ScanAll());
            Assert.Single(store.OpsUserFeed.ReadChanges("u1", 0));
        }

        List<OpsItem> expected2 = [.. first.Skip(1), .. second];
        using (OpsStore store = OpsStore.Open(restored2))
        {
            Assert.Equal(expected2, store.OpsItems.ScanAll());
            Assert.Equal([new OpsItem(2_001, "second 2001")], store.OpsItems.ByName.Scan("second 2001").ToList());
        }

        using (OpsStore store = OpsStore.Open(latest))
        {
            Assert.Equal(expected2, store.OpsItems.ScanAll());
        }
    }

    [Fact]
    public void Restore_RefusesAMissingOrForeignBackupDirectory_AndAnUnknownId()
    {
        string backups = _directories.New("backups");
        string notBackups = _directories.New("plain");
        Directory.CreateDirectory(notBackups);
        string target = _directories.New("target");
        TakeBackup(backups, rows: 10);

        var missing = Assert.Throws<BackupException>(() => OpsStore.Restore(_directories.New("nowhere"), target));
        var foreign = Assert.Throws<BackupException>(() => OpsStore.Restore(notBackups, target));
        var unknown = Assert.Throws<BackupException>(() => OpsStore.Restore(backups, target, 7));
        var listMissing = Assert.Throws<BackupException>(() => OpsStore.ListBackups(_directories.New("nowhere")));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpsStore.Restore(backups, target, 0));

        Assert.Contains("does not exist", missing.Message, StringComparison.Ordinal);
        Assert.Contains("not a backup directory", foreign.Message, StringComparison.Ordinal);
        Assert.Contains("no backup 7", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("holds backups 1", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(7, unknown.BackupId);
        Assert.Contains("does not exist", listMissing.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_directories.New("nowhere")), "listing or restoring must not create a backup directory");
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(notBackups));
    }

    [Fact]
    public void Restore_IntoAnOccupiedDirectory_IsRefused_AndTheStoreThereIsUntouched()
    {
        string backups = _directories.New("backups");
        string existing = _directories.New("existing");
        TakeBackup(backups, rows: 10);
        using (OpsStore store = OpsStore.Open(existing))
        {
            store.OpsItems.Put(new OpsItem(42, "mine"));
        }

        Dictionary<string, byte[]> before = Snapshot(existing);

        var occupied = Assert.Throws<BackupException>(() => OpsStore.Restore(backups, existing));

        Assert.Contains("not an empty directory", occupied.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(existing));
        using OpsStore reopened = OpsStore.Open(existing);
        Assert.Equal([new OpsItem(42, "mine")], reopened.OpsItems.ScanAll());
    }

    [Fact]
    public void Restore_IntoAnEmptyDirectory_Works()
    {
        string backups = _directories.New("backups");
        string empty = _directories.New("empty");
        Directory.CreateDirectory(empty);
        TakeBackup(backups, rows: 10);

        OpsStore.Restore(backups, empty);

        using OpsStore store = OpsStore.Open(empty);
        Assert.Equal(10, store.OpsItems.Count());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Restore_OfADamagedBackup_IsRefused_AndLeavesNothingBehind(bool truncate)
    {
        string backups = _directories.New("backups");
        string target = _directories.New("target");
        TakeBackup(backups, rows: 2_000);
        string table = Directory.EnumerateFiles(backups, "*.sst", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).First();
        if (truncate)
        {
            // A different size: the size check before the restore finds it.
            using FileStream stream = new(table, FileMode.Open, FileAccess.Write);
            stream.SetLength(stream.Length / 2);
        }
        else
        {
            // Same size, one byte changed: the checksum check while copying finds it.
            byte[] bytes = File.ReadAllBytes(table);
            bytes[bytes.Length / 2] ^= 0xFF;
            File.WriteAllBytes(table, bytes);
        }

        var damaged = Assert.Throws<BackupException>(() => OpsStore.Restore(backups, target, 1));

        Assert.Contains("Backup 1", damaged.Message, StringComparison.Ordinal);
        Assert.Contains("damaged", damaged.Message, StringComparison.Ordinal);
        Assert.Equal(1, damaged.BackupId);
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateDirectories(Path.GetDirectoryName(target)!, ".target.restoring-*"));
    }

    [Fact]
    public void Backup_IntoAFile_IsRefused()
    {
        string file = _directories.New("file");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "not a directory");
        using OpsStore store = OpsStore.Open(_directories.New("store"));

        var error = Assert.Throws<BackupException>(() => store.Backup(file));

        Assert.Contains("is a file", error.Message, StringComparison.Ordinal);
        Assert.Equal("not a directory", File.ReadAllText(file));
    }

    private void TakeBackup(string backups, int rows)
    {
        using OpsStore store = OpsStore.Open(_directories.New("source-" + Guid.NewGuid().ToString("N")));
        store.OpsItems.PutMany([.. Enumerable.Range(0, rows).Select(i => new OpsItem(i, "row " + i))]);
        store.Backup(backups);
    }

    private static long DirectoryBytes(string directory)
        => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    private static Dictionary<string, byte[]> Snapshot(string directory)
        => Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != "LOCK")
            .ToDictionary(f => Path.GetRelativePath(directory, f), File.ReadAllBytes);
}
