using System.Globalization;
using TypedStore.Tests.Lifecycle;

namespace TypedStore.Tests.Reliability.Model;

/// <summary>
/// A seeded random run of writes against a <see cref="ReliabilityStore"/> and the <see cref="StoreModel"/> side by
/// side: single puts and deletes, PutMany, batches (committed or abandoned), DeleteUser, soft delete, Restore,
/// Purge and PurgeDeleted, invalid writes, snapshots (checked against a copy of the model for as long as they stay
/// open) and, on RocksDB, close and reopen. The clock is the test's, advanced every step. After every step every
/// read is compared with the model (<see cref="ModelVerifier"/>), and the change feed's new entries with the
/// model's; every user's own feed is compared in full every few steps and at every snapshot's end.
/// </summary>
internal sealed class ModelRun : IDisposable
{
    /// <summary>User ids chosen to collide: prefixes of each other, empty, NUL, non-ASCII, longer than the stack key buffer.</summary>
    private static readonly string[] UserIds =
    [
        "", "u", "u1", "u10", "u1\0", "u1\0x", "u1:x", "u2", "\0", "\u00FC", "\u65E5\u672C", "\U0001F600", "u1\uFFFF", new string('L', 300),
    ];

    /// <summary>Binary user ids: all zero, all 0xFF, ids one bit or one byte apart, random ones.</summary>
    private static readonly Guid[] DeviceOwners =
    [
        Guid.Empty, Guid.AllBitsSet, new("00000000-0000-0000-0000-000000000001"), new("ff000000-0000-0000-0000-000000000000"),
        new("00ff00ff-00ff-00ff-00ff-00ff00ff00ff"), new("01000000-0000-0000-0000-000000000000"), new("0fffffff-ffff-ffff-ffff-ffffffffffff"),
        new("7d4b0c4e-3f0a-4c1b-9c59-7e1a3b1f6e2d"),
    ];

    private static readonly byte[][] FileOwners =
    [
        [], [0], [0, 0], [0, 1], [0xFF], [0xFF, 0xFF], [0xFF, 0], [1], [1, 0], [0, 0xFF, 1], Enumerable.Repeat((byte)0xFF, 300).ToArray(),
    ];

    private static readonly string[] AccountIds = ["", "a", "a0", "a1", "a10", "a\0", "\u00E9", "b", "z\uFFFF", "a0\0"];

    private static readonly long[] NoteIds = [long.MinValue, -2, -1, 0, 1, 2, 3, 7, long.MaxValue];

    private static readonly int[] Seqs = [int.MinValue, -1, 0, 1, 2, 5, int.MaxValue];

    private const int FullFeedCheckInterval = 25;

    private static readonly int[] DraftIds = [int.MinValue, -1, 0, 1, 2, 3, int.MaxValue];

    private readonly Func<StoreOptions, ReliabilityStore>? _reopen;
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly StoreOptions _options;
    private readonly Random _random;
    private readonly StoreModel _model = new();
    private readonly Queue<string> _recent = new();
    private ReliabilityStore _store;
    private ReliabilityStoreSnapshot? _snapshot;
    private StoreModel? _snapshotModel;
    private int _snapshotStepsLeft;
    private int _verifiedChanges;
    private long _verifiedSequence;

    /// <param name="open">Opens the store with the given options (again, after a reopen step).</param>
    /// <param name="canReopen">Whether the store survives close and reopen (RocksDB; not the memory engine).</param>
    /// <param name="seed">The run's seed.</param>
    public ModelRun(Func<StoreOptions, ReliabilityStore> open, bool canReopen, int seed)
    {
        _options = new StoreOptions { TimeProvider = _clock };
        _store = open(_options);
        _reopen = canReopen ? open : null;
        _random = new Random(seed);
        Seed = seed;
    }

    public int Seed { get; }

    public int Steps { get; private set; }

    public int Reopens { get; private set; }

    public int Snapshots { get; private set; }

