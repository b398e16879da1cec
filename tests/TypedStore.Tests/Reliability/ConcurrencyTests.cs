using System.Globalization;
using TypedStore.Tests.Reliability.Concurrency;
using TypedStore.Tests.Reliability.Model;
using TypedStore.Tests.Storage.RocksDb;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Many threads on one store. Writers own disjoint keys and remember what they wrote last; batch threads rewrite a
/// group of rows across three tables to one generation number per commit; readers, scanners and snapshot readers
/// check every row they see is whole, per-key progress never goes backwards, and a snapshot always shows each
/// group at a single generation. At the end the store must hold exactly what the writers remember. A second test
/// disposes the store under the workers: they must only ever see <see cref="ObjectDisposedException"/>.
/// Work is counted in operations, never in time; every join is bounded (<see cref="WorkerThreads"/>).
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const int Writers = 2;
    private const int Groups = 2;
    private const int GroupSize = 3;
    private const int KeysPerWriter = 48;
    private const int KeptRows = 4;

    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public ConcurrencyTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    public static TheoryData<string> Engines => ["memory", "rocksdb"];

    [Theory]
    [MemberData(nameof(Engines))]
    public void WritersReadersScannersBatchesAndSnapshots_AtOnce_LoseNothing_TearNothing_SnapshotsStayConsistent(string engine)
    {
        using ReliabilityStore store = Open(engine);
        int operations = ReliabilitySettings.Scale(6_000, 200_000);
        int seed = ReliabilitySettings.Seed(63_001);
        var lastWritten = new Dictionary<string, long>[Writers];
        long[] committedGeneration = new long[Groups];
        for (int group = 0; group < Groups; group++)
        {
            CommitGeneration(store, group, generation: 0, deleteNotesFirst: false);
        }

        var workers = new WorkerThreads();
        for (int w = 0; w < Writers; w++)
        {
            int writer = w;
            workers.Add($"writer {writer}", () => lastWritten[writer] = RunWriter(store, writer, operations, seed + writer));
        }

        for (int g = 0; g < Groups; g++)
        {
            int group = g;
            workers.Add($"batcher {group}", () => committedGeneration[group] = RunBatcher(store, group, operations / 3, seed + 100 + group));
        }

        workers.Add("reader", () => RunReader(store, operations * 2, seed + 200));
        workers.Add("scanner", () => RunScanner(store, operations / 25));
        workers.Add("snapshots", () => RunSnapshots(store, operations / 25));
        workers.RunToCompletion();

        // Nothing lost: the store holds exactly the last write of every key, and every group's last commit.
        for (int writer = 0; writer < Writers; writer++)
        {
            string prefix = WriterPrefix(writer);
            var stored = store.Accounts.ScanAll().Where(a => a.Id.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(a => a.Id, a => a.Balance);
            Assert.Equal(lastWritten[writer].OrderBy(p => p.Key, StringComparer.Ordinal), stored.OrderBy(p => p.Key, StringComparer.Ordinal));
        }

        for (int group = 0; group < Groups; group++)
        {
            Assert.Equal(committedGeneration[group], ReadGroup(new StoreView(store), group));
        }

        _output.WriteLine($"{engine}: {Writers} writers x {operations} ops, {Groups} batchers x {operations / 3} batches, {operations * 2} reads, {operations / 25} scans, {operations / 25} snapshots (seed {seed}).");
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void DisposeWhileThreadsWork_TheyOnlyEverSeeObjectDisposedException_AndTheStoreReopensIntact(string engine)
    {
        string path = _directory.Sub("store");
        int rounds = ReliabilitySettings.Scale(16, 300);
        for (int round = 0; round < rounds; round++)
        {
            // Every other round carries values of a megabyte, which the memtable keeps in blocks of their own:
            // reading one after the close would touch unmapped memory (see IteratorSpanLifetimeTests).
            int valueLength = round % 2 == 0 ? 64 : 1 << 20;
            ReliabilityStore store = engine == "memory" ? ReliabilityStore.OpenInMemory() : ReliabilityStore.Open(path);
            store.Accounts.PutMany(Enumerable.Range(0, KeptRows).Select(i => new Account($"keep-{i:D2}", i, new string('k', valueLength))));

            DisposeUnderLoad(store, round, valueLength);
        }

        if (engine == "rocksdb")
        {
            using ReliabilityStore reopened = ReliabilityStore.Open(path);
            Assert.Equal(KeptRows, reopened.Accounts.ScanAll().Count(a => a.Id.StartsWith("keep-", StringComparison.Ordinal)));
        }

        _output.WriteLine($"{engine}: {rounds} rounds of 10 workers disposed mid-work.");
    }

    private static void DisposeUnderLoad(ReliabilityStore store, int round, int valueLength)
    {
        const int Workers = 10;
        const int WarmUpCalls = 3;
        using var warmedUp = new CountdownEvent(Workers);
        using var abandon = new CancellationTokenSource();
        var unexpected = new System.Collections.Concurrent.ConcurrentQueue<string>();

        Action<int>[] work =
        [
            i => store.Accounts.Put(new Account($"r{round}-{i % 64}", i, "small")),
            i => _ = store.Accounts.Get($"keep-{i % KeptRows:D2}"),
            _ => store.Accounts.ScanAll().Sum(a => a.Note!.Length),
            i =>
            {
                // A scan held open across many calls: the dispose lands between its rows.
                using IEnumerator<Account> scan = store.Accounts.ScanAll(reverse: true).GetEnumerator();
                for (int row = 0; row < 100 && scan.MoveNext(); row++)
                {
                    _ = scan.Current.Note!.Length;
                    if (row % 8 == 0)
                    {
                        Thread.Yield();
                    }
                }
            },
            i =>
            {
                using ReliabilityStoreBatch batch = store.CreateBatch();
                batch.Notes.Put(new Note($"user{i % 4}", i, "batched"));
                batch.Devices.Put(new Device(Guid.AllBitsSet, i, "batched"));
                batch.Notes.DeleteUser($"user{(i + 1) % 4}");
                batch.Commit();
            },
            _ =>
            {
                using ReliabilityStoreSnapshot snapshot = store.CreateSnapshot();
                snapshot.Accounts.Get("keep-00");
                snapshot.Accounts.ScanAll().Count();
                snapshot.Notes.CountUser("user1");
            },
            i => store.Notes.CountUser($"user{i % 4}"),
            _ => store.Devices.DeleteUser(Guid.AllBitsSet),
            i =>
            {
                // Soft delete, restore and the change feed: a marker write, a marker delete, a feed read.
                store.Drafts.Put(new Draft($"user{i % 4}", i % 16, "draft"));
                store.Drafts.Delete($"user{i % 4}", (i + 1) % 16);
                store.Drafts.Restore($"user{i % 4}", (i + 2) % 16);
                store.Drafts.ReadChanges($"user{i % 4}", Math.Max(0, i - 8)).Count();
            },
            _ => store.Drafts.PurgeDeleted(DateTimeOffset.MaxValue),
        ];

        var threads = new Thread[Workers];
        for (int w = 0; w < Workers; w++)
        {
            Action<int> call = work[w];
            int worker = w;
            threads[w] = new Thread(() =>
            {
                bool signalled = false;
                try
                {
                    // Until the dispose reaches this worker; if the test gives up first (a hang elsewhere), it stops too.
                    for (int i = 0; !abandon.IsCancellationRequested; i++)
                    {
                        call(i);
                        if (i == WarmUpCalls)
                        {
                                        warmedUp.Signal();
                            signalled = true;
                        }
                    }

                    unexpected.Enqueue($"worker {worker} never saw ObjectDisposedException");
                }
                catch (ObjectDisposedException)
                {
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue($"worker {worker}: {ex}");
                }
                finally
                {
                    if (!signalled)
                    {
                        warmedUp.Signal();
                    }
                }
            })
            {
                IsBackground = true,
                Name = $"dispose-race worker {w}",
            };
            threads[w].Start();
        }

        try
        {
            Assert.True(warmedUp.Wait(WorkerThreads.JoinTimeout), "the workers did not warm up");
            store.Dispose();
            foreach (Thread thread in threads)
            {
                Assert.True(thread.Join(WorkerThreads.JoinTimeout), $"{thread.Name} hung after the store was disposed");
            }
        }
        finally
        {
            abandon.Cancel();
            store.Dispose();
        }

        Assert.True(unexpected.IsEmpty, $"round {round}: " + string.Join("\n\n", unexpected.Take(3)));
    }

    private static Dictionary<string, long> RunWriter(ReliabilityStore store, int writer, int operations, int seed)
    {
        var random = new Random(seed);
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        string user = WriterPrefix(writer);
        for (long sequence = 1; sequence <= operations; sequence++)
        {
            string id = WriterKey(writer, random.Next(KeysPerWriter));
            int dice = random.Next(10);
            if (dice == 0)
            {
                store.Accounts.Delete(id);
                last.Remove(id);
            }
            else if (dice == 1)
            {
                // Several keys in one atomic write; all get this sequence number.
                Account[] rows = Enumerable.Range(0, 4).Select(_ => WriterRow(WriterKey(writer, random.Next(KeysPerWriter)), sequence)).ToArray();
                store.Accounts.PutMany(rows);
                foreach (Account row in rows)
                {
                    last[row.Id] = sequence;
                }
            }
            else
            {
                store.Accounts.Put(WriterRow(id, sequence));
                last[id] = sequence;
            }

            if (dice >= 7)
            {
                long noteId = random.Next(8);
                store.Notes.Put(new Note(user, noteId, NoteText(user, noteId, sequence)));
            }
        }

        return last;
    }

    private static long RunBatcher(ReliabilityStore store, int group, int batches, int seed)
    {
        var random = new Random(seed);
        long committed = 0;
        for (long generation = 1; generation <= batches; generation++)
        {
            if (random.Next(10) == 0)
            {
                // Abandoned: written into a batch, never committed; nobody may ever see this generation.
                using ReliabilityStoreBatch abandoned = store.CreateBatch();
                abandoned.Accounts.Put(new Account(GroupAccount(group, 0), -generation, GroupText(-generation)));
                continue;
            }

            CommitGeneration(store, group, generation, deleteNotesFirst: random.Next(3) == 0);
            committed = generation;
        }

        return committed;
    }

    /// <summary>Rewrites every row of a group, in three tables, to <paramref name="generation"/> in one batch.</summary>
    private static void CommitGeneration(ReliabilityStore store, int group, long generation, bool deleteNotesFirst)
    {
        using ReliabilityStoreBatch batch = store.CreateBatch();
        if (deleteNotesFirst)
        {
            // Delete-then-put in one batch: a reader must never see the group without its notes.
            batch.Notes.DeleteUser(GroupUser(group));
        }

        for (int i = 0; i < GroupSize; i++)
        {
            batch.Accounts.Put(new Account(GroupAccount(group, i), generation, GroupText(generation)));
            batch.Notes.Put(new Note(GroupUser(group), i, GroupText(generation)));
            batch.Devices.Put(new Device(GroupOwner(group), i, GroupText(generation)));
        }

        batch.Commit();
    }

    private static void RunReader(ReliabilityStore store, int reads, int seed)
    {
        var random = new Random(seed);
        var lastSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        long[] lastGeneration = new long[Groups];
        for (int i = 0; i < reads; i++)
        {
            if (random.Next(4) == 0)
            {
                int group = random.Next(Groups);
                Account row = store.Accounts.Get(GroupAccount(group, random.Next(GroupSize))) ?? throw new InvalidOperationException($"group {group} lost a row");
                Check(row.Balance >= 0 && row.Note == GroupText(row.Balance), $"torn or abandoned group row {row}");
                Check(row.Balance >= lastGeneration[group], $"group {group} went back from generation {lastGeneration[group]} to {row.Balance}");
                lastGeneration[group] = row.Balance;
                continue;
            }

            string id = WriterKey(random.Next(Writers), random.Next(KeysPerWriter));
            Account? account = store.Accounts.Get(id);
            if (account is null)
            {
                continue;
            }

            CheckWriterRow(account);
            Check(!lastSeen.TryGetValue(id, out long previous) || account.Balance >= previous, $"{id} went back from write {previous} to {account.Balance}");
            lastSeen[id] = account.Balance;
        }
    }

    private static void RunScanner(ReliabilityStore store, int scans)
    {
        for (int i = 0; i < scans; i++)
        {
            string? previous = null;
            foreach (Account account in store.Accounts.ScanAll(reverse: i % 2 == 1))
            {
                if (previous is not null)
                {
                    int order = ValueOrder.Utf8.Compare(previous, account.Id);
                    Check(i % 2 == 0 ? order < 0 : order > 0, $"scan out of order: {previous} then {account.Id}");
                }

                previous = account.Id;
                if (account.Id.StartsWith('w'))
                {
                    CheckWriterRow(account);
                }
                else
                {
                    Check(account.Note == GroupText(account.Balance), $"torn group row {account}");
                }
            }

            string user = WriterPrefix(i % Writers);
            foreach (Note note in store.Notes.ScanUser(user))
            {
                Check(note.UserId == user && note.Text.StartsWith(NoteText(user, note.NoteId, 0)[..^1], StringComparison.Ordinal), $"ScanUser({user}) returned {note}");
            }
        }
    }

    private static void RunSnapshots(ReliabilityStore store, int snapshots)
    {
        long[] lastGeneration = new long[Groups];
        for (int i = 0; i < snapshots; i++)
        {
            using ReliabilityStoreSnapshot snapshot = store.CreateSnapshot();
            var view = new SnapshotView(snapshot);
            for (int group = 0; group < Groups; group++)
            {
                long generation = ReadGroup(view, group);
                Check(generation >= lastGeneration[group], $"a later snapshot shows group {group} at {generation}, an earlier one at {lastGeneration[group]}");
                lastGeneration[group] = generation;
                Thread.Yield(); // let the batchers commit meanwhile
                Check(ReadGroup(view, group) == generation, $"snapshot of group {group} changed under its reader");
            }
        }
    }

    /// <summary>The one generation every row of a group shows through <paramref name="view"/>; throws when rows disagree.</summary>
    private static long ReadGroup(IReliabilityView view, int group)
    {
        var generations = new List<long>();
        for (int i = 0; i < GroupSize; i++)
        {
            Account account = view.GetAccount(GroupAccount(group, i)) ?? throw new InvalidOperationException($"group {group} has no account {i}");
            generations.Add(account.Balance);
        }

        List<Note> notes = view.ScanNotesOf(GroupUser(group)).ToList();
        List<Device> devices = view.ScanDevicesOf(GroupOwner(group)).ToList();
        Check(notes.Count == GroupSize && view.CountNotesOf(GroupUser(group)) == GroupSize, $"group {group} shows {notes.Count} notes");
        Check(devices.Count == GroupSize, $"group {group} shows {devices.Count} devices");
        generations.AddRange(notes.Select(n => ParseGroupText(n.Text)));
        generations.AddRange(devices.Select(d => ParseGroupText(d.Name)));
        Check(generations.Distinct().Count() == 1, $"group {group} is torn across tables: generations {string.Join(",", generations)}");
        return generations[0];
    }

    private static void CheckWriterRow(Account account)
        => Check(account.Note == WriterNote(account.Id, account.Balance), $"torn row {account.Id}: balance {account.Balance}, note '{account.Note}'");

    private static void Check(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private ReliabilityStore Open(string engine) => engine == "memory" ? ReliabilityStore.OpenInMemory() : ReliabilityStore.Open(_directory.Sub("store"));

    private static string WriterPrefix(int writer) => "w" + writer.ToString(CultureInfo.InvariantCulture);

    private static string WriterKey(int writer, int key) => string.Create(CultureInfo.InvariantCulture, $"w{writer}-{key:D3}");

    private static Account WriterRow(string id, long sequence) => new(id, sequence, WriterNote(id, sequence));

    // The note repeats the key and the sequence (and is long enough to span several MessagePack chunks), so a row
    // assembled from two writes cannot pass the check.
    private static string WriterNote(string id, long sequence) => string.Concat(Enumerable.Repeat($"{id}#{sequence};", 1 + (int)(sequence % 40)));

    private static string NoteText(string user, long noteId, long sequence) => string.Create(CultureInfo.InvariantCulture, $"{user}/{noteId}/{sequence}");

    private static string GroupAccount(int group, int index) => string.Create(CultureInfo.InvariantCulture, $"grp{group}-{index}");

    private static string GroupUser(int group) => "grp" + group.ToString(CultureInfo.InvariantCulture);

    private static Guid GroupOwner(int group) => new(group + 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private static string GroupText(long generation) => "gen:" + generation.ToString(CultureInfo.InvariantCulture);

    private static long ParseGroupText(string text) => long.Parse(text.AsSpan(4), CultureInfo.InvariantCulture);
}
