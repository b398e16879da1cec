using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TypedStore.Diagnostics;
using TypedStore.Tests.Indexes;

namespace TypedStore.Tests.Diagnostics;

/// <summary>A table only these tests use, in a store only they open, so the process-wide meter's measurements can be told apart.</summary>
[Table("observed_items")]
public sealed record ObservedItem([property: Key] string Group, [property: Key] int Id, string Name);

[Store(typeof(ObservedItem))]
public sealed partial class ObservedStore;

/// <summary>
/// Logging and metrics (docs/observability.md): operations counted per store, table and operation on the one
/// "TypedStore" meter; durations only while listened to; engine gauges; and the open, catalog and index-build log
/// entries through <see cref="StoreOptions.LoggerFactory"/>. One class (the engines run one after the other inside each
/// test): the meter is process-wide, and these are the only tests that listen to it.
/// </summary>
public sealed class ObservabilityTests : IDisposable
{
    private readonly string _root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "typedstore-observability-" + Guid.NewGuid().ToString("N"))).FullName;

    public static TheoryData<bool> Engines => new() { false, true };

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EveryTableOperation_IsCounted_OncePerCall_WithStoreTableAndOperation(bool rocksDb)
    {
        using var operations = new MetricCollector<long>(null, StoreMetrics.MeterName, "typedstore.operations");
        using ObservedStore store = Open(rocksDb);

        store.ObservedItems.Put(new ObservedItem("g", 1, "a"));
        store.ObservedItems.Put(new ObservedItem("g", 2, "b"));
        store.ObservedItems.PutMany([new ObservedItem("g", 3, "c"), new ObservedItem("h", 1, "d")]);
        Assert.NotNull(store.ObservedItems.Get("g", 1));
        Assert.Null(store.ObservedItems.Get("g", 9));
        store.ObservedItems.Delete("g", 2);
        Assert.Equal(2, store.ObservedItems.Scan("g").Count());
        Assert.Equal(3, store.ObservedItems.Scan().ToList().Count);
        store.ObservedItems.Scan("h").Delete();
        using (ObservedStoreBatch batch = store.CreateBatch())
        {
            batch.ObservedItems.Put(new ObservedItem("g", 4, "e"));
            batch.Commit();
        }

        Dictionary<string, long> counted = Counted(operations, rocksDb);
        Assert.Equal(3, counted["put"]);                  // two direct, one in the batch
        Assert.Equal(1, counted["put_many"]);
        Assert.Equal(2, counted["get"]);                  // found or not
        Assert.Equal(1, counted["delete"]);
        Assert.Equal(2, counted["scan"]);                 // a Count and an enumeration: one each, not one per row
        Assert.Equal(1, counted["delete_range"]);
        Assert.All(operations.GetMeasurementSnapshot(), m => Assert.Equal(1, m.Value));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Durations_AreMeasured_OnlyWhileListenedTo(bool rocksDb)
    {
        using ObservedStore store = Open(rocksDb);

        // Nobody listens to the histogram: the clock is not read at all.
        Assert.Equal(0, TableMetrics.Start());

        using (var durations = new MetricCollector<double>(null, StoreMetrics.MeterName, "typedstore.operation.duration"))
        {
            Assert.NotEqual(0, TableMetrics.Start());
            store.ObservedItems.Put(new ObservedItem("g", 1, "a"));
            Assert.NotNull(store.ObservedItems.Get("g", 1));

            var ours = durations.GetMeasurementSnapshot()
                .Where(m => m.Tags[StoreMetrics.StoreTag] as string == nameof(ObservedStore) && m.Tags[StoreMetrics.TableTag] as string == "observed_items")
                .ToList();
            Assert.Equal(["put", "get"], ours.Select(m => (string)m.Tags[StoreMetrics.OperationTag]!));
            Assert.All(ours, m => Assert.True(m.Value >= 0, $"duration {m.Value}"));
        }

        Assert.Equal(0, TableMetrics.Start());
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void EngineGauges_ReportAnOpenStore_AndForgetItOnceDisposed(bool rocksDb)
    {
        using var keys = new MetricCollector<long>(null, StoreMetrics.MeterName, "typedstore.engine.estimated_keys");
        ObservedStore store = Open(rocksDb);
        for (int i = 0; i < 100; i++)
        {
            store.ObservedItems.Put(new ObservedItem("g", i, "n"));
        }

        keys.RecordObservableInstruments();
        long estimated = Assert.Single(keys.GetMeasurementSnapshot(), m => m.Tags[StoreMetrics.StoreTag] as string == nameof(ObservedStore)).Value;
        Assert.InRange(estimated, 100, 1_000);           // the rows, plus the catalog's few

        store.Dispose();
        keys.Clear();
        keys.RecordObservableInstruments();
        Assert.DoesNotContain(keys.GetMeasurementSnapshot(), m => m.Tags[StoreMetrics.StoreTag] as string == nameof(ObservedStore));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public void Open_LogsTheStore_AndTheTablesItRecordsFirst(bool rocksDb)
    {
        using var logs = new FakeLoggerProvider();
        using (ObservedStore store = Open(rocksDb, logs))
        {
            store.ObservedItems.Put(new ObservedItem("g", 1, "a"));
        }

        IReadOnlyList<FakeLogRecord> records = logs.Collector.GetSnapshot();
        Assert.All(records, r => Assert.Equal(StoreLog.Category, r.Category));
        FakeLogRecord created = Assert.Single(records, r => r.Id.Name == "TableCreated");
        Assert.Contains("observed_items", created.Message, StringComparison.Ordinal);
        FakeLogRecord opened = Assert.Single(records, r => r.Id.Name == "StoreOpened");
        Assert.Equal(LogLevel.Information, opened.Level);
        Assert.Equal(nameof(ObservedStore), opened.GetStructuredStateValue("Store"));
        Assert.True(records.ToList().IndexOf(created) < records.ToList().IndexOf(opened), "the catalog is recorded before the open completes");

        // A second open (RocksDB keeps the catalog) records nothing new, so only the open itself is logged.
        if (rocksDb)
        {
            logs.Collector.Clear();
            using (Open(rocksDb, logs))
            {
            }

            Assert.Equal(["StoreOpened", "StoreClosed"], logs.Collector.GetSnapshot().Select(r => r.Id.Name));
        }
    }

    [Fact]
    public void IndexBuild_AndDrop_AreLogged_WithProgress()
    {
        string path = Path.Combine(_root, "people");
        using (PeopleV1Store v1 = PeopleV1Store.Open(path))
        {
            v1.People.PutMany(Enumerable.Range(0, 12_000).Select(i => new PersonV1(i, $"p{i}@x", "c" + (i % 3))));
        }

        using var logs = new FakeLoggerProvider();
        using (PeopleV2Store.Open(path, new StoreOptions { LoggerFactory = new ProviderFactory(logs) }))
        {
        }

        IReadOnlyList<FakeLogRecord> built = logs.Collector.GetSnapshot();
        Assert.Equal(["by_city", "by_email"], built.Where(r => r.Id.Name == "IndexBuilt").Select(r => (string)r.GetStructuredStateValue("Index")!).Order());
        Assert.All(built.Where(r => r.Id.Name == "IndexBuilt"), r => Assert.Equal("12000", r.GetStructuredStateValue("Total")));
        Assert.Equal(2, built.Count(r => r.Id.Name == "IndexBuildStarted"));
        Assert.Equal(4, built.Count(r => r.Id.Name == "IndexBuildProgress"));   // two chunks of 10,000 per index

        logs.Collector.Clear();
        using (PeopleV3Store.Open(path, new StoreOptions { LoggerFactory = new ProviderFactory(logs) }))
        {
        }

        FakeLogRecord dropped = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Name == "IndexDropped");
        Assert.Equal("by_email", dropped.GetStructuredStateValue("Index"));
    }

    private ObservedStore Open(bool rocksDb, FakeLoggerProvider? logs = null)
    {
        StoreOptions options = new() { LoggerFactory = logs is null ? null : new ProviderFactory(logs) };
        return rocksDb ? ObservedStore.Open(Path.Combine(_root, "observed"), options) : ObservedStore.OpenInMemory(options);
    }

    private static Dictionary<string, long> Counted(MetricCollector<long> operations, bool rocksDb)
    {
        Dictionary<string, long> counted = [];
        foreach (CollectedMeasurement<long> measurement in operations.GetMeasurementSnapshot())
        {
            if (measurement.Tags[StoreMetrics.StoreTag] as string == nameof(ObservedStore)
                && measurement.Tags[StoreMetrics.TableTag] as string == "observed_items")
            {
                string operation = (string)measurement.Tags[StoreMetrics.OperationTag]!;
                counted[operation] = counted.GetValueOrDefault(operation) + measurement.Value;
            }
        }

        Assert.True(counted.Count > 0, $"nothing counted on {(rocksDb ? "RocksDB" : "memory")}");
        return counted;
    }

    // The library takes an ILoggerFactory; the tests' fake provider is all it needs to create loggers.
    private sealed class ProviderFactory(ILoggerProvider provider) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName) => provider.CreateLogger(categoryName);

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public void Dispose()
        {
        }
    }
}