    public int Batches { get; private set; }

    public int InvalidWrites { get; private set; }

    public int LifecycleOperations { get; private set; }

    public int ChangesChecked => _verifiedChanges;

    /// <summary>Runs one random step and checks every read; throws with the seed and the last steps on a disagreement.</summary>
    public void Step()
    {
        Steps++;
        _clock.Advance(TimeSpan.FromMilliseconds(_random.Next(1, 3_000)));
        int dice = _random.Next(100);
        if (dice < 45)
        {
            ApplyDirect(RandomOperation(allowBulk: true));
        }
        else if (dice < 60)
        {
            ApplyBatch();
        }
        else if (dice < 66)
        {
            ApplyDirect(RandomInvalidOperation());
        }
        else if (dice < 70 && _snapshot is null)
        {
            _snapshot = _store.CreateSnapshot();
            _snapshotModel = _model.Clone();
            _snapshotStepsLeft = _random.Next(3, 40);
            Snapshots++;
            Log("snapshot taken");
        }
        else if (dice < 71)
        {
            PurgeDeleted();
        }
        else if (dice < 73 && _reopen is not null)
        {
            CloseSnapshot();
            _store.Dispose();
            _store = _reopen(_options);
            Reopens++;
            Log("close and reopen");
        }
        else
        {
            ApplyDirect(RandomOperation(allowBulk: false));
        }

        Verify();
    }

    public void Dispose()
    {
        CloseSnapshot();
        _store.Dispose();
    }

    private void ApplyDirect(ModelOperation operation)
    {
        Log(operation.Description);
        if (operation.IsInvalid)
        {
            InvalidWrites++;
            Assert.ThrowsAny<ArgumentException>(() => operation.ApplyToStore(_store));
            return;
        }

        operation.ApplyToStore(_store);
        operation.ApplyToModel(_model);
    }

    private void ApplyBatch()
    {
        Batches++;
        bool commit = _random.Next(10) != 0;
        int size = _random.Next(1, 9);
        var applied = new List<ModelOperation>();
        using (ReliabilityStoreBatch batch = _store.CreateBatch())
        {
            for (int i = 0; i < size; i++)
            {
                ModelOperation operation = _random.Next(8) == 0 ? RandomInvalidOperation() : RandomOperation(allowBulk: true);
                if (operation.IsInvalid)
                {
                    // A refused write leaves the batch as it was: the rest still commits.
                    InvalidWrites++;
                    Assert.ThrowsAny<ArgumentException>(() => operation.ApplyToBatch(batch));
                    continue;
                }

                operation.ApplyToBatch(batch);
                applied.Add(operation);
            }

            if (commit)
            {
                batch.Commit();
            }
        }

        Log($"batch of {size} ({(commit ? "committed" : "abandoned")}): {string.Join("; ", applied)}");
        if (commit)
        {
            foreach (ModelOperation operation in applied)
            {
                operation.ApplyToModel(_model);
            }
        }
    }

    private ModelOperation RandomOperation(bool allowBulk)
    {
        if (_random.Next(3) == 0)
        {
            LifecycleOperations++;
            return RandomDraftOperation(allowBulk);
        }

        int dice = _random.Next(allowBulk ? 100 : 80);
        return dice switch
        {
            < 14 => PutAccount(),
            < 20 => DeleteAccount(Pick(AccountIds)),
            < 38 => PutNote(),
            < 48 => DeleteNote(Pick(UserIds), Pick(NoteIds)),
            < 55 => PutDevice(),
            < 59 => DeleteDevice(Pick(DeviceOwners), Pick(Seqs)),
            < 66 => PutFile(),
            < 70 => DeleteFile(Pick(FileOwners), Pick(Seqs)),
            < 76 => PutConfig(),
            < 80 => DeleteConfig(),
            < 87 => PutManyNotes(),
            < 91 => PutManyFiles(),
            < 96 => DeleteNotesOfUser(Pick(UserIds)),
            _ => DeleteDevicesOfOwner(Pick(DeviceOwners)),
        };
    }

