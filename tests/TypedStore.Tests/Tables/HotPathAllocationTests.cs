using TypedStore.Tables;
using TypedStore.Tests.EndToEnd;

namespace TypedStore.Tests.Tables;

/// <summary>
/// The hot paths allocate what the design says and nothing more. The engine double allocates nothing, and
/// allocation counts (not timings) are deterministic for a single thread.
/// </summary>
public class HotPathAllocationTests
{
    private const int Calls = 1_000;

    [Fact]
    public void Put_AllocatesNothing()
    {
        var engine = new SingleValueEngine("metrics");
        using StoreRuntime runtime = StoreRuntime.Create("MetricStore", engine);
        var table = new TableCore<Metric, MetricStore.MetricsKey, MetricStore.MetricsCodec>(runtime, new TableDescriptor("metrics", TableKind.Shared));
        var row = new Metric(42, 0.5, 7);
        table.Put(row); // warm up: JIT, the thread's pooled value buffer

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            table.Put(row);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Calls + 1, engine.Puts);
    }

    [Fact]
    public void Get_AllocatesOnlyTheReturnedRow()
    {
        var engine = new SingleValueEngine("metrics");
        using StoreRuntime runtime = StoreRuntime.Create("MetricStore", engine);
        var table = new TableCore<Metric, MetricStore.MetricsKey, MetricStore.MetricsCodec>(runtime, new TableDescriptor("metrics", TableKind.Shared));
        table.Put(new Metric(42, 0.5, 7));
        var key = new MetricStore.MetricsKey(42);
        Assert.True(table.TryGet(key, null, out _)); // warm up

        long rowSize = MeasureOneRow();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Metric? last = null;
        for (int i = 0; i < Calls; i++)
        {
            table.TryGet(key, null, out last);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(new Metric(42, 0.5, 7), last);
        Assert.Equal(Calls * rowSize, allocated);
    }

    [Fact]
    public void KeyPrefix_EncodesAndHandsOverThePrefix_AllocatingNothing()
    {
        var engine = new SingleValueEngine("messages");
        using StoreRuntime runtime = StoreRuntime.Create("ChatStore", engine);
        var table = new TableCore<Message, ChatStore.MessagesKey, ChatStore.MessagesCodec>(runtime, new TableDescriptor("messages", TableKind.User));
        int expected = PrefixLength(table, "user-1") + PrefixLengthPlus(table, "user-1", 1); // warm up: JIT, the cached delegates

        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < Calls; i++)
        {
            total += PrefixLength(table, "user-1") + PrefixLengthPlus(table, "user-1", 1);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(Calls * expected, total);
    }

    [Fact]
    public void CountUser_ThePrefixAddsNoAllocation_ToTheCountItself()
    {
        using ChatStore store = ChatStore.OpenInMemory();
        for (int i = 0; i < 3; i++)
        {
            store.Messages.Put(new Message("user-1", i, "hello", DateTime.UnixEpoch));
            store.Messages.Put(new Message("user-2", i, "hello", DateTime.UnixEpoch));
        }

        var core = store.Messages.Core;
        byte[] prefix = KeyPrefix.Use(core, "user-1", ChatStore.MessagesCodec.WritePrefix, static (_, encoded) => encoded.ToArray());
        Assert.Equal(3, store.Messages.CountUser("user-1"));
        Assert.Equal(3, core.Count(prefix, null)); // warm up both

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            core.Count(prefix, null);
        }

        long countOnly = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            store.Messages.CountUser("user-1");
        }

        long countUser = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(countOnly, countUser);
    }

    private static int PrefixLength(TableCore<Message, ChatStore.MessagesKey, ChatStore.MessagesCodec> table, string userId)
        => KeyPrefix.Use(table, userId, ChatStore.MessagesCodec.WritePrefix, static (_, prefix) => prefix.Length);

    private static int PrefixLengthPlus(TableCore<Message, ChatStore.MessagesKey, ChatStore.MessagesCodec> table, string userId, int extra)
        => KeyPrefix.Use(table, userId, ChatStore.MessagesCodec.WritePrefix, extra, static (_, prefix, extra) => prefix.Length + extra);

    private static long MeasureOneRow()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new Metric(1, 2, 3));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
