using System.Globalization;
using TypedStore.Keys;
using TypedStore.Storage;
using TypedStore.Tests.Storage.RocksDb;
using TypedStore.Tests.Storage;
using TypedStore.Values;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Damage a store the generated code did not write: values and keys overwritten with garbage through the raw engine,
/// and a table file damaged on disk. Reads of damaged rows throw, naming table and key; scans throw at the damage
/// rather than end early; every other row stays readable; and the store keeps taking writes, which also repair it.
/// </summary>
public sealed class CorruptionTests : IDisposable
{
    private static readonly string[] ColumnFamilies = ["accounts", "config", "devices", "files", "notes"];

    private readonly TempDirectory _directory = new();
    private readonly string _path;

    public CorruptionTests() => _path = _directory.Sub("store");

    public void Dispose() => _directory.Dispose();

    /// <summary>Damage that no decoder can mistake for a row: each must be reported, never read as data.</summary>
    private static readonly Func<byte[], Random, byte[]>[] DetectableValueDamage =
    [
        static (_, _) => [],                                                             // empty
        static (valid, _) => valid[..5],                                                 // header cut short
        static (valid, _) => [9, .. valid[1..]],                                         // unknown format version
        static (valid, _) => [valid[0], 0x80, .. valid[2..]],                            // unknown flag bits
        static (valid, random) => valid[..random.Next(ValueEnvelope.HeaderLength, valid.Length)], // body cut short
        static (valid, _) => [.. valid, 0xC0],                                           // bytes after the row
        static (valid, _) => [.. valid[..ValueEnvelope.HeaderLength], 0xC1],             // a byte MessagePack never uses
        static (valid, _) => [.. valid[..ValueEnvelope.HeaderLength], 0x93, 0xA1, 0x41], // three members claimed, one present
    ];

    [Fact]
    public void DamagedValues_GetAndScansThrowCorruptData_NamingTableAndKey_OtherRowsReadable_StoreKeepsWorking()
    {
        int seed = ReliabilitySettings.Seed(65_001);
        var random = new Random(seed);
        List<Account> accounts = Enumerable.Range(0, 40).Select(i => new Account(AccountId(i), i, new string('n', i))).ToList();
        using (ReliabilityStore store = ReliabilityStore.Open(_path))
        {
            store.Accounts.PutMany(accounts);
            store.Notes.PutMany(Enumerable.Range(0, 20).Select(i => new Note($"u{i % 4}", i, "note")));
        }

        // Damage one account in five, each a different way, through the engine underneath the store.
        var damaged = new SortedSet<string>(StringComparer.Ordinal);
        using (StorageEngine raw = StorageEngines.OpenRocksDb(_path, ColumnFamilies))
        {
            StorageColumnFamily family = raw.GetColumnFamily("accounts");
            for (int i = 0; damaged.Count < DetectableValueDamage.Length; i++)
            {
                string id = AccountId(random.Next(accounts.Count));
                if (!damaged.Add(id))
                {
                    continue;
                }

                byte[] key = EncodeStringKey(id);
                byte[] valid = ReadRaw(raw, family, key);
                raw.Put(family, key, DetectableValueDamage[damaged.Count - 1](valid, random));
            }
        }

        using (ReliabilityStore store = ReliabilityStore.Open(_path))
        {
            foreach (string id in damaged)
            {
                CorruptDataException error = Assert.Throws<CorruptDataException>(() => store.Accounts.Get(id));
                Assert.Equal("accounts", error.Table);
                Assert.Equal(KeyDisplay.Render(EncodeStringKey(id)), error.Key);
                Assert.Contains("accounts", error.Message, StringComparison.Ordinal);
                Assert.Contains(id, error.Message, StringComparison.Ordinal);
            }

            // Scans stop at the first damaged row with an exception, after yielding exactly the rows before it.
            AssertScanStopsAtDamage(store.Accounts.ScanAll(), accounts.Where(a => string.CompareOrdinal(a.Id, damaged.Min) < 0), damaged.Min!);
            AssertScanStopsAtDamage(store.Accounts.ScanAll(reverse: true), accounts.Where(a => string.CompareOrdinal(a.Id, damaged.Max) > 0).Reverse(), damaged.Max!);

            // Everything else reads as written.
            foreach (Account account in accounts.Where(a => !damaged.Contains(a.Id)))
            {
                Assert.Equal(account, store.Accounts.Get(account.Id));
            }

            Assert.Equal(20, store.Notes.ScanAll().Count());
            Assert.Equal(accounts.Count, store.Accounts.Count()); // Count visits keys only: damaged values are still rows

            // Writes work, and repair: a put replaces a damaged value, a delete removes one.
            store.Accounts.Put(new Account("new", 1, null));
            Assert.Equal(new Account("new", 1, null), store.Accounts.Get("new"));
            string[] repair = [.. damaged];
            for (int i = 0; i < repair.Length; i++)
            {
                if (i % 2 == 0)
                {
                    store.Accounts.Put(new Account(repair[i], -1, "repaired"));
                }
                else
                {
                    store.Accounts.Delete(repair[i]);
                }
            }

            Assert.Equal(accounts.Count + 1 - (repair.Length / 2), store.Accounts.ScanAll().Count());
        }

        using (ReliabilityStore reopened = ReliabilityStore.Open(_path))
        {
            Assert.Equal("repaired", reopened.Accounts.Get(damaged.Min!)!.Note);
            Assert.Equal(accounts.Count + 1 - (damaged.Count / 2), reopened.Accounts.ScanAll().Count());
        }
    }

