using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Testing;

namespace TypedStore.Hosting.Tests;

/// <summary>
/// AddTypedStore on both engines: one singleton, opened on first use, that works, is disposed with the container, and
/// whose health check follows it.
/// </summary>
public abstract class HostedStoreTests
{
    /// <summary>Points the options at this engine (a directory or memory).</summary>
    protected abstract void UseEngine(TypedStoreOptions options);

    private ServiceProvider BuildProvider()
    {
        ServiceCollection services = new();
        services.AddLogging(); // the health check service logs
        services.AddTypedStore<HostedStore>(UseEngine);
        services.AddHealthChecks().AddTypedStoreHealthCheck<HostedStore>();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void Resolving_twice_returns_one_open_store_that_reads_its_writes()
    {
        using ServiceProvider provider = BuildProvider();
        HostedStore first = provider.GetRequiredService<HostedStore>();
        HostedStore second = provider.GetRequiredService<HostedStore>();

        Assert.Same(first, second);
        first.Users.Put(new HostedUser("u1", "Ada"));
        Assert.Equal("Ada", second.Users.Get("u1")?.Name);
    }

    [Fact]
    public void The_store_logs_through_the_containers_logger_factory()
    {
        ServiceCollection services = new();
        services.AddFakeLogging();
        services.AddTypedStore<HostedStore>(UseEngine);
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<HostedStore>().Users.Put(new HostedUser("u1", "Ada"));
            FakeLogCollector logs = provider.GetFakeLogCollector();
            FakeLogRecord opened = Assert.Single(logs.GetSnapshot(), r => r.Id.Name == "StoreOpened");
            Assert.Equal("TypedStore", opened.Category);
            Assert.Equal(nameof(HostedStore), opened.GetStructuredStateValue("Store"));
        }
    }

    [Fact]
    public void Disposing_the_container_disposes_the_store()
    {
        HostedStore store;
        using (ServiceProvider provider = BuildProvider())
        {
            store = provider.GetRequiredService<HostedStore>();
            store.Users.Put(new HostedUser("u1", "Ada"));
        }

        Assert.Equal(StoreHealthStatus.Unhealthy, store.CheckHealth().Status);
        Assert.Throws<ObjectDisposedException>(() => store.Users.Get("u1"));
    }

    [Fact]
    public async Task Health_check_is_healthy_for_an_open_store_and_reports_a_disposed_one()
    {
        using ServiceProvider provider = BuildProvider();
        HealthCheckService health = provider.GetRequiredService<HealthCheckService>();

        HealthReport open = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, open.Status);
        HealthReportEntry entry = Assert.Single(open.Entries).Value;
        Assert.Contains("HostedStore", entry.Description, StringComparison.Ordinal);

        provider.GetRequiredService<HostedStore>().Dispose();
        HealthReport closed = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Unhealthy, closed.Status);
        Assert.Contains("disposed", closed.Entries["typedstore-HostedStore"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckHealth_of_the_generated_store_follows_its_lifetime()
    {
        using ServiceProvider provider = BuildProvider();
        ITypedStore<HostedStore> store = provider.GetRequiredService<HostedStore>();

        StoreHealth healthy = store.CheckHealth();
        Assert.Equal(StoreHealthStatus.Healthy, healthy.Status);
        Assert.Null(healthy.Exception);

        store.Dispose();
        StoreHealth closed = store.CheckHealth();
        Assert.Equal(StoreHealthStatus.Unhealthy, closed.Status);
        Assert.Contains("HostedStore", closed.Description, StringComparison.Ordinal);
    }
}

public sealed class MemoryHostedStoreTests : HostedStoreTests
{
    protected override void UseEngine(TypedStoreOptions options) => options.InMemory = true;
}

public sealed class RocksDbHostedStoreTests : HostedStoreTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    private string StorePath => _directory.Sub("store");

    protected override void UseEngine(TypedStoreOptions options) => options.Path = StorePath;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void The_store_is_opened_on_first_use_not_when_the_container_is_built()
    {
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(UseEngine);
        using ServiceProvider provider = services.BuildServiceProvider();

        Assert.False(Directory.Exists(StorePath));
        provider.GetRequiredService<HostedStore>();
        Assert.True(Directory.Exists(StorePath));
    }

    [Fact]
    public void A_second_container_reopens_what_the_first_wrote_after_the_first_is_disposed()
    {
        for (int round = 0; round < 2; round++)
        {
            ServiceCollection services = new();
            services.AddTypedStore<HostedStore>(UseEngine);
            using ServiceProvider provider = services.BuildServiceProvider();
            HostedStore store = provider.GetRequiredService<HostedStore>();
            if (round == 0)
            {
                store.Users.Put(new HostedUser("u1", "Ada"));
            }
            else
            {
                Assert.Equal("Ada", store.Users.Get("u1")?.Name);
            }
        }
    }

    [Fact]
    public async Task Health_check_reports_a_store_that_cannot_open_and_recovers_once_it_can()
    {
        using (HostedStore seeded = HostedStore.Open(StorePath))
        {
            seeded.Users.Put(new HostedUser("u1", "Ada"));
        }

        ServiceCollection services = new();
        services.AddLogging(); // the health check service logs
        services.AddTypedStore<HostedStore>(UseEngine);
        services.AddHealthChecks().AddTypedStoreHealthCheck<HostedStore>(failureStatus: HealthStatus.Degraded);
        using ServiceProvider provider = services.BuildServiceProvider();
        HealthCheckService health = provider.GetRequiredService<HealthCheckService>();

        HealthReportEntry locked;
        using (HostedStore.Open(StorePath))
        {
            locked = (await health.CheckHealthAsync()).Entries["typedstore-HostedStore"];
        }

        Assert.Equal(HealthStatus.Degraded, locked.Status);
        Assert.IsType<StoreLockedException>(locked.Exception);
        Assert.Contains("could not be opened", locked.Description, StringComparison.Ordinal);

        HealthReport afterUnlock = await health.CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, afterUnlock.Status);
        Assert.Equal("Ada", provider.GetRequiredService<HostedStore>().Users.Get("u1")?.Name);
    }
}
