using TypedStore.Keys;
using TypedStore.Tests.Reliability.Isolation;
using TypedStore.Tests.Storage.RocksDb;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Isolation between users as a security property. For thousands of generated user ids built to collide (prefix
/// pairs, empty, NUL, U+FFFF, non-ASCII, long, and Guid ids of 0x00 and 0xFF bytes; <see cref="UserIdFamilies"/>),
/// ScanUser and CountUser return exactly the user's rows (soft-deleted ones hidden), ReadChanges(userId) exactly the
/// user's changes, and DeleteUser (direct or in a batch) removes exactly the user's rows and records one change for
/// that user only. On an auditing engine the test also proves the stronger claim: a user's scan or feed read never
/// positions an iterator on another user's key or reads another user's change record, and a user's range delete
/// covers no other user's key.
/// </summary>
public sealed class UserIsolationPropertyTests : IDisposable
{
    private static readonly long[] NoteIds = [long.MinValue, -1, 0, 1, 2, 255, 256, long.MaxValue];
    private static readonly int[] Seqs = [int.MinValue, -1, 0, 1, int.MaxValue];

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public UserIsolationPropertyTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void AuditedEngine_UserReadsNeverTouchAnotherUsersKeys_UserDeletesNeverCoverThem()
    {
        int seed = ReliabilitySettings.Seed(66_001);
        var random = new Random(seed);
        int cases = ReliabilitySettings.Scale(1_500, 40_000);
        int ids = 0;
        for (int i = 0; i < cases; i++)
        {
            using ReliabilityStore store = AuditingEngine.OpenStore(out EngineAudit audit);
            ids += RunCase(store, audit, random, $"seed {seed}, case {i}");
        }

        _output.WriteLine($"audited memory engine: {cases} cases, {ids} user ids (seed {seed}).");
    }

    [Fact]
    public void RocksDb_UserReadsAndDeletes_ReturnAndRemoveExactlyThatUsersRows()
    {
        int seed = ReliabilitySettings.Seed(66_002);
        var random = new Random(seed);
        int cases = ReliabilitySettings.Scale(150, 3_000);
        int ids = 0;
        for (int i = 0; i < cases; i++)
        {
            using ReliabilityStore store = ReliabilityStore.Open(_directory.Sub($"case{i}"));
            ids += RunCase(store, audit: null, random, $"seed {seed}, case {i}");
        }

        _output.WriteLine($"rocksdb: {cases} cases, {ids} user ids (seed {seed}).");
    }

    /// <summary>One family of string ids and one of Guid ids in a fresh store; returns how many ids it used.</summary>
    private static int RunCase(ReliabilityStore store, EngineAudit? audit, Random random, string context)
    {
        string[] users = UserIdFamilies.Strings(random);
        Guid[] owners = UserIdFamilies.Guids(random);
        var notes = users.ToDictionary(u => u, u => RandomSubset(random, NoteIds).ToDictionary(id => id, id => new Note(u, id, $"{users.ToList().IndexOf(u)}/{id}")), StringComparer.Ordinal);
        var devices = owners.ToDictionary(o => o, o => RandomSubset(random, Seqs).ToDictionary(s => s, s => new Device(o, s, $"{o}/{s}")));
        foreach (Note note in notes.Values.SelectMany(n => n.Values).OrderBy(_ => random.Next()))
        {
            store.Notes.Put(note);
        }

        store.Devices.PutMany(devices.Values.SelectMany(d => d.Values));

        // Drafts (soft delete, change feed): a few puts per user, one of them deleted and perhaps restored.
        var drafts = users.ToDictionary(u => u, _ => new SortedDictionary<int, bool>(), StringComparer.Ordinal); // id -> live
        var changes = users.ToDictionary(u => u, _ => new List<(ChangeKind, int)>(), StringComparer.Ordinal);
        foreach (string user in users)
        {
            foreach (int id in RandomSubset(random, Seqs))
            {
                store.Drafts.Put(new Draft(user, id, "draft"));
                drafts[user][id] = true;
                changes[user].Add((ChangeKind.Put, id));
            }

            if (drafts[user].Count > 0)
            {
                int id = drafts[user].Keys.First();
                store.Drafts.Delete(user, id);
                drafts[user][id] = false;
                changes[user].Add((ChangeKind.SoftDelete, id));
                if (random.Next(2) == 0)
                {
                    store.Drafts.Restore(user, id);
                    drafts[user][id] = true;
                    changes[user].Add((ChangeKind.Restore, id));
                }
            }
        }

        CheckEveryUser(store, audit, notes, devices, context);
        CheckDrafts(store, audit, drafts, changes, context);

        // Delete one string user and one Guid user, directly or in a batch that also writes around the delete.
        string victim = users[random.Next(users.Length)];
        Guid ownerVictim = owners[random.Next(owners.Length)];
        string bystander = users[random.Next(users.Length)];
        audit?.Clear();
        if (random.Next(2) == 0)
        {
            store.Notes.DeleteUser(victim);
            store.Devices.DeleteUser(ownerVictim);
            store.Drafts.DeleteUser(victim);
            notes[victim].Clear();
            devices[ownerVictim].Clear();
            drafts[victim].Clear();
            changes[victim].Add((ChangeKind.DeleteUser, 0));
        }
        else
        {
            using ReliabilityStoreBatch batch = store.CreateBatch();
            var before = new Note(victim, 77, "put before the delete");
            var after = new Note(victim, 78, "put after the delete");
            var other = new Note(bystander, 79, "bystander");
            batch.Notes.Put(before);
            batch.Notes.Put(other);
            batch.Notes.DeleteUser(victim);
            batch.Notes.Put(after);
            batch.Devices.DeleteUser(ownerVictim);
            batch.Drafts.Put(new Draft(bystander, 79, "bystander"));
            batch.Drafts.DeleteUser(victim);
            batch.Commit();
            // The model applies the batch in its order (the bystander may be the victim itself).
            notes[bystander][other.NoteId] = other;
            notes[victim].Clear();
            notes[victim][after.NoteId] = after;
            devices[ownerVictim].Clear();
            drafts[bystander][79] = true;
            changes[bystander].Add((ChangeKind.Put, 79));
            drafts[victim].Clear();
            changes[victim].Add((ChangeKind.DeleteUser, 0));
        }

        if (audit is not null)
        {
            foreach ((string family, byte[] start, byte[] end) in audit.DeletedRanges)
            {
                IEnumerable<byte[]> othersKeys = family switch
                {
                    "notes" => notes.Where(p => p.Key != victim).SelectMany(p => p.Value.Values).Select(n => NoteKey(n.UserId, n.NoteId)),
                    "drafts" => drafts.Where(p => p.Key != victim).SelectMany(p => p.Value.Keys.Select(id => DraftKey(p.Key, id))),
                    _ => devices.Where(p => p.Key != ownerVictim).SelectMany(p => p.Value.Values).Select(d => DeviceKey(d.OwnerId, d.Seq)),
                };
                foreach (byte[] key in othersKeys)
                {
                    Assert.False(
                        key.AsSpan().SequenceCompareTo(start) >= 0 && key.AsSpan().SequenceCompareTo(end) < 0,
                        $"{context}: DeleteUser's range [{Convert.ToHexString(start)}, {Convert.ToHexString(end)}) covers another user's key {Convert.ToHexString(key)}");
                }
            }

            // A user delete is a range delete, never a walk over keys. The only single-key delete is the bystander's
            // put in the batch removing its own (absent) deletion marker: the row key followed by 00.
            byte[] bystanderMarker = [.. DraftKey(bystander, 79), 0x00];
            Assert.All(audit.DeletedKeys, deleted => Assert.True(deleted.Family == "drafts" && deleted.Key.AsSpan().SequenceEqual(bystanderMarker)));
        }

        CheckEveryUser(store, audit, notes, devices, context);
        CheckDrafts(store, audit, drafts, changes, context);
        Assert.Equal(notes.Values.Sum(n => n.Count), store.Notes.Count());
        Assert.Equal(devices.Values.Sum(d => d.Count), store.Devices.Count());
        return users.Length + owners.Length;
    }

    private static void CheckEveryUser(
        ReliabilityStore store, EngineAudit? audit, Dictionary<string, Dictionary<long, Note>> notes, Dictionary<Guid, Dictionary<int, Device>> devices, string context)
    {
        foreach ((string user, Dictionary<long, Note> rows) in notes)
        {
            byte[] prefix = StringPrefix(user);
            audit?.Clear();
            List<Note> scanned = store.Notes.ScanUser(user).ToList();
            long counted = store.Notes.CountUser(user);
            Assert.True(
                rows.Values.OrderBy(n => n.NoteId).SequenceEqual(scanned),
                $"{context}: ScanUser({Show(user)}) returned [{string.Join(", ", scanned.Select(n => $"{Show(n.UserId)}/{n.NoteId}"))}], expected {rows.Count} rows of that user");
            Assert.True(counted == rows.Count, $"{context}: CountUser({Show(user)}) = {counted}, expected {rows.Count}");
            AssertOnlyReadWithin(audit, "notes", prefix, $"{context}: ScanUser/CountUser({Show(user)})");
        }

        foreach ((Guid owner, Dictionary<int, Device> rows) in devices)
        {
            byte[] prefix = DeviceKey(owner, null);
            audit?.Clear();
            List<Device> scanned = store.Devices.ScanUser(owner).ToList();
            Assert.Equal(rows.Values.OrderBy(d => d.Seq), scanned);
            Assert.Equal(rows.Count, store.Devices.CountUser(owner));
            AssertOnlyReadWithin(audit, "devices", prefix, $"{context}: ScanUser/CountUser({owner})");
        }
    }

    private static void CheckDrafts(
        ReliabilityStore store, EngineAudit? audit, Dictionary<string, SortedDictionary<int, bool>> drafts, Dictionary<string, List<(ChangeKind, int)>> changes, string context)
    {
        foreach ((string user, SortedDictionary<int, bool> rows) in drafts)
        {
            audit?.Clear();
            int[] live = rows.Where(p => p.Value).Select(p => p.Key).ToArray();
            Assert.True(live.SequenceEqual(store.Drafts.ScanUser(user).Select(d => d.DraftId)), $"{context}: drafts.ScanUser({Show(user)})");
            Assert.Equal(live.Length, store.Drafts.CountUser(user));
            AssertOnlyReadWithin(audit, "drafts", StringPrefix(user), $"{context}: drafts.ScanUser/CountUser({Show(user)})");

            audit?.Clear();
            List<ReliabilityStore.DraftsChange> feed = store.Drafts.ReadChanges(user, 0).ToList();
            Assert.True(
                feed.All(c => c.UserId == user) && feed.Select(c => (c.Kind, c.DraftId)).SequenceEqual(changes[user]),
                $"{context}: drafts.ReadChanges({Show(user)}, 0) returned [{string.Join(", ", feed.Select(c => $"{c.Kind} {Show(c.UserId)}/{c.DraftId}"))}], expected [{string.Join(", ", changes[user])}]");
            if (audit is not null)
            {
                // The per-user index is read only inside this user's range; change records only of this user's changes.
                byte[] indexPrefix = [.. StringPrefix("drafts"), .. StringPrefix(user)];
                HashSet<ulong> sequences = feed.Select(c => (ulong)c.Sequence).ToHashSet();
                Assert.True(feed.Count == 0 || audit.Reads.Any(r => r.Family == "__changes_by_user"), $"{context}: the feed read went unaudited");
                foreach ((string family, byte[] key) in audit.Reads)
                {
                    bool allowed = family switch
                    {
                        "__changes_by_user" => key.AsSpan().StartsWith(indexPrefix),
                        "__changes" => key.Length >= 8 && sequences.Contains(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(key.AsSpan(key.Length - 8))),
                        _ => false,
                    };
                    Assert.True(allowed, $"{context}: drafts.ReadChanges({Show(user)}) read {family}/{Convert.ToHexString(key)}");
                }
            }
        }
    }

    private static void AssertOnlyReadWithin(EngineAudit? audit, string family, byte[] prefix, string what)
    {
        if (audit is null)
        {
            return;
        }

        foreach ((string readFamily, byte[] key) in audit.Reads)
        {
            Assert.True(
                readFamily == family && key.AsSpan().StartsWith(prefix),
                $"{what} positioned an iterator on {readFamily}/{Convert.ToHexString(key)}, outside the user's prefix {Convert.ToHexString(prefix)}");
        }
    }

    private static T[] RandomSubset<T>(Random random, T[] values) => values.Where(_ => random.Next(3) == 0).ToArray();

    // Keys built with the key writer directly, per docs/key-encoding.md: the user id is the first part.
    private static byte[] StringPrefix(string user)
    {
        var writer = new KeyWriter(new byte[64]);
        writer.WriteString(user);
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }

    private static byte[] NoteKey(string user, long noteId)
    {
        var writer = new KeyWriter(new byte[64]);
        writer.WriteString(user);
        writer.WriteInt64(noteId);
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }

    private static byte[] DraftKey(string user, int draftId)
    {
        var writer = new KeyWriter(new byte[64]);
        writer.WriteString(user);
        writer.WriteInt32(draftId);
        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }

    private static byte[] DeviceKey(Guid owner, int? seq)
    {
        var writer = new KeyWriter(new byte[64]);
        writer.WriteGuid(owner);
        if (seq is int value)
        {
            writer.WriteInt32(value);
        }

        byte[] key = writer.WrittenSpan.ToArray();
        writer.Dispose();
        return key;
    }

    private static string Show(string value) => Model.ModelVerifier.Show(value.Length > 40 ? value[..40] + "..." : value);
}
