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

    private static long MeasureOneRow()
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(new Metric(1, 2, 3));
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