    [Fact]
    public void GarbageKeys_ScansThrowCorruptData_NeverEndSilently_OtherUsersUntouched_DeleteUserClearsThem()
    {
        using (ReliabilityStore writer = ReliabilityStore.Open(_path))
        {
            writer.Notes.PutMany(Enumerable.Range(0, 12).Select(i => new Note($"u{i % 3}", i, "note")));
        }

        byte[] validValue;
        using (StorageEngine raw = StorageEngines.OpenRocksDb(_path, ColumnFamilies))
        {
            StorageColumnFamily notes = raw.GetColumnFamily("notes");
            validValue = ReadRaw(raw, notes, NoteKey("u1", 1));

            // Inside u1's prefix: an id part of 2 bytes where 8 belong.
            raw.Put(notes, [.. EncodeStringKey("u1"), 0x80, 0x05], validValue);

            // Inside u2's prefix: a valid key with a byte after it.
            raw.Put(notes, [.. NoteKey("u2", 5), 0x00], validValue);

            // After every user: an unterminated string part.
            raw.Put(notes, "zzz"u8.ToArray(), validValue);
        }

        using ReliabilityStore store = ReliabilityStore.Open(_path);

        // The user whose range holds garbage: its scan throws, naming the table.
        CorruptDataException error = Assert.Throws<CorruptDataException>(() => store.Notes.ScanUser("u1").ToList());
        Assert.Equal("notes", error.Table);
        Assert.Equal(KeyDisplay.Render([.. EncodeStringKey("u1"), 0x80, 0x05]), error.Key);
        Assert.Throws<CorruptDataException>(() => store.Notes.ScanUser("u2").ToList());

        // A user with no garbage in range never reads it: the scan is bounded to the user's prefix.
        Assert.Equal([0L, 3L, 6L, 9L], store.Notes.ScanUser("u0").Select(n => n.NoteId));
        Assert.Equal(4, store.Notes.CountUser("u0"));
        Assert.Equal("note", store.Notes.Get("u1", 4)!.Text);

        // A whole-table scan never ends silently at garbage, even garbage after the last good row.
        var seen = new List<Note>();
        Assert.Throws<CorruptDataException>(() =>
        {
            foreach (Note note in store.Notes.ScanAll())
            {
                seen.Add(note);
            }
        });
        Assert.Equal([0L, 3L, 6L, 9L, 1L, 4L, 7L, 10L], seen.Select(n => n.NoteId)); // u0's rows, u1's, then u1's garbage

        // DeleteUser removes whatever lies in the user's range, garbage included; the rest of the table is kept.
        store.Notes.DeleteUser("u1");
        store.Notes.DeleteUser("u2");
        Assert.Empty(store.Notes.ScanUser("u1"));
        Assert.Empty(store.Notes.ScanUser("u2"));
        Assert.Throws<CorruptDataException>(() => store.Notes.ScanAll().ToList()); // "zzz" is still there
        Assert.Equal(4, store.Notes.ScanAll().Take(4).Count());
    }

