using TypedStore.Storage;
using TypedStore.Tables;
using TypedStore.Tests.EndToEnd;

namespace TypedStore.Tests.Tables;

/// <summary>System tables hold the store's own metadata: their writes are synced whatever the options say.</summary>
public class DurabilityTests
{
    [Theory]
    [InlineData(TableKind.System, WriteDurability.Synced)]
    [InlineData(TableKind.Shared, WriteDurability.Default)]
    [InlineData(TableKind.User, WriteDurability.Default)]
    [InlineData(TableKind.Stream, WriteDurability.Default)]
    public void PutAndDelete_UseTheTableKindsDurability(TableKind kind, WriteDurability expected)
    {
        var engine = new SingleValueEngine("metrics");
        using StoreRuntime runtime = StoreRuntime.Create("MetricStore", engine, new StoreOptions { DisableWal = true });
        var table = new TableCore<Metric, MetricStore.MetricsKey, MetricStore.MetricsCodec>(runtime, new TableDescriptor("metrics", kind));

        table.Put(new Metric(1, 1, 1));
        Assert.Equal(expected, engine.LastDurability);

        table.Delete(new MetricStore.MetricsKey(1));
        Assert.Equal(expected, engine.LastDurability);
    }
}
