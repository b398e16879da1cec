// The hosting scenario, as IL and as a NativeAOT binary: options bound from configuration and validated at start, the
// store opened on first use, its health check, and its disposal with the host. Exits 1 on any failed check.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TypedStore;
using TypedStore.Hosting;

int failures = 0;

void Check(bool condition, string what)
{
    if (!condition)
    {
        failures++;
        Console.Error.WriteLine($"FAILED: {what}");
    }
}

IHost BuildHost(Dictionary<string, string?> settings)
{
    HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Services.AddLogging();
    builder.Services.AddTypedStore<NotesStore>(builder.Configuration.GetSection("Stores:Notes"));
    builder.Services.AddHealthChecks().AddTypedStoreHealthCheck<NotesStore>();
    return builder.Build();
}

string directory = Path.Combine(Path.GetTempPath(), "typedstore-hosting-consumer-" + Guid.NewGuid().ToString("N"));
try
{
    NotesStore store;
    using (IHost host = BuildHost(new() { ["Stores:Notes:Path"] = directory, ["Stores:Notes:SyncWrites"] = "true", ["Stores:Notes:BlockCacheBytes"] = "4194304" }))
    {
        await host.StartAsync();
        TypedStoreOptions options = host.Services.GetRequiredService<IOptionsMonitor<TypedStoreOptions>>().Get(TypedStoreOptionsName.Of<NotesStore>());
        Check(options.Path == directory && options.SyncWrites && options.BlockCacheBytes == 4194304, "options bound from configuration");
        Check(!Directory.Exists(directory), "the store is not opened before it is used");

        store = host.Services.GetRequiredService<NotesStore>();
        Check(ReferenceEquals(store, host.Services.GetRequiredService<NotesStore>()), "one store per container");
        store.Notes.Put(new Note("n1", "hello"));
        Check(store.Notes.Get("n1")?.Text == "hello", "the store reads its write");

        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Check(report.Status == HealthStatus.Healthy, $"health check healthy (was {report.Status})");
        await host.StopAsync();
    }

    Check(store.CheckHealth().Status == StoreHealthStatus.Unhealthy, "the store is disposed with the host");

    using (IHost bad = BuildHost(new() { ["Stores:Notes:InMemory"] = "true", ["Stores:Notes:Path"] = directory }))
    {
        string? message = null;
        try
        {
            await bad.StartAsync();
        }
        catch (OptionsValidationException exception)
        {
            message = exception.Message;
        }

        Check(message?.Contains("set either Path or InMemory, not both", StringComparison.Ordinal) == true, $"bad options stop the host at start (message: {message})");
    }
}
catch (Exception exception)
{
    failures++;
    Console.Error.WriteLine($"FAILED with an exception: {exception}");
}
finally
{
    if (Directory.Exists(directory))
    {
        Directory.Delete(directory, recursive: true);
    }
}

Console.WriteLine(failures == 0 ? "hosting scenario: all checks passed" : $"hosting scenario: {failures} check(s) failed");
return failures == 0 ? 0 : 1;

[Table("notes")]
public sealed record Note([property: Key] string NoteId, string Text);

[Store]
public partial class NotesStore { }