    [Fact]
    public void DamagedTableFile_ReadsThrowStorageEngineException_ScansNeverEndSilently_OtherTablesReadable()
    {
        using (ReliabilityStore store = ReliabilityStore.Open(_path))
        {
            store.Accounts.PutMany(Enumerable.Range(0, 2_000).Select(i => new Account(AccountId(i), i, new string((char)('a' + (i % 26)), 100))));
            store.Notes.PutMany(Enumerable.Range(0, 50).Select(i => new Note("u1", i, "note")));
        }

        // Move everything into table files, then flip bytes inside the first data block of the accounts table.
        string accountsFile;
        using (StorageEngine raw = StorageEngines.OpenRocksDb(_path, ColumnFamilies))
        {
            raw.Maintenance().Flush();
            accountsFile = SingleTableFile(raw.Maintenance().GetProperty(raw.GetColumnFamily("accounts"), "rocksdb.sstables"));
        }

        using (FileStream file = File.Open(Path.Combine(_path, accountsFile), FileMode.Open, FileAccess.ReadWrite))
        {
            byte[] block = new byte[64];
            file.Position = 200;
            file.ReadExactly(block);
            for (int i = 0; i < block.Length; i++)
            {
                block[i] ^= 0x5A;
            }

            file.Position = 200;
            file.Write(block);
        }

        using ReliabilityStore damaged = ReliabilityStore.Open(_path);

        StorageEngineException getError = Assert.Throws<StorageEngineException>(() => damaged.Accounts.Get(AccountId(0)));
        Assert.Equal("accounts", getError.Table);
        Assert.Contains("Corruption", getError.Message, StringComparison.Ordinal);
        Assert.Throws<StorageEngineException>(() => damaged.Accounts.ScanAll().Count());

        // Other tables live in other files; the store still reads them and takes writes.
        Assert.Equal(50, damaged.Notes.ScanUser("u1").Count());
        damaged.Accounts.Put(new Account("after", 1, null));
        Assert.Equal(1, damaged.Accounts.Get("after")!.Balance);
    }

    /// <summary>
    /// The one table file listed in a column family's <c>rocksdb.sstables</c> description, whose file lines read
    /// <c>{number}:{size}[{smallest} .. {largest}]...</c>; files are named <c>{number:D6}.sst</c>.
    /// </summary>
    private static string SingleTableFile(string? description)
    {
        Assert.NotNull(description);
        string[] files = description.Split('\n')
            .Select(line => System.Text.RegularExpressions.Regex.Match(line, @"^\s*(\d+):\d+\["))
            .Where(match => match.Success)
            .Select(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture).ToString("D6", CultureInfo.InvariantCulture) + ".sst")
            .ToArray();
        return Assert.Single(files);
    }

    private static void AssertScanStopsAtDamage(IEnumerable<Account> scan, IEnumerable<Account> expectedBefore, string damagedId)
    {
        var seen = new List<Account>();
        CorruptDataException error = Assert.Throws<CorruptDataException>(() =>
        {
            foreach (Account account in scan)
            {
                seen.Add(account);
            }
        });
        Assert.Equal(expectedBefore, seen);
        Assert.Equal(KeyDisplay.Render(EncodeStringKey(damagedId)), error.Key);
    }

    private static byte[] ReadRaw(StorageEngine engine, StorageColumnFamily family, byte[] key)
    {
        byte[] buffer = new byte[4096];
        int length = engine.Get(family, key, buffer);
        Assert.True(length >= 0 && length <= buffer.Length);
        return buffer[..length];
    }

    private static byte[] EncodeStringKey(string value)
    {
        var writer = new KeyWriter(new byte[64]);
        writer.WriteString(value);
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }

    private static byte[] NoteKey(string userId, long noteId)
    {
        var writer = new KeyWriter(new byte[64]);
        writer.WriteString(userId);
        writer.WriteInt64(noteId);
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }

    private static string AccountId(int i) => "acct-" + i.ToString("D4", CultureInfo.InvariantCulture);
}
