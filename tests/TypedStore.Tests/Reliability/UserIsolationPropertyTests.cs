using TypedStore.Keys;
using TypedStore.Tests.Reliability.Isolation;
using TypedStore.Tests.Storage.RocksDb;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Isolation between users as a security property. For thousands of generated user ids built to collide (prefix
/// pairs, empty, NUL, U+FFFF, non-ASCII, long, and Guid ids of 0x00 and 0xFF bytes; <see cref="UserIdFamilies"/>),
/// ScanUser and CountUser return exactly the user's rows, and DeleteUser (direct or in a batch) removes exactly the
/// user's rows. On an auditing engine the test also proves the stronger claim: a user's scan never positions an
/// iterator on another user's key, and a user's range delete covers no other user's key.
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
        CheckEveryUser(store, audit, notes, devices, context);

        // Delete one string user and one Guid user, directly or in a batch that also writes around the delete.
        string victim = users[random.Next(users.Length)];
        Guid ownerVictim = owners[random.Next(owners.Length)];
        string bystander = users[random.Next(users.Length)];
        audit?.Clear();
        if (random.Next(2) == 0)
        {
            store.Notes.DeleteUser(victim);
            store.Devices.DeleteUser(ownerVictim);
            notes[victim].Clear();
            devices[ownerVictim].Clear();
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
            batch.Commit();
            // The model applies the batch in its order (the bystander may be the victim itself).
            notes[bystander][other.NoteId] = other;
            notes[victim].Clear();
            notes[victim][after.NoteId] = after;
            devices[ownerVictim].Clear();
        }

        if (audit is not null)
        {
            foreach ((string family, byte[] start, byte[] end) in audit.DeletedRanges)
            {
                IEnumerable<byte[]> othersKeys = family == "notes"
                    ? notes.Where(p => p.Key != victim).SelectMany(p => p.Value.Values).Select(n => NoteKey(n.UserId, n.NoteId))
                    : devices.Where(p => p.Key != ownerVictim).SelectMany(p => p.Value.Values).Select(d => DeviceKey(d.OwnerId, d.Seq));
                foreach (byte[] key in othersKeys)
                {
                    Assert.False(
                        key.AsSpan().SequenceCompareTo(start) >= 0 && key.AsSpan().SequenceCompareTo(end) < 0,
                        $"{context}: DeleteUser's range [{Convert.ToHexString(start)}, {Convert.ToHexString(end)}) covers another user's key {Convert.ToHexString(key)}");
                }
            }

            Assert.Empty(audit.DeletedKeys); // a user delete is a range delete, never a walk over keys
        }

        CheckEveryUser(store, audit, notes, devices, context);
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
