using TypedStore.Catalog;
using TypedStore.Tests.Storage;

namespace TypedStore.Tests.Catalog;

/// <summary>Generated ids on RocksDB, plus what only a persistent engine can show: reopening and crashing.</summary>
public sealed class RocksDbGeneratedIdTests : GeneratedIdTests
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "typedstore-ids-" + Guid.NewGuid().ToString("N"));
    private int _stores;

    public RocksDbGeneratedIdTests()
    {
        Directory.CreateDirectory(_root);
    }

    protected override SequenceStore OpenStore() => Track(SequenceStore.Open(NewPath()));

    protected override void DisposeEngineResources()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void Reopen_ResumesAfterTheReservedBlock_SoIdsKeepIncreasing()
    {
        string path = NewPath();
        using (SequenceStore store = SequenceStore.Open(path))
        {
            Assert.Equal(3, InsertTickets(store, 3).Max());
        }

        // The first block reserved ids 1..BlockSize; its unused ids are skipped, never handed out twice.
        using (SequenceStore store = SequenceStore.Open(path))
        {
            Assert.Equal(IdSequence.BlockSize + 1, store.Tickets.Insert(new Ticket(0, "after reopen")).Id);
            Assert.Equal(4, store.Tickets.Count());
        }
    }

    [Fact]
    public void Reopen_AfterSeveralBlocks_StaysAboveEveryIdHandedOut()
    {
        string path = NewPath();
        long highest;
        using (SequenceStore store = SequenceStore.Open(path))
        {
            highest = InsertTickets(store, (int)IdSequence.BlockSize + 5).Max();
        }

        using (SequenceStore store = SequenceStore.Open(path))
        {
            long next = store.Tickets.Insert(new Ticket(0, "after reopen")).Id;
            Assert.True(next > highest, $"{next} must be above {highest}");
            Assert.Equal((2 * IdSequence.BlockSize) + 1, next);
        }
    }

    [Fact]
    public void Crash_MidBlock_IdsHandedOutAfterTheLastDurableState_AreNeverReused()
    {
        // A checkpoint is what the disk holds if the process dies at that moment: opening it is restarting
        // after a crash. Ids handed out after it (11..15) may be in rows the crash lost; they must stay used.
        string path = NewPath();
        string crashed = Path.Combine(_root, "crashed");
        List<long> handedOutAfterCheckpoint;
        using (SequenceStore store = SequenceStore.Open(path))
        {
            InsertTickets(store, 10);
            store.Runtime.Engine.Maintenance().CreateCheckpoint(crashed);
            handedOutAfterCheckpoint = InsertTickets(store, 5);
        }

        Assert.Equal([11L, 12L, 13L, 14L, 15L], handedOutAfterCheckpoint);
        using (SequenceStore restarted = SequenceStore.Open(crashed))
        {
            Assert.Equal(10, restarted.Tickets.Count());
            long next = restarted.Tickets.Insert(new Ticket(0, "after the crash")).Id;
            Assert.True(next > handedOutAfterCheckpoint.Max(), $"{next} must be above every id handed out before the crash");
        }
    }

    [Fact]
    public void Crash_AfterAnExplicitIdWasPut_StillNeverHandsItOut()
    {
        string path = NewPath();
        string crashed = Path.Combine(_root, "crashed-explicit");
        using (SequenceStore store = SequenceStore.Open(path))
        {
            store.Tickets.Put(new Ticket(50_000, "chosen"));
            store.Runtime.Engine.Maintenance().CreateCheckpoint(crashed);
        }

        using SequenceStore restarted = SequenceStore.Open(crashed);
        Assert.True(restarted.Tickets.Insert(new Ticket(0, "next")).Id > 50_000);
    }

    [Fact]
    public void ReadOnlyStore_RefusesInsert_AndWritesNothing()
    {
        string path = NewPath();
        using (SequenceStore store = SequenceStore.Open(path))
        {
            InsertTickets(store, 2);
        }

        StoreDump before = StoreDump.Of(path);
        using (SequenceStore readOnly = SequenceStore.Open(path, new StoreOptions { ReadOnly = true }))
        {
            Assert.Equal("t1", readOnly.Tickets.Get(2)!.Title);
            Assert.Throws<InvalidOperationException>(() => readOnly.Tickets.Insert(new Ticket(0, "refused")));
        }

        StoreDump.AssertSame(before, StoreDump.Of(path));
    }

    private static List<long> InsertTickets(SequenceStore store, int count)
    {
        var ids = new List<long>(count);
        for (int i = 0; i < count; i++)
        {
            ids.Add(store.Tickets.Insert(new Ticket(0, $"t{i}")).Id);
        }

        return ids;
    }

    private string NewPath() => Path.Combine(_root, $"store{Interlocked.Increment(ref _stores)}");
}