    private ModelOperation PutAccount()
    {
        var row = new Account(Pick(AccountIds), _random.NextInt64(long.MinValue, long.MaxValue), _random.Next(4) == 0 ? null : Text());
        return new($"accounts.Put({row})", s => s.Accounts.Put(row), b => b.Accounts.Put(row), m => m.Accounts.Put(row));
    }

    private static ModelOperation DeleteAccount(string id)
        => new($"accounts.Delete({ModelVerifier.Show(id)})", s => s.Accounts.Delete(id), b => b.Accounts.Delete(id), m => m.Accounts.Delete(id));

    private ModelOperation PutNote()
    {
        var row = new Note(Pick(UserIds), Pick(NoteIds), Text());
        return new($"notes.Put({ModelVerifier.Show(row.UserId)}, {row.NoteId})", s => s.Notes.Put(row), b => b.Notes.Put(row), m => m.Notes.Put(row));
    }

    private static ModelOperation DeleteNote(string userId, long noteId)
        => new($"notes.Delete({ModelVerifier.Show(userId)}, {noteId})", s => s.Notes.Delete(userId, noteId), b => b.Notes.Delete(userId, noteId), m => m.Notes.Delete((userId, noteId)));

    private ModelOperation PutDevice()
    {
        var row = new Device(Pick(DeviceOwners), Pick(Seqs), Text());
        return new($"devices.Put({row})", s => s.Devices.Put(row), b => b.Devices.Put(row), m => m.Devices.Put(row));
    }

    private static ModelOperation DeleteDevice(Guid ownerId, int seq)
        => new($"devices.Delete({ownerId}, {seq})", s => s.Devices.Delete(ownerId, seq), b => b.Devices.Delete(ownerId, seq), m => m.Devices.Delete((ownerId, seq)));

    private ModelOperation PutFile()
    {
        // A fresh copy of the id: the store must not depend on the caller's array identity.
        var row = new FileEntry([.. Pick(FileOwners)], Pick(Seqs), Text());
        return new($"files.Put({ModelVerifier.Describe(row)})", s => s.Files.Put(row), b => b.Files.Put(row), m => m.Files.Put(row));
    }

    private static ModelOperation DeleteFile(byte[] ownerId, int seq)
        => new($"files.Delete({Convert.ToHexString(ownerId)}, {seq})", s => s.Files.Delete(ownerId, seq), b => b.Files.Delete(ownerId, seq), m => m.Files.Delete((ownerId, seq)));

    private ModelOperation PutConfig()
    {
        var row = new ConfigEntry("c" + _random.Next(6).ToString(CultureInfo.InvariantCulture), Text());
        return new($"config.Put({row})", s => s.Config.Put(row), b => b.Config.Put(row), m => m.Config.Put(row));
    }

    private ModelOperation DeleteConfig()
    {
        string name = "c" + _random.Next(6).ToString(CultureInfo.InvariantCulture);
        return new($"config.Delete({name})", s => s.Config.Delete(name), b => b.Config.Delete(name), m => m.Config.Delete(name));
    }

    private ModelOperation PutManyNotes()
    {
        // Keys may repeat inside one PutMany: the last row of a key wins, as if written one after another.
        Note[] rows = Enumerable.Range(0, _random.Next(0, 7)).Select(_ => new Note(Pick(UserIds), Pick(NoteIds), Text())).ToArray();
        return new($"notes.PutMany({rows.Length} rows)", s => s.Notes.PutMany(rows), b => b.Notes.PutMany(rows), m =>
        {
            foreach (Note row in rows)
            {
                m.Notes.Put(row);
            }
        });
    }

    private ModelOperation PutManyFiles()
    {
        FileEntry[] rows = Enumerable.Range(0, _random.Next(1, 7)).Select(_ => new FileEntry(Pick(FileOwners), Pick(Seqs), Text())).ToArray();
        return new($"files.PutMany({rows.Length} rows)", s => s.Files.PutMany(rows), b => b.Files.PutMany(rows), m =>
        {
            foreach (FileEntry row in rows)
            {
                m.Files.Put(row);
            }
        });
    }

