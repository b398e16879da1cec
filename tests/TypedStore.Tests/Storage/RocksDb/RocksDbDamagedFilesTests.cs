using System.Buffers.Binary;
using TypedStore.Storage;

namespace TypedStore.Tests.Storage.RocksDb;

/// <summary>
/// A store whose own files were damaged on disk (the manifest, the write-ahead log, the CURRENT file): Open must refuse
/// it with <see cref="StoreCorruptedException"/> naming the path and the damaged file, and leave every file exactly as
/// it was, rather than open a store with acknowledged rows silently missing (and delete the table files a damaged
/// manifest no longer names). A WAL whose last record was torn by a crash is not damage: it still opens, with a prefix
/// of the writes. RocksDB only (the memory engine has no files).
/// </summary>
public sealed class RocksDbDamagedFilesTests : IDisposable
{
    private const int RowCount = 20_000;
    private static readonly string[] Families = ["a"];

    private readonly TempDirectory _directory = new();
    private readonly string _path;

    public RocksDbDamagedFilesTests() => _path = _directory.Sub("store");

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void ManifestTruncatedBy100Bytes_OpenThrowsStoreCorrupted_AndNoFileIsTouched()
    {
        WriteRowsAndFlush();
        string manifest = CurrentManifest();
        using (var stream = new FileStream(manifest, FileMode.Open))
        {
            stream.SetLength(stream.Length - 100);
        }

        AssertRefused(manifest);
    }

    [Fact]
    public void ManifestWithFourBytesFlippedInItsLastRecord_OpenThrowsStoreCorrupted_AndNoFileIsTouched()
    {
        WriteRowsAndFlush();
        string manifest = CurrentManifest();
        byte[] bytes = File.ReadAllBytes(manifest);
        FlipFourBytes(bytes, bytes.Length - 24);
        File.WriteAllBytes(manifest, bytes);

        AssertRefused(manifest);
    }

    [Fact]
    public void WalWithFourBytesFlippedInTheMiddle_OpenThrowsStoreCorrupted_AndNoFileIsTouched()
    {
        WriteRows(options: null, flush: false);
        string wal = NewestWal();
        byte[] bytes = File.ReadAllBytes(wal);
        Assert.True(bytes.Length > 100_000, $"The WAL holds only {bytes.Length} bytes; the rows were expected in it.");
        FlipFourBytes(bytes, bytes.Length / 2);
        File.WriteAllBytes(wal, bytes);

        AssertRefused(wal);
    }

    [Fact]
    public void ExistingStoreWithoutItsCurrentFile_IsNotInitialisedAsANewStore()
    {
        WriteRowsAndFlush();
        File.Delete(Path.Combine(_path, "CURRENT"));

        AssertRefused(damagedFile: Path.Combine(_path, "CURRENT"));
        Assert.False(File.Exists(Path.Combine(_path, "CURRENT")));
    }

    [Fact]
    public void WalWithATornLastRecord_StillOpens_WithAPrefixOfTheWrites()
    {
        WriteRows(options: null, flush: false);
        string wal = NewestWal();
        using (var stream = new FileStream(wal, FileMode.Open))
        {
            stream.SetLength(stream.Length - 3);
        }

        using StorageEngine engine = StorageEngines.OpenRocksDb(_path, Families);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        int present = 0;
        while (present < RowCount && engine.Contains(family, Key(present)))
        {
            present++;
        }

        Assert.InRange(present, RowCount - 1, RowCount - 1); // only the torn last put is gone
        for (int i = present; i < RowCount; i++)
        {
            Assert.False(engine.Contains(family, Key(i)), $"Row {i} is present after a gap: not a prefix.");
        }
    }

    private void AssertRefused(string damagedFile)
    {
        StoreFiles before = StoreFiles.Capture(_path);
        foreach (StoreOptions options in new[] { StoreOptions.Default, new StoreOptions { ReadOnly = true }, new StoreOptions { DisableWal = true } })
        {
            Exception? thrown = Record.Exception(() => StorageEngines.OpenRocksDb(_path, Families, options).Dispose());
            Assert.True(
                thrown is StoreCorruptedException,
                $"ReadOnly={options.ReadOnly}, DisableWal={options.DisableWal}: expected StoreCorruptedException, got {thrown?.GetType().Name ?? "no exception"}: {thrown?.Message}");
            var error = (StoreCorruptedException)thrown!;
            Assert.Contains(_path, error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileName(damagedFile), error.Message, StringComparison.Ordinal);
            Assert.Equal(_path, error.StorePath);
            Assert.Equal(damagedFile, error.DamagedFile);
        }

        before.AssertUnchangedIn(_path, ignoreInfoLog: true);
    }

    private void WriteRowsAndFlush() => WriteRows(options: null, flush: true);

    private void WriteRows(StoreOptions? options, bool flush)
    {
        using StorageEngine engine = StorageEngines.OpenRocksDb(_path, Families, options);
        StorageColumnFamily family = engine.GetColumnFamily("a");
        byte[] value = new byte[32];
        for (int i = 0; i < RowCount; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(value, i);
            engine.Put(family, Key(i), value);
            if (flush && i % 5_000 == 4_999)
            {
                engine.Maintenance().Flush();
            }
        }
    }

    private string CurrentManifest() => Path.Combine(_path, File.ReadAllText(Path.Combine(_path, "CURRENT")).Trim());

    private string NewestWal() => Directory.GetFiles(_path, "*.log").OrderBy(file => file, StringComparer.Ordinal).Last();

    private static void FlipFourBytes(byte[] bytes, int offset)
    {
        for (int i = offset; i < offset + 4; i++)
        {
            bytes[i] ^= 0xFF;
        }
    }

    private static byte[] Key(int i)
    {
        byte[] key = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(key, i);
        return key;
    }
}
