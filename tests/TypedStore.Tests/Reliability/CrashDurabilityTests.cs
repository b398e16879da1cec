using TypedStore.CrashTarget;
using TypedStore.Tests.Reliability.CrashTarget;
using TypedStore.Tests.Storage.RocksDb;
using Xunit.Abstractions;

namespace TypedStore.Tests.Reliability;

/// <summary>
/// Crash durability, tested the way storage engines are: a child process writes through a generated store and
/// prints each write after it returns; the test SIGKILLs it at a seeded, random point (counted in
/// acknowledgements, never in time), reopens the store and checks every promise, then starts the next child on
/// the same store. Kills land mid-write, mid-batch and mid-recovery-of-the-previous-kill.
/// </summary>
/// <remarks>
/// A SIGKILL ends the process, not the machine: with the WAL on, an acknowledged write is in the operating
/// system's page cache and survives even without <see cref="StoreOptions.SyncWrites"/>. Only a power loss or
/// kernel crash separates the two settings, and that is not something a test can do (docs/reliability.md).
/// </remarks>
public sealed class CrashDurabilityTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ITestOutputHelper _output;

    public CrashDurabilityTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WalOn_NoSync_SigKill_LosesNoAcknowledgedWrite_AndBatchesStayAllOrNothing()
        => KillRepeatedly("wal", kills: ReliabilitySettings.Scale(20, 200), maxAcknowledgements: 400, fixedSeed: 61_001);

    [Fact]
    public void SyncWrites_SigKill_LosesNoAcknowledgedWrite_AndBatchesStayAllOrNothing()
        => KillRepeatedly("sync", kills: ReliabilitySettings.Scale(20, 100), maxAcknowledgements: 120, fixedSeed: 61_002);

    [Fact]
    public void DisableWal_SigKill_StoreStillOpensCleanly_KeepsCleanlyClosedWrites_AndBatchesStayAllOrNothing()
    {
        string path = _directory.Sub("store");

        // Written with the WAL off and closed cleanly: closing flushes the memtables, so these must survive.
        var baseline = new List<Item>();
        using (CrashStore store = CrashStore.Open(path, CrashProtocol.OptionsFor("nowal")))
        {
            for (int i = 0; i < 50; i++)
            {
                string id = "baseline-" + i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
                baseline.Add(new Item(id, string.Empty, 0, CrashProtocol.PayloadFor(id), string.Empty));
            }

            store.Items.PutMany(baseline);
        }

        var writes = new AcknowledgedWrites();
        int kills = ReliabilitySettings.Scale(5, 30);
        int seed = ReliabilitySettings.Seed(61_003);
        var random = new Random(seed);
        int missing = 0;
        for (int kill = 0; kill < kills; kill++)
        {
            // Items of 4 KB fill the items table's 64 MB memtable after roughly 8,000 writes, while the small
            // ledger and progress rows of the same batches stay in theirs: each run is killed after at least one
            // flush. (This tore cross-table batches until flushes were made atomic under DisableWal.)
            using (CrashTargetProcess child = CrashTargetProcess.Start(path, "nowal", random.Next(), kill, fillerLength: 4_096))
            {
                child.ReadAcknowledgements(writes, random.Next(9_000, 20_000));
                child.KillAndCollect(writes);
            }

            using CrashStore reopened = CrashStore.Open(path, CrashProtocol.OptionsFor("nowal"));
            List<string> violations = writes.Verify(reopened, AcknowledgedWrites.Expectation.IntegrityOnly);
            Assert.True(violations.Count == 0, $"seed {seed}, kill {kill}:\n{string.Join('\n', violations.Take(20))}");
            foreach (Item item in baseline)
            {
                Assert.Equal(item, reopened.Items.Get(item.Id));
            }

            // Not read-only, not poisoned: the store takes writes again.
            var probe = new Item($"probe-{kill}", string.Empty, 0, CrashProtocol.PayloadFor($"probe-{kill}"), string.Empty);
            reopened.Items.Put(probe);
            Assert.Equal(probe, reopened.Items.Get(probe.Id));
            missing = writes.Verify(reopened, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite).Count;
        }

        // The runs really flushed before they were killed: table files hold the writes that survived.
        Assert.NotEmpty(Directory.GetFiles(path, "*.sst"));

        // Reported, not asserted: how much of the unflushed tail a kill loses depends on when RocksDB last flushed.
        _output.WriteLine($"nowal: {kills} kills (seed {seed}), {writes.Count} acknowledged writes, {missing} of them missing after the last kill; the store reopened cleanly and took writes every time.");
    }

    private void KillRepeatedly(string mode, int kills, int maxAcknowledgements, int fixedSeed)
    {
        string path = _directory.Sub("store");
        var writes = new AcknowledgedWrites();
        int seed = ReliabilitySettings.Seed(fixedSeed);
        var random = new Random(seed);
        for (int kill = 0; kill < kills; kill++)
        {
            RunAndKill(path, mode, random, maxAcknowledgements, generation: kill, writes);

            using CrashStore reopened = CrashStore.Open(path, CrashProtocol.OptionsFor(mode));
            List<string> violations = writes.Verify(reopened, AcknowledgedWrites.Expectation.EveryAcknowledgedWrite);
            Assert.True(violations.Count == 0, $"{mode}, seed {seed}, after kill {kill} ({writes.Count} acknowledged writes):\n{string.Join('\n', violations.Take(20))}");
        }

        Assert.True(writes.Count > kills, $"the children acknowledged only {writes.Count} writes");
        _output.WriteLine($"{mode}: {kills} kills (seed {seed}), {writes.Count} acknowledged writes checked after every kill.");
    }

    /// <summary>Runs one child until it has acknowledged a seeded number of writes (sometimes none), then kills it.</summary>
    private static void RunAndKill(string path, string mode, Random random, int maxAcknowledgements, int generation, AcknowledgedWrites writes)
    {
        // One kill in six lands right after the open, while the child is still replaying the previous crash's WAL tail.
        int acknowledgements = random.Next(6) == 0 ? 0 : random.Next(1, maxAcknowledgements + 1);
        using CrashTargetProcess child = CrashTargetProcess.Start(path, mode, random.Next(), generation);
        child.ReadAcknowledgements(writes, acknowledgements);
        child.KillAndCollect(writes);
    }
}