    private static ModelOperation DeleteNotesOfUser(string userId)
        => new($"notes.DeleteUser({ModelVerifier.Show(userId)})", s => s.Notes.DeleteUser(userId), b => b.Notes.DeleteUser(userId), m => m.DeleteNotesOf(userId));

    private static ModelOperation DeleteDevicesOfOwner(Guid ownerId)
        => new($"devices.DeleteUser({ownerId})", s => s.Devices.DeleteUser(ownerId), b => b.Devices.DeleteUser(ownerId), m => m.DeleteDevicesOf(ownerId));

    private ModelOperation RandomDraftOperation(bool allowBulk)
    {
        long now = _clock.Now.UtcTicks;
        string userId = Pick(UserIds);
        int draftId = Pick(DraftIds);
        string key = $"{ModelVerifier.Show(userId)}, {draftId}";
        switch (_random.Next(allowBulk ? 8 : 7))
        {
            case 0:
            case 1:
            {
                var row = new Draft(userId, draftId, Text());
                return new($"drafts.Put({key})", s => s.Drafts.Put(row), b => b.Drafts.Put(row), m => m.Drafts.Put(row, now));
            }

            case 2:
                return new($"drafts.Delete({key})", s => s.Drafts.Delete(userId, draftId), b => b.Drafts.Delete(userId, draftId), m => m.Drafts.Delete(userId, draftId, now));
            case 3:
                return new($"drafts.Restore({key})", s => s.Drafts.Restore(userId, draftId), b => b.Drafts.Restore(userId, draftId), m => m.Drafts.Restore(userId, draftId, now));
            case 4:
                return new($"drafts.Purge({key})", s => s.Drafts.Purge(userId, draftId), b => b.Drafts.Purge(userId, draftId), m => m.Drafts.Purge(userId, draftId, now));
            case 5:
                return new($"drafts.DeleteUser({ModelVerifier.Show(userId)})", s => s.Drafts.DeleteUser(userId), b => b.Drafts.DeleteUser(userId), m => m.Drafts.DeleteUser(userId, now));
            case 6:
                return new($"drafts.Delete({key}) again", s => s.Drafts.Delete(userId, draftId), b => b.Drafts.Delete(userId, draftId), m => m.Drafts.Delete(userId, draftId, now));
            default:
            {
                Draft[] rows = Enumerable.Range(0, _random.Next(1, 5)).Select(_ => new Draft(Pick(UserIds), Pick(DraftIds), Text())).ToArray();
                return new($"drafts.PutMany({rows.Length} rows)", s => s.Drafts.PutMany(rows), b => b.Drafts.PutMany(rows), m =>
                {
                    foreach (Draft row in rows)
                    {
                        m.Drafts.Put(row, now);
                    }
                });
            }
        }
    }

    /// <summary>PurgeDeleted with a cutoff a few seconds back: the count it returns and what it removes must match the model.</summary>
    private void PurgeDeleted()
    {
        LifecycleOperations++;
        DateTimeOffset olderThan = _clock.Now - TimeSpan.FromMilliseconds(_random.Next(0, 10_000));
        Log($"drafts.PurgeDeleted({olderThan:HH:mm:ss.fff})");
        long purged = _store.Drafts.PurgeDeleted(olderThan);
        long expected = _model.Drafts.PurgeDeleted(olderThan.UtcTicks, _clock.Now.UtcTicks);
        if (purged != expected)
        {
            Assert.Fail($"seed {Seed}, step {Steps}: PurgeDeleted removed {purged} rows, the model {expected}\nlast steps:\n  {string.Join("\n  ", _recent)}");
        }
    }

