using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace TypedStore.Hosting.Tests;

/// <summary>
/// Options of AddTypedStore: bound from configuration (by generated code), overridden by a delegate, kept apart per
/// store type, and validated when the host starts, before anything is opened.
/// </summary>
public sealed class HostingOptionsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static IConfiguration Configuration(params (string Key, string Value)[] values)
    {
        Dictionary<string, string?> data = [];
        foreach ((string key, string value) in values)
        {
            data[key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(data).Build();
    }

    private static IHost BuildHost(Action<IServiceCollection> register)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        register(builder.Services);
        return builder.Build();
    }

    [Fact]
    public void Every_option_is_bound_from_the_configuration_section()
    {
        string path = _directory.Sub("bound");
        IConfiguration configuration = Configuration(
            ("Stores:Chat:Path", path),
            ("Stores:Chat:SyncWrites", "true"),
            ("Stores:Chat:ReadOnly", "false"),
            ("Stores:Chat:CreateIfMissing", "true"),
            ("Stores:Chat:StreamEvictionInterval", "00:00:30"),
            ("Stores:Chat:BlockCacheBytes", "8388608"),
            ("Stores:Chat:MemtableBloomFilterRatio", "0.1"));
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(configuration.GetSection("Stores:Chat"));
        using ServiceProvider provider = services.BuildServiceProvider();

        TypedStoreOptions options = provider.GetRequiredService<IOptionsMonitor<TypedStoreOptions>>().Get(TypedStoreOptionsName.Of<HostedStore>());
        Assert.Equal(path, options.Path);
        Assert.False(options.InMemory);
        Assert.True(options.SyncWrites);
        Assert.False(options.DisableWal);
        Assert.Equal(TimeSpan.FromSeconds(30), options.StreamEvictionInterval);
        Assert.Equal(8L * 1024 * 1024, options.BlockCacheBytes);
        Assert.Equal(0.1, options.MemtableBloomFilterRatio);

        provider.GetRequiredService<HostedStore>().Users.Put(new HostedUser("u1", "Ada"));
        Assert.True(Directory.Exists(path));
    }

    [Theory]
    [InlineData("0.1", 0.1)]
    [InlineData("0", 0.0)]
    [InlineData(null, RocksDbOptions.DefaultMemtableBloomFilterRatio)]
    public void MemtableBloomFilterRatio_from_configuration_reaches_RocksDB(string? configured, double expected)
    {
        string path = _directory.Sub("bloom-" + (configured ?? "unset"));
        List<(string Key, string Value)> values = [("Stores:Chat:Path", path)];
        if (configured is not null)
        {
            values.Add(("Stores:Chat:MemtableBloomFilterRatio", configured));
        }

        IConfiguration configuration = Configuration([.. values]);
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(configuration.GetSection("Stores:Chat"));
        using (ServiceProvider provider = services.BuildServiceProvider())
        {
            provider.GetRequiredService<HostedStore>().Users.Put(new HostedUser("u1", "Ada"));
        }

        // RocksDB records the options each open used in OPTIONS-<number> (the newest is the last open's); every column
        // family lists the ratio, and every one got the store's.
        string file = Directory.EnumerateFiles(path, "OPTIONS-*")
            .OrderBy(name => long.Parse(System.IO.Path.GetFileName(name)["OPTIONS-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Last();
        const string Prefix = "memtable_prefix_bloom_size_ratio=";
        List<double> stored = [];
        foreach (string line in File.ReadLines(file))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith(Prefix, StringComparison.Ordinal))
            {
                stored.Add(double.Parse(trimmed[Prefix.Length..], System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.NotEmpty(stored);
        Assert.All(stored, ratio => Assert.Equal(expected, ratio, 6));
    }

    [Fact]
    public void The_delegate_runs_after_the_binding()
    {
        IConfiguration configuration = Configuration(("Stores:Chat:Path", _directory.Sub("from-config")));
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(configuration.GetSection("Stores:Chat"), o =>
        {
            o.Path = null;
            o.InMemory = true;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<HostedStore>().Users.Put(new HostedUser("u1", "Ada"));
        Assert.False(Directory.Exists(_directory.Sub("from-config")));
    }

    [Fact]
    public void Two_store_types_in_one_container_keep_their_own_options()
    {
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(o => o.InMemory = true);
        services.AddTypedStore<OtherHostedStore>(o => o.Path = _directory.Sub("other"));
        using ServiceProvider provider = services.BuildServiceProvider();

        provider.GetRequiredService<HostedStore>().Users.Put(new HostedUser("u1", "in memory"));
        provider.GetRequiredService<OtherHostedStore>().Users.Put(new HostedUser("u1", "on disk"));

        Assert.Equal("in memory", provider.GetRequiredService<HostedStore>().Users.Get("u1")?.Name);
        Assert.Equal("on disk", provider.GetRequiredService<OtherHostedStore>().Users.Get("u1")?.Name);
        Assert.True(Directory.Exists(_directory.Sub("other")));
    }

    [Fact]
    public void Registering_the_same_store_twice_is_refused_by_name()
    {
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(o => o.InMemory = true);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => services.AddTypedStore<HostedStore>(o => o.InMemory = true));
        Assert.Contains("HostedStore is already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_TimeProvider_in_the_container_is_the_stores_clock()
    {
        DateTimeOffset now = new(2031, 5, 6, 7, 8, 9, TimeSpan.Zero);
        ServiceCollection services = new();
        services.AddSingleton<TimeProvider>(new FixedTimeProvider(now));
        services.AddTypedStore<HostedStore>(o => o.InMemory = true);
        using ServiceProvider provider = services.BuildServiceProvider();

        HostedStore store = provider.GetRequiredService<HostedStore>();
        store.Users.Put(new HostedUser("u1", "Ada"));
        Assert.Equal(now, store.Users.GetEntry("u1")?.Updated);
    }

    public static TheoryData<string, (string Key, string Value)[], string> BadOptions => new()
    {
        { "neither Path nor InMemory", [("Stores:Chat:SyncWrites", "true")], "set Path to the store's directory, or InMemory to true" },
        { "both Path and InMemory", [("Stores:Chat:Path", "/tmp/x"), ("Stores:Chat:InMemory", "true")], "set either Path or InMemory, not both" },
        { "a missing section", [("Stores:Other:Path", "/tmp/x")], "The section 'Stores:Chat' does not exist" },
        { "SyncWrites with DisableWal", [("Stores:Chat:InMemory", "true"), ("Stores:Chat:SyncWrites", "true"), ("Stores:Chat:DisableWal", "true")], "SyncWrites and DisableWal cannot both be set" },
        { "a zero eviction interval", [("Stores:Chat:InMemory", "true"), ("Stores:Chat:StreamEvictionInterval", "00:00:00")], "StreamEvictionInterval is 00:00:00" },
        { "a negative block cache", [("Stores:Chat:Path", "/tmp/x"), ("Stores:Chat:BlockCacheBytes", "-1")], "BlockCacheBytes is -1" },
        { "a block cache for memory", [("Stores:Chat:InMemory", "true"), ("Stores:Chat:BlockCacheBytes", "1024")], "BlockCacheBytes tunes RocksDB" },
        { "a negative bloom filter ratio", [("Stores:Chat:Path", "/tmp/x"), ("Stores:Chat:MemtableBloomFilterRatio", "-0.01")], "MemtableBloomFilterRatio is -0.01; it must be from 0 (no filter) to 0.25" },
        { "a bloom filter ratio over RocksDB's cap", [("Stores:Chat:Path", "/tmp/x"), ("Stores:Chat:MemtableBloomFilterRatio", "0.3")], "MemtableBloomFilterRatio is 0.3; it must be from 0 (no filter) to 0.25" },
        { "a bloom filter ratio that is not a number", [("Stores:Chat:Path", "/tmp/x"), ("Stores:Chat:MemtableBloomFilterRatio", "NaN")], "MemtableBloomFilterRatio is NaN" },
        { "a bloom filter for memory", [("Stores:Chat:InMemory", "true"), ("Stores:Chat:MemtableBloomFilterRatio", "0.02")], "MemtableBloomFilterRatio tunes RocksDB" },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public async Task Bad_options_stop_the_host_at_start_naming_store_section_and_option(string because, (string Key, string Value)[] values, string expected)
    {
        IConfiguration configuration = Configuration(values);
        using IHost host = BuildHost(services => services.AddTypedStore<HostedStore>(configuration.GetSection("Stores:Chat")));

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Contains("TypedStore options of HostedStore (configuration section 'Stores:Chat')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_with_valid_options_starts_and_nothing_is_opened_until_used()
    {
        string path = _directory.Sub("lazy");
        using IHost host = BuildHost(services => services.AddTypedStore<HostedStore>(o => o.Path = path));

        await host.StartAsync();
        Assert.False(Directory.Exists(path));
        host.Services.GetRequiredService<HostedStore>().Users.Put(new HostedUser("u1", "Ada"));
        await host.StopAsync();
        Assert.True(Directory.Exists(path));
    }

    [Fact]
    public async Task Options_set_by_a_delegate_are_validated_too_and_name_no_section()
    {
        using IHost host = BuildHost(services => services.AddTypedStore<HostedStore>(o => o.SyncWrites = true));

        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("TypedStore options of HostedStore: set Path to the store's directory, or InMemory to true.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_host_bad_options_fail_when_the_store_is_first_resolved_and_nothing_is_created()
    {
        string path = _directory.Sub("never");
        ServiceCollection services = new();
        services.AddTypedStore<HostedStore>(o =>
        {
            o.Path = path;
            o.SyncWrites = true;
            o.DisableWal = true;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        OptionsValidationException error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<HostedStore>());
        Assert.Contains("SyncWrites and DisableWal cannot both be set", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(path));
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