    /// <summary>Writes the store must refuse with an <see cref="ArgumentException"/> before writing anything.</summary>
    private ModelOperation RandomInvalidOperation()
    {
        string tooLong = new('k', 9000); // the encoded key would exceed KeyLimits.MaxKeyLength
        Note[] poisoned = [new Note("u1", 100, "fine"), new Note(null!, 1, "null key"), new Note("u2", 100, "fine")];
        ModelOperation[] invalid =
        [
            new("accounts.Put(null key)", s => s.Accounts.Put(new Account(null!, 1, null)), b => b.Accounts.Put(new Account(null!, 1, null)), _ => { }, IsInvalid: true),
            new("notes.Put(9000-char user)", s => s.Notes.Put(new Note(tooLong, 1, "x")), b => b.Notes.Put(new Note(tooLong, 1, "x")), _ => { }, IsInvalid: true),
            new("files.Put(null owner)", s => s.Files.Put(new FileEntry(null!, 1, "x")), b => b.Files.Put(new FileEntry(null!, 1, "x")), _ => { }, IsInvalid: true),
            new("notes.PutMany(a null key in the middle)", s => s.Notes.PutMany(poisoned), b => b.Notes.PutMany([poisoned[1]]), _ => { }, IsInvalid: true),
            new("notes.Delete(null user)", s => s.Notes.Delete(null!, 1), b => b.Notes.Delete(null!, 1), _ => { }, IsInvalid: true),
            new("notes.DeleteUser(null)", s => s.Notes.DeleteUser(null!), b => b.Notes.DeleteUser(null!), _ => { }, IsInvalid: true),
            new("accounts.Put(null row)", s => s.Accounts.Put(null!), b => b.Accounts.Put(null!), _ => { }, IsInvalid: true),
            new("drafts.Restore(null user)", s => s.Drafts.Restore(null!, 1), b => b.Drafts.Restore(null!, 1), _ => { }, IsInvalid: true),
            new("drafts.Put(9000-char user)", s => s.Drafts.Put(new Draft(tooLong, 1, "x")), b => b.Drafts.Put(new Draft(tooLong, 1, "x")), _ => { }, IsInvalid: true),
        ];
        return invalid[_random.Next(invalid.Length)];
    }

    private void Verify()
    {
        var view = new StoreView(_store);
        string? disagreement = ModelVerifier.FindDisagreement(view, _model, UserIds, DeviceOwners, FileOwners, AccountIds)
            ?? ModelVerifier.FindChangeDisagreement(view, _model.Drafts, _verifiedChanges, _verifiedSequence, UserIds, perUser: Steps % FullFeedCheckInterval == 0, out _verifiedSequence);
        _verifiedChanges = _model.Drafts.Changes.Count;
        if (disagreement is null && _snapshot is not null)
        {
            var snapshotView = new SnapshotView(_snapshot);
            bool last = --_snapshotStepsLeft == 0;
            disagreement = ModelVerifier.FindDisagreement(snapshotView, _snapshotModel!, UserIds, DeviceOwners, FileOwners, AccountIds);
            if (disagreement is null && last)
            {
                disagreement = ModelVerifier.FindChangeDisagreement(snapshotView, _snapshotModel!.Drafts, 0, 0, UserIds, perUser: true, out _);
            }

            disagreement = disagreement is null ? null : "snapshot: " + disagreement;
            if (last)
            {
                CloseSnapshot();
            }
        }

        if (disagreement is not null)
        {
            Assert.Fail($"seed {Seed}, step {Steps}: {disagreement}\nlast steps:\n  {string.Join("\n  ", _recent)}");
        }
    }

    private void CloseSnapshot()
    {
        _snapshot?.Dispose();
        _snapshot = null;
        _snapshotModel = null;
    }

    private void Log(string description)
    {
        _recent.Enqueue(description);
        if (_recent.Count > 12)
        {
            _recent.Dequeue();
        }
    }

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private string Text() => "t" + _random.Next(1000).ToString(CultureInfo.InvariantCulture);
}
